import type { ClusterDto, OverlayDto, RunResultsDto } from '@cxs/contracts';
import { Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../shared/format/format';
import { EChart } from '../../../shared/ui/echart';
import { labelColor, sortLabels } from '../lib/labels';

/** PCA scatter of (a sample of) customers, one series per cluster so the legend reads A, B, C, D, X. */
export function ClusterScatter({ scatter }: { scatter: NonNullable<RunResultsDto['scatter']> }) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    const labels = sortLabels([...new Set(scatter.points.map((p) => p[2]))]);
    return {
      legend: { data: labels, top: 0 },
      tooltip: { trigger: 'item' },
      grid: { left: 40, right: 20, top: 36, bottom: 40 },
      xAxis: { type: 'value', name: `PC1 (${(scatter.explained[0] * 100).toFixed(0)} %)`, nameLocation: 'middle', nameGap: 26, scale: true },
      yAxis: { type: 'value', name: `PC2 (${(scatter.explained[1] * 100).toFixed(0)} %)`, nameLocation: 'middle', nameGap: 30, scale: true },
      series: labels.map((l, i) => ({
        name: l,
        type: 'scatter',
        symbolSize: 5,
        itemStyle: { color: labelColor(l, i), opacity: 0.7 },
        data: scatter.points.filter((p) => p[2] === l).map((p) => [p[0], p[1]]),
      })),
    };
  }, [scatter]);
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={5}>{t('seg.results.scatter')}</Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('seg.results.scatterHint', { count: scatter.points.length })}
      </Text>
      <EChart option={option} height={360} testId="cluster-chart" />
    </Paper>
  );
}

/** Box plots per parameter: whiskers min–max, box p25–p75, line at the median. */
export function BoxPlots({ clusters }: { clusters: ClusterDto[] }) {
  const { t, i18n } = useTranslation();
  const f = useFormatters();
  const ru = i18n.language.startsWith('ru');
  const params = clusters[0]?.profile ?? [];
  const [column, setColumn] = useState(params[0]?.column ?? '');
  const option = useMemo(() => {
    const idx = params.findIndex((p) => p.column === column);
    const unit = params[idx]?.unit ?? '';
    const fmt = (v: number) => (unit === 'money' ? f.money(v, true) : unit === 'share' ? f.percent(v, 0) : f.number(v, Math.abs(v) < 10 ? 2 : 0));
    // A whale's maximum squeezes every box into a line: use a log axis when all values are positive and span > 2 orders of magnitude.
    // (Quartiles decide: a few customers at 0 should not forbid it; those are drawn at the floor, the tooltip keeps the value.)
    const p25s = clusters.map((c) => c.profile[idx]?.p25 ?? 0);
    const maxs = clusters.map((c) => c.profile[idx]?.max ?? 0);
    const lo = Math.min(...p25s);
    const hi = Math.max(...maxs);
    const log = lo > 0 && hi / lo > 100;
    const floor = lo / 10;
    const at = (v: number) => (log ? Math.max(v, floor) : v);
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; data: { real: number[] } }) => {
          const [min, p25, med, p75, max] = p.data.real;
          return `${p.name}: ${t('seg.results.boxTooltip', { min: fmt(min), p25: fmt(p25), median: fmt(med), p75: fmt(p75), max: fmt(max) })}`;
        },
      },
      grid: { left: 80, right: 20, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: clusters.map((c) => c.label) },
      yAxis: {
        type: log ? 'log' : 'value',
        scale: true,
        name: `${t(`seg.units.${unit || 'number'}`)}${log ? `, ${t('seg.results.logScale')}` : ''}`,
        nameTextStyle: { align: 'left' },
        axisLabel: { formatter: (v: number) => fmt(v) },
      },
      series: [
        {
          type: 'boxplot',
          data: clusters.map((c, i) => {
            const p = c.profile[idx];
            return { value: [at(p.min), at(p.p25), at(p.median), at(p.p75), at(p.max)], real: [p.min, p.p25, p.median, p.p75, p.max], itemStyle: { color: `${labelColor(c.label, i)}33`, borderColor: labelColor(c.label, i) } };
          }),
        },
      ],
    };
  }, [clusters, column, params, f, t]);
  if (params.length === 0) return null;
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('seg.results.boxPlots')}</Title>
      </Group>
      <Select size="xs" mb="sm" w={260} value={column} onChange={(v) => v && setColumn(v)} data={params.map((p) => ({ value: p.column, label: ru ? p.labelRu : p.labelEn }))} aria-label={t('seg.editor.feature')} />
      <EChart option={option} height={280} testId="box-plots" />
    </Paper>
  );
}

export function KChoiceChart({ points }: { points: NonNullable<RunResultsDto['kChoice']> }) {
  const { t } = useTranslation();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: [t('seg.results.inertia'), t('seg.results.silhouette')], top: 0 },
      grid: { left: 60, right: 50, top: 44, bottom: 40 },
      xAxis: { type: 'category', name: t('seg.results.kAxis'), nameLocation: 'middle', nameGap: 26, data: points.map((p) => String(p.k)) },
      yAxis: [
        { type: 'value', name: t('seg.results.inertia'), scale: true },
        { type: 'value', name: t('seg.results.silhouette'), scale: true },
      ],
      series: [
        { name: t('seg.results.inertia'), type: 'line', data: points.map((p) => Math.round(p.inertia)) },
        { name: t('seg.results.silhouette'), type: 'line', yAxisIndex: 1, data: points.map((p) => +p.silhouette.toFixed(3)) },
      ],
    }),
    [points, t],
  );
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={5}>{t('seg.results.kChoice')}</Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('seg.results.kChoiceHint')}
      </Text>
      <EChart option={option} height={260} testId="k-choice-chart" />
    </Paper>
  );
}

