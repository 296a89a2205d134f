import { Group, Paper, SimpleGrid, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../shared/format/format';
import { EChart } from '../../../shared/ui/echart';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import type { PeriodFilter } from '../api/pnl.api';
import { useAbcdx, useMigration, usePortfolio } from '../hooks/use-pnl';
import { ExportLinks } from './export-links';
import { PeriodPicker } from './period-picker';
import { SegmentPnlPanel } from './segment-pnl-panel';

/** Segments side by side for a period, trend per segment, ABCDX of the latest run, migration; click a row for its P&L. */
export function PortfolioPnl({ period: initial, onlyMine = false }: { period: PeriodFilter; onlyMine?: boolean }) {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<PeriodFilter>(initial);
  const portfolio = usePortfolio(period);
  const f = useFormatters(portfolio.data?.currency);
  const [selected, setSelected] = useState<string | null>(null);
  const picker = (
    <Group justify="flex-end" mb="sm">
      <PeriodPicker value={period} onChange={setPeriod} resolved={portfolio.data?.period} />
    </Group>
  );
  if (portfolio.isError) return <>{picker}<ErrorState error={portfolio.error} onRetry={() => void portfolio.refetch()} /></>;
  if (!portfolio.data) return <>{picker}<TableSkeleton rows={5} columns={7} /></>;
  const d = portfolio.data;
  if (d.rows.length === 0) return <>{picker}<EmptyState title={t('pnl.portfolio.empty')} /></>;
  const current = selected ?? (onlyMine ? d.rows[0]?.segmentId : null);
  const pct = (v: string | null) => (v === null ? '—' : f.percent(Number(v), 1));
  const months = [...new Set(d.trend.flatMap((s) => s.points.map((p) => p.month)))].sort();
  const trendOption = {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 70, right: 20, top: 20, bottom: 50 },
    xAxis: { type: 'category', data: months.map((m) => f.month(m)) },
    yAxis: { type: 'value' },
    series: d.trend.map((s) => {
      const by = new Map(s.points.map((p) => [p.month, Number(p.netRevenue)]));
      return { name: s.segmentName, type: 'line', smooth: true, showSymbol: false, data: months.map((m) => by.get(m) ?? 0) };
    }),
  };
  return (
    <>
      {picker}
      <Paper withBorder radius="md" p="md" mb="lg">
        <Group justify="space-between" mb="xs">
          <Title order={5}>{t('pnl.portfolio.tableTitle', { from: f.month(d.period.from), to: f.month(d.period.to) })}</Title>
          <ExportLinks table="portfolio" params={period as Record<string, string | undefined>} testId="export-portfolio" />
        </Group>
        <Table highlightOnHover data-testid="portfolio-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('pnl.portfolio.segment')}</Table.Th>
              <Table.Th>{t('pnl.portfolio.owner')}</Table.Th>
              <Table.Th ta="right">{t('pnl.lines.netRevenue')}</Table.Th>
              <Table.Th ta="right">{t('pnl.lines.grossMargin')}</Table.Th>
              <Table.Th ta="right">{t('pnl.lines.contributionMargin')}</Table.Th>
              <Table.Th ta="right">{t('pnl.portfolio.growth')}</Table.Th>
              <Table.Th ta="right">NRR</Table.Th>
              <Table.Th ta="right">{t('pnl.portfolio.customers')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...d.rows, d.total].map((r) => (
              <Table.Tr
                key={r.segmentId}
                onClick={r.segmentId === 'total' ? undefined : () => setSelected(r.segmentId)}
                style={{ cursor: r.segmentId === 'total' ? undefined : 'pointer' }}
                fw={r.segmentId === 'total' ? 700 : undefined}
                bg={r.segmentId === current ? 'var(--mantine-color-blue-light)' : undefined}
                data-testid={`portfolio-row-${r.segmentId}`}
              >
                <Table.Td>{r.segmentId === '0' ? t('pnl.unsegmented') : r.segmentId === 'total' ? t('pnl.total') : r.segmentName}</Table.Td>
                <Table.Td>{r.ownerName ?? (r.segmentId === '0' || r.segmentId === 'total' ? '' : <Text c="orange" size="sm">{t('pnl.portfolio.noOwner')}</Text>)}</Table.Td>
                <Table.Td ta="right">{f.money(r.netRevenue)}</Table.Td>
                <Table.Td ta="right" data-testid={`margin-${r.segmentId}`}>{f.money(r.grossMargin)}</Table.Td>
                <Table.Td ta="right">{f.money(r.contributionMargin)}</Table.Td>
                <Table.Td ta="right">{pct(r.growth)}</Table.Td>
                <Table.Td ta="right">{pct(r.nrr)}</Table.Td>
                <Table.Td ta="right">{f.number(r.customers)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <SimpleGrid cols={{ base: 1, lg: onlyMine ? 1 : 2 }} mb="lg">
        <Paper withBorder radius="md" p="md">
          <Title order={6} mb="xs">
            {t('pnl.portfolio.trendTitle')}
          </Title>
          <EChart option={trendOption} height={300} testId="portfolio-trend-chart" />
        </Paper>
        {onlyMine ? null : <AbcdxCard />}
      </SimpleGrid>
      {onlyMine ? null : <MigrationCard />}
      {current ? <SegmentPnlPanel key={current} segmentId={current} period={period} /> : <Text c="dimmed" size="sm">{t('pnl.portfolio.pickRow')}</Text>}
    </>
  );
}

function AbcdxCard() {
  const { t } = useTranslation();
  const abcdx = useAbcdx();
  return (
    <Paper withBorder radius="md" p="md" data-testid="abcdx-card">
      <Title order={6} mb="xs">
        {t('pnl.abcdx.title')}
      </Title>
      {abcdx.data && abcdx.data.items.length > 0 ? (
        <EChart
          height={300}
          testId="abcdx-chart"
          option={{
            tooltip: {},
            xAxis: { type: 'category', data: abcdx.data.items.map((i) => i.label) },
            yAxis: { type: 'value' },
            series: [{ type: 'bar', data: abcdx.data.items.map((i) => i.customers) }],
          }}
        />
      ) : abcdx.isPending ? null : (
        <EmptyState title={t('pnl.abcdx.empty')} description={t('pnl.abcdx.emptyHint')} />
      )}
    </Paper>
  );
}

function MigrationCard() {
  const { t } = useTranslation();
  const f = useFormatters();
  const [since, setSince] = useState('2025-10-01');
  const migration = useMigration(since);
  const flows = migration.data?.items ?? [];
  const names = [...new Set(flows.flatMap((x) => [`${x.fromSegmentName} ›`, `› ${x.toSegmentName}`]))];
  return (
    <Paper withBorder radius="md" p="md" mb="lg" data-testid="migration-card">
      <Group justify="space-between" mb="xs">
        <Title order={6}>{t('pnl.migration.title')}</Title>
        <Group gap="xs">
          <TextInput size="xs" type="date" value={since} onChange={(e) => e.currentTarget.value && setSince(e.currentTarget.value)} aria-label={t('pnl.migration.since')} />
          <ExportLinks table="migration" params={{ since }} testId="export-migration" />
        </Group>
      </Group>
      {flows.length === 0 ? (
        <EmptyState title={t('pnl.migration.empty')} />
      ) : (
        <EChart
          height={260}
          option={{
            tooltip: {
              formatter: (p: { data: { source?: string; target?: string; value?: number; revenue?: string } }) =>
                p.data.source ? `${p.data.source} ${p.data.target}: ${p.data.value} · ${f.money(p.data.revenue)}` : '',
            },
            series: [
              {
                type: 'sankey',
                data: names.map((name) => ({ name })),
                links: flows.map((x) => ({ source: `${x.fromSegmentName} ›`, target: `› ${x.toSegmentName}`, value: x.customers, revenue: x.revenue })),
              },
            ],
          }}
        />
      )}
    </Paper>
  );
}
