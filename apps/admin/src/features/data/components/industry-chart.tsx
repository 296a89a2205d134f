import { useMantineTheme } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../shared/format/format';
import { EChart } from '../../../shared/ui/echart';

export function IndustryChart({ rows }: { rows: { industry: string; count: number }[] }) {
  const theme = useMantineTheme();
  const { t } = useTranslation();
  const f = useFormatters();
  const option = useMemo(() => {
    const sorted = [...rows].sort((a, b) => a.count - b.count);
    return {
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => f.number(v) },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => f.number(v) }, splitLine: { lineStyle: { color: theme.colors.gray[2] } } },
      yAxis: {
        type: 'category',
        data: sorted.map((r) => t(`industries.${r.industry}`, { defaultValue: r.industry })),
        axisTick: { show: false },
        axisLine: { show: false },
      },
      series: [{ type: 'bar', barMaxWidth: 18, data: sorted.map((r) => r.count), itemStyle: { color: theme.colors.brand[6], borderRadius: [0, 4, 4, 0] } }],
    };
  }, [rows, theme, f, t]);
  return <EChart option={option} height={Math.max(180, rows.length * 30 + 24)} testId="industry-chart" />;
}
