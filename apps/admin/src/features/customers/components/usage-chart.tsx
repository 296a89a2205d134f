import type { UsageDto } from '@cxs/contracts';
import { useMantineTheme } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../shared/format/format';
import { EChart } from '../../../shared/ui/echart';

/** Active users (left axis) and events (right axis) per period. */
export function UsageChart({ usage }: { usage: UsageDto[] }) {
  const theme = useMantineTheme();
  const { t } = useTranslation();
  const f = useFormatters();
  const option = useMemo(() => {
    const rows = [...usage].sort((a, b) => a.period.localeCompare(b.period));
    const axisLabel = { color: theme.colors.gray[6], formatter: (v: number) => f.number(v) };
    return {
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, left: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 4 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => f.number(v) },
      xAxis: { type: 'category', data: rows.map((r) => f.month(r.period)), axisTick: { show: false }, axisLabel: { color: theme.colors.gray[6] } },
      yAxis: [
        { type: 'value', axisLabel, splitLine: { lineStyle: { color: theme.colors.gray[2] } } },
        { type: 'value', axisLabel, splitLine: { show: false } },
      ],
      series: [
        {
          name: t('customer.usage.activeUsers'),
          type: 'line',
          smooth: true,
          showSymbol: false,
          data: rows.map((r) => r.activeUsers),
          itemStyle: { color: theme.colors.brand[6] },
          areaStyle: { opacity: 0.08 },
        },
        {
          name: t('customer.usage.events'),
          type: 'line',
          smooth: true,
          showSymbol: false,
          yAxisIndex: 1,
          data: rows.map((r) => r.events),
          itemStyle: { color: theme.colors.violet[5] },
        },
      ],
    };
  }, [usage, theme, f, t]);
  return <EChart option={option} height={260} testId="usage-chart" />;
}
