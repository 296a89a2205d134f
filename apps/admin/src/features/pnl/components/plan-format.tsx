import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../shared/format/format';
import { fiscalPeriod } from '../fiscal';
import { useSettings } from '../hooks/use-settings';

/** "Q2 FY2026" / "FY2026" for fiscal quarters and years (settings' start month), "Apr 2025" for a month. */
export function usePeriodName(): (kind: 'month' | 'quarter' | 'year', startYm: string, months?: number) => string {
  const { t } = useTranslation();
  const f = useFormatters();
  const settings = useSettings();
  const fyStart = settings.data?.fiscalYearStartMonth ?? 1;
  return (kind, startYm, months) => {
    const len = months ?? (kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12);
    const fp = fiscalPeriod(startYm, len, fyStart);
    if (!fp) return f.month(startYm);
    // A fiscal year that is the calendar year reads as one: "Q2 2026", "2026".
    if (fyStart === 1) return fp.quarter ? t('pnl.fiscal.calendarQuarter', { quarter: fp.quarter, year: fp.year }) : String(fp.year);
    return fp.quarter ? t('pnl.fiscal.quarter', { quarter: fp.quarter, year: fp.year }) : t('pnl.fiscal.year', { year: fp.year });
  };
}

/** A signed variance with its percentage of the target, green when ahead of plan, red when behind. */
export function Variance({ value, pct, format }: { value: string; pct: string | null; format: (v: string) => string }) {
  const f = useFormatters();
  const n = Number(value);
  const sign = n > 0 ? '+' : '';
  return (
    <Text size="xs" c={n < 0 ? 'red.7' : n > 0 ? 'teal.7' : 'dimmed'} fw={500}>
      {sign}
      {format(value)}
      {pct !== null ? ` (${Number(pct) > 0 ? '+' : ''}${f.percent(Number(pct), 1)})` : ''}
    </Text>
  );
}
