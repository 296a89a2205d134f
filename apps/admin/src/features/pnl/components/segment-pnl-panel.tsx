import { Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { SegmentPnlDto } from '@cxs/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../shared/format/format';
import { EChart } from '../../../shared/ui/echart';
import { ErrorState } from '../../../shared/ui/error-state';
import { StatCard } from '../../../shared/ui/stat-card';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import type { PeriodFilter } from '../api/pnl.api';
import { useSegmentPnl } from '../hooks/use-pnl';
import { DrillPanel } from './drill-panel';
import { ExportLinks } from './export-links';
import { usePeriodName, Variance } from './plan-format';

const LINES: { key: keyof SegmentPnlDto['lines']; indent?: boolean; strong?: boolean; drill?: 'revenue' | 'margin' }[] = [
  { key: 'netRevenue', strong: true, drill: 'revenue' },
  { key: 'newRevenue', indent: true },
  { key: 'recurringRevenue', indent: true },
  { key: 'expansionRevenue', indent: true },
  { key: 'discounts' },
  { key: 'refunds' },
  { key: 'costOfGoods' },
  { key: 'grossMargin', strong: true, drill: 'margin' },
  { key: 'acquisitionCost' },
  { key: 'costToServe' },
  { key: 'contributionMargin', strong: true, drill: 'margin' },
];

/** One segment's P&L for a period: lines, customers, retention, plan vs actual, revenue split by month, drill-down. */
export function SegmentPnlPanel({ segmentId, period }: { segmentId: string; period: PeriodFilter }) {
  const { t } = useTranslation();
  const pnl = useSegmentPnl(segmentId, period);
  const f = useFormatters(pnl.data?.currency);
  const [drill, setDrill] = useState<'revenue' | 'margin' | null>(null);
  const periodName = usePeriodName();
  if (pnl.isError) return <ErrorState error={pnl.error} onRetry={() => void pnl.refetch()} />;
  if (!pnl.data) return <TableSkeleton rows={8} columns={2} />;
  const d = pnl.data;
  const ratio = (v: string | null) => (v === null ? '—' : f.percent(Number(v), 1));
  const trendOption = {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 60, right: 20, top: 20, bottom: 40 },
    xAxis: { type: 'category', data: d.trend.map((p) => f.month(p.month)) },
    yAxis: { type: 'value' },
    series: [
      { name: t('pnl.lines.recurringRevenue'), type: 'bar', stack: 'rev', data: d.trend.map((p) => Number(p.recurringRevenue)) },
      { name: t('pnl.lines.newRevenue'), type: 'bar', stack: 'rev', data: d.trend.map((p) => Number(p.newRevenue)) },
      { name: t('pnl.lines.expansionRevenue'), type: 'bar', stack: 'rev', data: d.trend.map((p) => Number(p.expansionRevenue)) },
      { name: t('pnl.lines.grossMargin'), type: 'line', smooth: true, data: d.trend.map((p) => Number(p.grossMargin)) },
    ],
  };
  return (
    <Stack gap="md" data-testid={`segment-pnl-${segmentId}`}>
      <Group justify="space-between">
        <Title order={4}>
          {d.segmentName}{' '}
          <Text span c="dimmed" size="sm" data-testid="segment-pnl-period">
            {f.month(d.period.from)} – {f.month(d.period.to)}
            {d.period.months === 3 || d.period.months === 12
              ? (() => {
                  const name = periodName(d.period.months === 3 ? 'quarter' : 'year', d.period.from);
                  return name === f.month(d.period.from) ? '' : ` · ${name}`;
                })()
              : ''}
          </Text>
        </Title>
        <ExportLinks table="segment-pnl" params={{ segmentId, from: period.from, to: period.to }} testId="export-segment-pnl" />
      </Group>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <StatCard label={t('pnl.counts.atEnd')} value={f.number(d.counts.atEnd)} hint={t('pnl.counts.atStartHint', { count: d.counts.atStart })} />
        <StatCard label={t('pnl.counts.flow')} value={`+${d.counts.new + d.counts.movedIn} / −${d.counts.movedOut + d.counts.churned}`} hint={t('pnl.counts.flowHint', { ...d.counts })} />
        <StatCard label="NRR" value={ratio(d.retention.nrr)} hint={t('pnl.retention.cohort', { count: d.retention.cohortCustomers })} testId="stat-nrr" />
        <StatCard label="GRR" value={ratio(d.retention.grr)} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Paper withBorder radius="md" p="md">
          <Table data-testid="pnl-lines">
            <Table.Tbody>
              {LINES.map((l) => (
                <Table.Tr key={l.key}>
                  <Table.Td pl={l.indent ? 'xl' : undefined} fw={l.strong ? 600 : undefined}>
                    {t(`pnl.lines.${l.key}`)}
                  </Table.Td>
                  <Table.Td ta="right" fw={l.strong ? 600 : undefined}>
                    {l.drill ? (
                      <Button variant="subtle" size="compact-sm" onClick={() => setDrill(l.drill!)} data-testid={`drill-${l.key}`}>
                        {f.money(d.lines[l.key])}
                      </Button>
                    ) : (
                      f.money(d.lines[l.key])
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
        <Paper withBorder radius="md" p="md">
          <Title order={6} mb="xs">
            {t('pnl.trendTitle')}
          </Title>
          <EChart option={trendOption} height={300} testId="segment-trend-chart" />
        </Paper>
      </SimpleGrid>
      {d.plans.length > 0 ? (
        <Paper withBorder radius="md" p="md">
          <Title order={6} mb="xs">
            {t('pnl.plan.title')}
          </Title>
          <Table data-testid="plan-vs-actual">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('pnl.plan.period')}</Table.Th>
                <Table.Th ta="right">{t('pnl.plan.revenue')}</Table.Th>
                <Table.Th ta="right">{t('pnl.plan.margin')}</Table.Th>
                <Table.Th ta="right">{t('pnl.plan.customers')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.plans.map((p) => (
                <Table.Tr key={p.planId} data-testid={`pnl-plan-${p.planId}`}>
                  <Table.Td>
                    {periodName(p.periodKind, p.periodStart)}{' '}
                    <Badge size="xs" variant="light" color={p.status === 'approved' ? 'green' : 'yellow'}>
                      {t(`pnl.plan.status.${p.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">
                    {f.money(p.revenueActual)} <Text span c="dimmed" size="xs">{t('pnl.plan.of', { target: f.money(p.revenueTarget) })}</Text>
                    <Variance value={p.revenueVariance} pct={p.revenueVariancePct} format={(v) => f.money(v)} />
                  </Table.Td>
                  <Table.Td ta="right">
                    {f.money(p.marginActual)} <Text span c="dimmed" size="xs">{t('pnl.plan.of', { target: f.money(p.marginTarget) })}</Text>
                    <Variance value={p.marginVariance} pct={p.marginVariancePct} format={(v) => f.money(v)} />
                  </Table.Td>
                  <Table.Td ta="right">
                    {f.number(p.customersActual)} <Text span c="dimmed" size="xs">{t('pnl.plan.of', { target: f.number(p.customersTarget) })}</Text>
                    <Variance value={String(p.customersVariance)} pct={p.customersVariancePct} format={(v) => f.number(v)} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ) : null}
      {drill ? <DrillPanel segmentId={segmentId} period={period} sort={drill} /> : null}
    </Stack>
  );
}
