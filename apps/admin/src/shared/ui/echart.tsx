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
    // What ECharts actually drew, read back for tests and assistive tech: legend entries and Sankey nodes.
    const drawn = instance.getOption() as { legend?: { data?: unknown[] }[]; series?: { type?: string; data?: { name?: string }[] }[] };
    const legend = (drawn.legend?.[0]?.data ?? []).map((d) => (typeof d === 'string' ? d : (d as { name: string }).name));
    if (ref.current) {
      ref.current.dataset.legend = legend.join(',');
      const sankey = drawn.series?.find((s) => s.type === 'sankey');
      if (sankey) ref.current.dataset.nodes = (sankey.data ?? []).map((n) => n.name).join(',');
    }
  }, [option]);

  return <Box ref={ref} h={height} w="100%" data-testid={testId} />;
}
