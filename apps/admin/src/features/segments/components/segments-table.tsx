import { Anchor, Paper, Table, Text } from '@mantine/core';
import type { SegmentDto } from '@cxs/contracts';
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type SortingState,
} from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../../shared/format/format';
import { SortHeader } from '../../../shared/ui/sort-header';
import { SegmentStatusBadge } from './segment-status-badge';

const col = createColumnHelper<SegmentDto>();

export function SegmentsTable({ segments }: { segments: SegmentDto[] }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const [sorting, setSorting] = useState<SortingState>([{ id: 'memberCount', desc: true }]);

  const columns = useMemo(
    () => [
      col.accessor('name', {
        header: () => t('segments.columns.name'),
        cell: (c) => (
          <div>
            <Anchor component={Link} to={`/segments/${c.row.original.id}`} fw={600} size="sm">
              {c.getValue()}
            </Anchor>
            {c.row.original.description ? (
              <Text size="xs" c="dimmed" lineClamp={1}>
                {c.row.original.description}
              </Text>
            ) : null}
          </div>
        ),
      }),
      col.accessor('behaviourFactor', {
        header: () => t('segments.columns.behaviourFactor'),
        cell: (c) => <Text size="sm">{c.getValue() ?? '—'}</Text>,
      }),
      col.accessor((s) => s.ownerName ?? '', {
        id: 'owner',
        header: () => t('segments.columns.owner'),
        cell: (c) =>
          c.row.original.ownerId ? (
            <Text size="sm">{c.row.original.ownerName}</Text>
          ) : (
            <Text size="sm" c="orange.8" fw={500}>
              {t('segments.noOwner')}
            </Text>
          ),
      }),
      col.accessor('memberCount', {
        header: () => t('segments.columns.members'),
        cell: (c) => <Text size="sm" ta="right">{f.number(c.getValue())}</Text>,
        meta: { align: 'right' },
      }),
      col.accessor('status', {
        header: () => t('segments.columns.status'),
        cell: (c) => <SegmentStatusBadge status={c.getValue()} />,
      }),
      col.accessor('createdAt', {
        header: () => t('segments.columns.created'),
        cell: (c) => <Text size="sm" style={{ whiteSpace: 'nowrap' }}>{f.date(c.getValue())}</Text>,
      }),
    ],
    [t, f],
  );

  const table = useReactTable({
    data: segments,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });

  return (
    <Paper withBorder radius="md">
      <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" data-testid="segments-table">
        <Table.Thead>
          {table.getHeaderGroups().map((hg) => (
            <Table.Tr key={hg.id}>
              {hg.headers.map((h) => {
                const align = (h.column.columnDef.meta as { align?: 'right' } | undefined)?.align;
                return (
                  <Table.Th key={h.id} style={{ textAlign: align ?? 'left', whiteSpace: 'nowrap' }}>
                    <SortHeader direction={h.column.getIsSorted()} onToggle={() => h.column.toggleSorting()} align={align}>
                      {flexRender(h.column.columnDef.header, h.getContext())}
                    </SortHeader>
                  </Table.Th>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Thead>
        <Table.Tbody>
          {table.getRowModel().rows.map((row) => (
            <Table.Tr key={row.id} data-testid="segment-row">
              {row.getVisibleCells().map((cell) => (
                <Table.Td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