/** Market overlay: a heat map of lift per attribute value × cluster, patterns and anomalies said in words. */
export function OverlayHeatmaps({ overlay }: { overlay: OverlayDto[] }) {
  const { t, i18n } = useTranslation();
  const ru = i18n.language.startsWith('ru');
  return (
    <Stack data-testid="overlay">
      <Title order={4}>{t('seg.results.overlay')}</Title>
      <Text size="sm" c="dimmed">
        {t('seg.results.overlayHint')}
      </Text>
      <SimpleGrid cols={{ base: 1, lg: overlay.length > 1 ? 2 : 1 }}>
        {overlay.map((o) => (
          <OverlayCard key={o.attribute} o={o} ru={ru} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function OverlayCard({ o, ru }: { o: OverlayDto; ru: boolean }) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    // The engine's bucket for a missing attribute value is the literal "unknown": show it in the reader's language.
    const values = o.values.map((v) => (v === 'unknown' ? t('seg.results.unknownValue') : v));
    const data = o.cells.map((c) => [o.clusters.indexOf(c.cluster), o.values.indexOf(c.value), +c.lift.toFixed(2), c.flag, c.count]);
    return {
      tooltip: {
        formatter: (p: { data: [number, number, number, string, number] }) =>
          `${o.clusters[p.data[0]]} × ${values[p.data[1]]}: ${t('seg.results.liftTooltip', { lift: p.data[2], count: p.data[4] })}${p.data[3] !== 'none' ? ` — ${t(`seg.results.flag.${p.data[3]}`)}` : ''}`,
      },
      grid: { left: 110, right: 20, top: 10, bottom: 60 },
      xAxis: { type: 'category', data: o.clusters, splitArea: { show: true } },
      yAxis: { type: 'category', data: values, axisLabel: { width: 100, overflow: 'truncate' } },
      visualMap: { dimension: 2, min: 0, max: 2, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, inRange: { color: ['#1c7ed6', '#f8f9fa', '#e03131'] }, text: ['2×', '0'] },
      series: [
        {
          type: 'heatmap',
          data,
          label: { show: true, formatter: (p: { data: [number, number, number, string] }) => `${p.data[2]}${p.data[3] === 'anomaly' ? '‼' : p.data[3] === 'pattern' ? '!' : ''}` },
        },
      ],
    };
  }, [o, t]);
  return (
    <Paper withBorder radius="md" p="md" data-testid={`overlay-${o.attribute}`}>
      <Group justify="space-between">
        <Title order={5}>{t(`seg.attributes.${o.attribute}`)}</Title>
        <Text size="xs" c="dimmed">
          χ² = {o.chiSquare.toFixed(1)}, p {o.pValue < 0.001 ? '< 0.001' : `= ${o.pValue.toFixed(3)}`}, V = {o.cramersV.toFixed(2)}
        </Text>
      </Group>
      <EChart option={option} height={Math.max(220, 40 + o.values.length * 26)} testId={`overlay-chart-${o.attribute}`} />
      <Stack gap={4} mt="xs">
        {o.explanations.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('seg.results.noPatterns')}
          </Text>
        ) : (
          o.explanations.map((e, i) => (
            <Text key={i} size="sm" data-testid="overlay-explanation">
              {ru ? e.ru : e.en}
            </Text>
          ))
        )}
      </Stack>
    </Paper>
  );
}

/** RFM: R × F grid, colour = customers, label = mean monetary. */
export function RfmGrid({ grid }: { grid: NonNullable<RunResultsDto['rfmGrid']> }) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    const max = Math.max(1, ...grid.map((g) => g.customers));
    return {
      tooltip: { formatter: (p: { data: [number, number, number, number] }) => `R ${p.data[1] + 1} × F ${p.data[0] + 1}: ${p.data[2]} · ${Math.round(p.data[3])}` },
      grid: { left: 50, right: 20, top: 10, bottom: 60 },
      xAxis: { type: 'category', name: 'F', data: ['1', '2', '3', '4', '5'] },
      yAxis: { type: 'category', name: 'R', data: ['1', '2', '3', '4', '5'] },
      visualMap: { dimension: 2, min: 0, max, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#f8f9fa', '#1c7ed6'] } },
      series: [{ type: 'heatmap', data: grid.map((g) => [g.f - 1, g.r - 1, g.customers, g.meanMonetary]), label: { show: true, formatter: (p: { data: [number, number, number, number] }) => `${p.data[2]}\n${Math.round(p.data[3])}` } }],
    };
  }, [grid]);
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={5}>{t('seg.results.rfmGrid')}</Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('seg.results.rfmGridHint')}
      </Text>
      <EChart option={option} height={360} testId="rfm-grid" />
    </Paper>
  );
}
