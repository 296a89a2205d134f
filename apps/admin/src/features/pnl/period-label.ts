import type { TFunction } from 'i18next';
import type { PnlPeriod } from '@cxs/contracts';
import { fiscalPeriod } from './fiscal';

const parse = (ym: string) => {
  const m = /^(\d{4})-(\d{2})/.exec(ym);
  return m ? { year: Number(m[1]), month: Number(m[2]) } : null;
};

/**
 * Whole months in words: "Apr 2025", "Apr–Jun 2025", "Nov 2025 – Jan 2026". Short month names come from the
 * translations (Intl's Russian short months carry dots and the "г." suffix, too heavy for a one-line label).
 */
export function monthRange(t: TFunction, from: string, to: string): string {
  const a = parse(from);
  const b = parse(to);
  if (!a || !b) return `${from} – ${to}`;
  const names = t('pnl.periodLabel.monthNames').split(' ');
  const name = (month: number) => names[month - 1] ?? String(month);
  if (a.year === b.year && a.month === b.month) return `${name(a.month)} ${a.year}`;
  if (a.year === b.year) return `${name(a.month)}–${name(b.month)} ${a.year}`;
  return `${name(a.month)} ${a.year} – ${name(b.month)} ${b.year}`;
}

/**
 * The period the API resolved, in words, with its fiscal name when it is a whole fiscal quarter or year:
 * "FY2026 Q1: Apr–Jun 2025" with an April fiscal start, "Q2 2025: Apr–Jun 2025" with a January one; a month
 * names its fiscal quarter when the fiscal year is not the calendar year; other ranges give their length.
 */
export function periodLabel(t: TFunction, period: Pick<PnlPeriod, 'from' | 'to' | 'months'>, fyStartMonth: number): string {
  const range = monthRange(t, period.from, period.to);
  const calendar = fyStartMonth === 1;
  if (period.months === 1) {
    if (calendar) return range;
    const start = parse(period.from)!;
    // The fiscal quarter holding this month: step back to the quarter's first month.
    const offset = (((start.year * 12 + start.month - 1 - (fyStartMonth - 1)) % 3) + 3) % 3;
    const qIdx = start.year * 12 + start.month - 1 - offset;
    const fq = fiscalPeriod(`${Math.floor(qIdx / 12)}-${String((qIdx % 12) + 1).padStart(2, '0')}`, 3, fyStartMonth);
    return fq ? t('pnl.periodLabel.monthInFiscal', { range, year: fq.year, quarter: fq.quarter }) : range;
  }
  const fp = fiscalPeriod(period.from, period.months, fyStartMonth);
  if (fp && fp.quarter !== null) {
    return t(calendar ? 'pnl.periodLabel.calendarQuarter' : 'pnl.periodLabel.fiscalQuarter', { range, year: fp.year, quarter: fp.quarter });
  }
  if (fp) return t(calendar ? 'pnl.periodLabel.calendarYear' : 'pnl.periodLabel.fiscalYear', { range, year: fp.year });
  return t('pnl.periodLabel.months', { range, count: period.months });
}
