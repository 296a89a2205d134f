import type { SegmentDto } from '@cxs/contracts';
import { useMantineTheme } from '@mantine/core';
import { useMemo } from 'react';
import { useFormatters } from '../../../shared/format/format';
import { EChart } from '../../../shared/ui/echart';

/** Members per segment, largest first, as horizontal bars. */
export function SegmentMembersChart({ segments }: { segments: SegmentDto[] }) {
  const theme = useMantineTheme();
  const f = useFormatters();
  const option = useMemo(() => {
    const sorted = [...segments].sort((a, b) => a.memberCount - b.memberCount);
    return {
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => f.number(v) },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => f.number(v) }, splitLine: { lineStyle: { color: theme.colors.gray[2] } } },
      yAxis: { type: 'category', data: sorted.map((s) => s.name), axisTick: { show: false }, axisLine: { show: false } },
      series: [
        {
          type: 'bar',
          data: sorted.map((s) => ({
            value: s.memberCount,
            itemStyle: { color: s.ownerId ? theme.colors.brand[6] : theme.colors.orange[5], borderRadius: [0, 4, 4, 0] },
          })),
          barMaxWidth: 22,
        },
      ],
    };
  }, [segments, theme, f]);
  return <EChart option={option} height={Math.max(160, segments.length * 34 + 24)} testId="segment-members-chart" />;
}
