import type { TransactionDto } from '@cxs/contracts';
import { useMantineTheme } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../shared/format/format';
import { EChart } from '../../../shared/ui/echart';
import { revenueByMonth } from '../lib/revenue-by-month';

export function RevenueChart({ transactions }: { transactions: TransactionDto[] }) {
  const theme = useMantineTheme();
  const { t } = useTranslation();
  const f = useFormatters();
  const option = useMemo(() => {
    const rows = revenueByMonth(transactions);
    return {
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => f.money(v) },
      xAxis: {
        type: 'category',
        data: rows.map((r) => f.month(r.month)),
        axisTick: { show: false },
        axisLabel: { color: theme.colors.gray[6] },
      },
      yAxis: {
        type: 'value',
        axisLabel: { formatter: (v: number) => f.money(v, true), color: theme.colors.gray[6] },
        splitLine: { lineStyle: { color: theme.colors.gray[2] } },
      },
      series: [
        {
          name: t('customer.revenue.net'),
          type: 'bar',
          barMaxWidth: 18,
          data: rows.map((r) => ({
            value: r.net,
            itemStyle: { color: r.net < 0 ? theme.colors.red[5] : theme.colors.brand[6], borderRadius: r.net < 0 ? [0, 0, 3, 3] : [3, 3, 0, 0] },
          })),
        },
      ],
    };
  }, [transactions, theme, f, t]);
  return <EChart option={option} height={260} testId="revenue-chart" />;
}
