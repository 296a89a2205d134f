import { Anchor, Button, Checkbox, Paper, Progress, Table, Text } from '@mantine/core';
import { IconArrowsDiff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useFormatters } from '../../../shared/format/format';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { PageHeader } from '../../../shared/ui/page-header';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { RunStatusBadge } from '../components/run-status-badge';
import { isActive, useRuns } from '../hooks/use-runs';

export function RunsPage() {
  const { t } = useTranslation();
  const f = useFormatters();
  const runs = useRuns();
  const navigate = useNavigate();
  const [picked, setPicked] = useState<string[]>([]);
  const items = runs.data ?? [];
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p.slice(-1), id]));
  const compare = () => {
    const [x, y] = [...picked].sort((a, b) => Number(a) - Number(b));
    navigate(`/runs/compare?a=${x}&b=${y}`);
  };
  return (
    <>
      <PageHeader
        title={t('seg.runs.title')}
        description={t('seg.runs.description')}
        actions={
          <Button leftSection={<IconArrowsDiff size={16} />} disabled={picked.length !== 2} onClick={compare} data-testid="compare-runs">
            {t('seg.runs.compare')}
          </Button>
        }
      />
      {runs.isError ? <ErrorState error={runs.error} onRetry={() => void runs.refetch()} /> : null}
      {runs.isPending ? (
        <TableSkeleton />
      ) : items.length === 0 ? (
        <EmptyState title={t('seg.runs.empty')} description={t('seg.runs.emptyHint')} />
      ) : (
        <Paper withBorder radius="md">
          <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="runs-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40} />
                <Table.Th>{t('seg.runs.run')}</Table.Th>
                <Table.Th>{t('seg.runs.model')}</Table.Th>
                <Table.Th>{t('seg.runs.status')}</Table.Th>
                <Table.Th>{t('seg.runs.asOf')}</Table.Th>
                <Table.Th ta="right">{t('seg.runs.customers')}</Table.Th>
                <Table.Th>{t('seg.runs.started')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr key={r.id} data-testid={`run-row-${r.id}`}>
                  <Table.Td>
                    <Checkbox checked={picked.includes(r.id)} onChange={() => toggle(r.id)} disabled={r.status !== 'succeeded'} aria-label={t('seg.runs.pick')} data-testid={`pick-run-${r.id}`} />
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/runs/${r.id}`} fw={500}>
                      #{r.id}
                    </Anchor>
                    {r.trigger === 'schedule' ? <Text size="xs" c="dimmed">{t('seg.runs.scheduled')}</Text> : null}
                  </Table.Td>
                  <Table.Td>
                    {r.modelName} <Text span size="xs" c="dimmed">v{r.version}</Text>
                  </Table.Td>
                  <Table.Td w={220}>
                    <RunStatusBadge status={r.status} />
                    {isActive(r) ? <Progress value={r.progress} size="sm" mt={4} animated /> : null}
                    {r.error ? <Text size="xs" c="red" lineClamp={2}>{r.error}</Text> : null}
                  </Table.Td>
                  <Table.Td>{f.date(r.asOf)}</Table.Td>
                  <Table.Td ta="right">{f.number(r.customerCount)}</Table.Td>
                  <Table.Td>{f.dateTime(r.startedAt ?? r.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </>
  );
}
