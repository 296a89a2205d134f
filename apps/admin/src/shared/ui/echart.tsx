import { Box } from '@mantine/core';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef } from 'react';
import { BarChart, BoxplotChart, HeatmapChart, LineChart, SankeyChart, ScatterChart } from 'echarts/charts';
import {
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';

echarts.use([
  BarChart,
  LineChart,
  ScatterChart,
  HeatmapChart,
  BoxplotChart,
  SankeyChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DatasetComponent,
  MarkAreaComponent,
  MarkLineComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

/** A tiny ECharts wrapper: one instance per element, resized with its box, disposed on unmount. */
export function EChart({ option, height = 280, testId }: { option: EChartsCoreOption; height?: number; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!ref.current) return;
    const instance = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    instance.setOption(option, { notMerge: true });
    // What ECharts holds after setOption, read back for tests and assistive tech: legend entries, points per series,
    // Sankey nodes and the total flow of its links.
    const drawn = instance.getOption() as {
      legend?: { data?: unknown[]; show?: boolean }[];
      series?: { type?: string; name?: string; data?: unknown[]; links?: { value?: number }[] }[];
    };
    const legend = drawn.legend?.[0]?.show === false ? [] : (drawn.legend?.[0]?.data ?? []).map((d) => (typeof d === 'string' ? d : (d as { name: string }).name));
    if (ref.current) {
      ref.current.dataset.legend = legend.join(',');
      ref.current.dataset.series = (drawn.series ?? []).map((x) => `${x.name ?? x.type}:${x.data?.length ?? 0}`).join(',');
      const sankey = drawn.series?.find((x) => x.type === 'sankey');
      if (sankey) {
        ref.current.dataset.nodes = ((sankey.data ?? []) as { name?: string }[]).map((n) => n.name).join(',');
        ref.current.dataset.flow = String((sankey.links ?? []).reduce((sum, l) => sum + (l.value ?? 0), 0));
      }
    }
  }, [option]);

  return <Box ref={ref} h={height} w="100%" data-testid={testId} />;
}
