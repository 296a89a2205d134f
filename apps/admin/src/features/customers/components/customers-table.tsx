import { Anchor, Badge, Box, Group, Paper, Table, Text } from '@mantine/core';
import type { CustomerListItem, CustomerQuery } from '@cxs/contracts';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../../shared/format/format';
import { SortHeader } from '../../../shared/ui/sort-header';
import { SORTS } from '../lib/customer-query';

type Sort = (typeof SORTS)[number];
const col = createColumnHelper<CustomerListItem>();

interface ColumnMeta {
  sort?: Sort;
  align?: 'right';
  width?: number;
}

export function CustomersTable({
  items,
  query,
  onSort,
  fetching,
}: {
  items: CustomerListItem[];
  query: CustomerQuery;
  onSort: (column: Sort) => void;
  fetching: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormatters();

  const columns = useMemo(
    () => [
      col.accessor('name', {
        header: () => t('customers.columns.name'),
        meta: { sort: 'name' } satisfies ColumnMeta,
        cell: (c) => {
          const r = c.row.original;
          return (
            <Box miw={200} maw={280}>
              <Anchor component={Link} to={`/customers/${r.id}`} size="sm" fw={600} data-testid="customer-link" lineClamp={1}>
                {r.name}
              </Anchor>
              <Text size="xs" c="dimmed">
                {r.externalId}
                {r.notInCrm ? (
                  <Badge component="span" size="xs" color="orange" variant="light" ml={6} radius="sm">
                    {t('customers.notInCrm')}
                  </Badge>
                ) : null}
              </Text>
            </Box>
          );
        },
      }),
      col.accessor('industry', {
        header: () => t('customers.columns.industry'),
        cell: (c) => {
          const v = c.getValue();
          const region = c.row.original.region;
          return (
            <div>
              {v ? <Text size="sm">{t(`industries.${v}`, { defaultValue: v })}</Text> : <Text size="sm" c="dimmed">{t('common.unknown')}</Text>}
              {region ? (
                <Text size="xs" c="dimmed">
                  {t(`regions.${region}`, { defaultValue: region })}
                </Text>
              ) : null}
            </div>
          );
        },
      }),
      col.accessor('employees', {
        header: () => t('customers.columns.size'),
        meta: { sort: 'employees' } satisfies ColumnMeta,
        cell: (c) => {
          const r = c.row.original;
          return (
            <div style={{ whiteSpace: 'nowrap' }}>
              {!r.sizeBand && r.employees === null ? (
                <Text size="sm" c="dimmed">
                  {t('common.unknown')}
                </Text>
              ) : (
                <Text size="sm">
                  {r.sizeBand ?? '?'}
                  {r.employees !== null ? (
                    <Text span size="xs" c="dimmed" title={t('customers.employeesShort', { count: r.employees, formatted: f.number(r.employees) })}>
                      {' · '}
                      {f.number(r.employees)}
                    </Text>
                  ) : null}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {r.businessModel ?? '—'}
              </Text>
            </div>
          );
        },
      }),
      col.accessor('segmentName', {
        header: () => t('customers.columns.segment'),
        cell: (c) =>
          c.getValue() ? (
            <Group gap={6} wrap="nowrap" maw={240}>
              <Box w={8} h={8} bg="brand.6" style={{ borderRadius: 4, flexShrink: 0 }} />
              <Text size="sm" lineClamp={2}>
                {c.getValue()}
              </Text>
            </Group>
          ) : (
            <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {t('customers.unsegmented')}
            </Text>
          ),
      }),
      col.accessor('revenue', {
        header: () => t('customers.columns.revenue'),
        meta: { sort: 'revenue', align: 'right' } satisfies ColumnMeta,
        cell: (c) => <Text size="sm" ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{f.money(c.getValue())}</Text>,
      }),
      col.accessor('lastTransactionOn', {
        header: () => t('customers.columns.lastTransaction'),
        meta: { sort: 'lastTransactionOn', align: 'right' } satisfies ColumnMeta,
        cell: (c) => <Text size="sm" ta="right" style={{ whiteSpace: 'nowrap' }}>{f.date(c.getValue())}</Text>,
      }),
    ],
    [t, f],
  );

  const table = useReactTable({
    data: items,
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    getRowId: (r) => r.id,
  });

  return (
    <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
      <Table.ScrollContainer minWidth={960}>
        <Table
          highlightOnHover
          verticalSpacing="xs"
          horizontalSpacing="md"
          data-testid="customers-table"
          style={{ opacity: fetching ? 0.6 : 1, transition: 'opacity 120ms' }}
        >
          <Table.Thead bg="var(--mantine-color-gray-0)">
            {table.getHeaderGroups().map((hg) => (
              <Table.Tr key={hg.id}>
                {hg.headers.map((h) => {
                  const meta = (h.column.columnDef.meta ?? {}) as ColumnMeta;
                  const label = flexRender(h.column.columnDef.header, h.getContext());
                  return (
                    <Table.Th key={h.id} style={{ textAlign: meta.align ?? 'left', whiteSpace: 'nowrap' }}>
                      {meta.sort ? (
                        <SortHeader
                          direction={query.sort === meta.sort ? (query.order ?? 'asc') : false}
                          onToggle={() => onSort(meta.sort!)}
                          testId={`sort-${meta.sort}`}
                          align={meta.align}
                        >
                          {label}
                        </SortHeader>
                      ) : (
                        label
                      )}
                    </Table.Th>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Thead>
          <Table.Tbody>
            {table.getRowModel().rows.map((row) => (
              <Table.Tr key={row.id} data-testid="customer-row">
                {row.getVisibleCells().map((cell) => (
                  <Table.Td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
