import { useState } from 'react';
import { Group, Paper, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../shared/format/format';
import { EChart } from '../../../shared/ui/echart';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import type { PeriodFilter } from '../api/pnl.api';
import { useProductRevenue } from '../hooks/use-pnl';
import { ExportLinks } from './export-links';
import { PeriodPicker } from './period-picker';

/** The product owner's products: revenue and margin by segment (a product is never split between scenarios). */
export function ProductRevenue({ period: initial }: { period: PeriodFilter }) {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<PeriodFilter>(initial);
  const q = useProductRevenue(period);
  const f = useFormatters(q.data?.currency);
  const picker = (
    <Group justify="flex-end" mb="sm">
      <PeriodPicker value={period} onChange={setPeriod} resolved={q.data?.period} />
    </Group>
  );
  if (q.isError) return <>{picker}<ErrorState error={q.error} onRetry={() => void q.refetch()} /></>;
  if (!q.data) return <>{picker}<TableSkeleton rows={6} columns={5} /></>;
  const rows = q.data.rows;
  const bundles = q.data.bundles;
  const scenariosOf = (productId: string, segmentId: string) =>
    bundles.find((b) => b.productId === productId)?.segments.find((s) => s.segmentId === segmentId)?.scenarios ?? [];
  if (rows.length === 0) return <>{picker}<EmptyState title={t('pnl.products.empty')} /></>;
  const products = [...new Set(rows.map((r) => r.productName))];
  const segments = [...new Set(rows.map((r) => (r.segmentId === '0' ? t('pnl.unsegmented') : r.segmentName)))];
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 160, right: 20, top: 10, bottom: 40 },
    yAxis: { type: 'category', data: products },
    xAxis: { type: 'value' },
    series: segments.map((s) => ({
      name: s,
      type: 'bar',
      stack: 'rev',
      data: products.map((p) => Number(rows.find((r) => r.productName === p && (r.segmentId === '0' ? t('pnl.unsegmented') : r.segmentName) === s)?.netRevenue ?? 0)),
    })),
  };
  return (
    <>
    {picker}
    <Paper withBorder radius="md" p="md" mb="lg" data-testid="product-revenue">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('pnl.products.title', { from: f.month(q.data.period.from), to: f.month(q.data.period.to) })}</Title>
        <ExportLinks table="products" params={period as Record<string, string | undefined>} testId="export-products" />
      </Group>
      <EChart option={option} height={Math.max(220, products.length * 28)} testId="product-revenue-chart" />
      <Table striped mt="md" data-testid="product-revenue-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('pnl.products.product')}</Table.Th>
            <Table.Th>{t('pnl.portfolio.segment')}</Table.Th>
            <Table.Th ta="right">{t('pnl.lines.netRevenue')}</Table.Th>
            <Table.Th ta="right">{t('pnl.lines.grossMargin')}</Table.Th>
            <Table.Th ta="right">{t('pnl.products.customers')}</Table.Th>
            <Table.Th>{t('pnl.products.scenarios')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={`${r.productId}-${r.segmentId}`}>
              <Table.Td>{r.productName}</Table.Td>
              <Table.Td>{r.segmentId === '0' ? t('pnl.unsegmented') : r.segmentName}</Table.Td>
              <Table.Td ta="right">{f.money(r.netRevenue)}</Table.Td>
              <Table.Td ta="right">{f.money(r.grossMargin)}</Table.Td>
              <Table.Td ta="right">{f.number(r.customers)}</Table.Td>
              <Table.Td>
                {scenariosOf(r.productId, r.segmentId).length === 0 ? (
                  <Text size="xs" c="dimmed">
                    {r.segmentId === '0' ? '' : t('pnl.products.notInBundle')}
                  </Text>
                ) : (
                  <Text size="xs">{scenariosOf(r.productId, r.segmentId).map((sc) => sc.title).join(' · ')}</Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
    </>
  );
}

