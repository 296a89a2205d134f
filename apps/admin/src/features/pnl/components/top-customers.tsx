import { Anchor, Group, Paper, Table, Text, Title } from '@mantine/core';
import { IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../../shared/format/format';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import type { PeriodFilter } from '../api/pnl.api';
import { useTopCustomers } from '../hooks/use-pnl';
import { Sparkline } from './sparkline';

/** The segment's ten customers with the most net revenue in the period, their change and 12-month trend. */
export function TopCustomers({ segmentId, period }: { segmentId: string; period: PeriodFilter }) {
  const { t } = useTranslation();
  const q = useTopCustomers(segmentId, period);
  const f = useFormatters(q.data?.currency);
  return (
    <Paper withBorder radius="md" p="md" data-testid="top-customers">
      <Group justify="space-between" mb="xs">
        <Title order={6}>{q.data ? t('pnl.top.title', { from: f.month(q.data.period.from), to: f.month(q.data.period.to) }) : t('pnl.top.titleShort')}</Title>
      </Group>
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <TableSkeleton rows={5} columns={4} />
      ) : q.data.items.length === 0 ? (
        <EmptyState icon={<IconUsers size={26} stroke={1.5} />} title={t('pnl.top.empty')} testId="top-customers-empty" />
      ) : (
        <Table data-testid="top-customers-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('pnl.drill.customer')}</Table.Th>
              <Table.Th ta="right">{t('pnl.lines.netRevenue')}</Table.Th>
              <Table.Th ta="right">{t('pnl.top.change')}</Table.Th>
              <Table.Th>{t('pnl.top.trend')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.items.map((c) => {
              const change = c.change === null ? null : Number(c.change);
              return (
                <Table.Tr key={c.customerId} data-testid={`top-customer-${c.customerId}`}>
                  <Table.Td>
                    <Anchor component={Link} to={`/customers/${c.customerId}`} size="sm">
                      {c.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {c.externalId}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm">{f.money(c.netRevenue)}</Text>
                    <Text size="xs" c="dimmed">
                      {t('pnl.top.margin', { value: f.money(c.grossMargin) })}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    {change === null ? (
                      <Text size="xs" c="dimmed">
                        {t('pnl.top.noBase')}
                      </Text>
                    ) : (
                      <Text size="sm" c={change < 0 ? 'red.7' : 'teal.7'}>
                        {change > 0 ? '+' : ''}
                        {f.percent(change, 1)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Sparkline values={c.trend.map((p) => Number(p.netRevenue))} />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
