import { Group, Paper, ScrollArea, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../shared/format/format';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import type { PeriodFilter } from '../api/pnl.api';
import { useDrillCustomers, useDrillTransactions } from '../hooks/use-pnl';
import { ExportLinks } from './export-links';

/** From a figure to the customers behind it, and from a customer to the transactions. */
export function DrillPanel({ segmentId, period, sort }: { segmentId: string; period: PeriodFilter; sort: 'revenue' | 'margin' }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const [customerId, setCustomerId] = useState<string | undefined>();
  const customers = useDrillCustomers(segmentId, period, sort);
  const txs = useDrillTransactions(segmentId, period, customerId);
  const params = { segmentId, from: period.from, to: period.to };
  return (
    <Paper withBorder radius="md" p="md" data-testid="drill-panel">
      <Group justify="space-between" mb="xs">
        <Title order={6}>{t(sort === 'margin' ? 'pnl.drill.customersByMargin' : 'pnl.drill.customersByRevenue', { count: customers.data?.total ?? 0 })}</Title>
        <ExportLinks table="segment-customers" params={{ ...params, sort }} testId="export-customers" />
      </Group>
      {customers.isError ? <ErrorState error={customers.error} onRetry={() => void customers.refetch()} /> : null}
      {customers.isPending ? (
        <TableSkeleton rows={4} columns={4} />
      ) : customers.data && customers.data.items.length === 0 ? (
        <EmptyState title={t('pnl.drill.noCustomers')} />
      ) : customers.data ? (
        <ScrollArea h={260}>
          <Table striped highlightOnHover data-testid="drill-customers">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('pnl.drill.customer')}</Table.Th>
                <Table.Th ta="right">{t('pnl.lines.netRevenue')}</Table.Th>
                <Table.Th ta="right">{t('pnl.lines.costOfGoods')}</Table.Th>
                <Table.Th ta="right">{t('pnl.lines.grossMargin')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {customers.data.items.map((c) => (
                <Table.Tr
                  key={c.customerId}
                  onClick={() => setCustomerId(c.customerId)}
                  style={{ cursor: 'pointer' }}
                  bg={c.customerId === customerId ? 'var(--mantine-color-blue-light)' : undefined}
                  data-testid={`drill-customer-${c.customerId}`}
                >
                  <Table.Td>
                    {c.name} <Text span c="dimmed" size="xs">{c.externalId}</Text>
                  </Table.Td>
                  <Table.Td ta="right">{f.money(c.netRevenue)}</Table.Td>
                  <Table.Td ta="right">{f.money(c.costOfGoods)}</Table.Td>
                  <Table.Td ta="right">{f.money(c.grossMargin)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      ) : null}
      {customerId ? (
        <>
          <Group justify="space-between" mt="md" mb="xs">
            <Title order={6}>{t('pnl.drill.transactions', { count: txs.data?.total ?? 0 })}</Title>
            <ExportLinks table="segment-transactions" params={{ ...params, customerId }} testId="export-transactions" />
          </Group>
          {txs.isPending ? (
            <TableSkeleton rows={3} columns={5} />
          ) : txs.isError ? (
            <ErrorState error={txs.error} />
          ) : (
            <ScrollArea h={320}>
            <Table striped data-testid="drill-transactions">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('pnl.drill.date')}</Table.Th>
                  <Table.Th>{t('pnl.drill.type')}</Table.Th>
                  <Table.Th>{t('pnl.drill.product')}</Table.Th>
                  <Table.Th ta="right">{t('pnl.drill.amount')}</Table.Th>
                  <Table.Th ta="right">{t('pnl.lines.discounts')}</Table.Th>
                  <Table.Th ta="right">{t('pnl.lines.costOfGoods')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {txs.data?.items.map((x) => (
                  <Table.Tr key={x.id}>
                    <Table.Td>{f.date(x.occurredOn)}</Table.Td>
                    <Table.Td>{t(`pnl.txType.${x.type}`)}</Table.Td>
                    <Table.Td>{x.productName ?? '—'}</Table.Td>
                    <Table.Td ta="right">{f.money(x.amount)}</Table.Td>
                    <Table.Td ta="right">{f.money(x.discount)}</Table.Td>
                    <Table.Td ta="right">{f.money(x.costOfGoods)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            </ScrollArea>
          )}
        </>
      ) : (
        <Text size="sm" c="dimmed" mt="sm">
          {t('pnl.drill.pickCustomer')}
        </Text>
      )}
    </Paper>
  );
}
