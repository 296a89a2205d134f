import { HttpStatus } from '@nestjs/common';
import type { PeriodKind, PnlPeriod } from '@cxs/contracts';
import { ApiException } from '../../common/api-exception.js';

/** Months as integers (year × 12 + month − 1): period arithmetic without Date or time zones. */
export function monthIndex(ym: string): number {
  const m = /^(\d{4})-(\d{2})/.exec(ym);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) {
    throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', `"${ym}" is not a month (YYYY-MM)`, [{ field: 'month', message: 'must be YYYY-MM' }]);
  }
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

export function monthDate(i: number): string {
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`;
}

export function monthLabel(i: number): string {
  return monthDate(i).slice(0, 7);
}

export interface ResolvedPeriod extends PnlPeriod {
  fromIdx: number;
  toIdx: number;
  /** SQL dates: first day of `from`, first day of `to`, first day after `to`. */
  fromDate: string;
  toDate: string;
  endExclusive: string;
}

export function periodOf(fromIdx: number, toIdx: number): ResolvedPeriod {
  if (toIdx < fromIdx) throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', '"to" is before "from"', [{ field: 'to', message: 'must not be before from' }]);
  if (toIdx - fromIdx >= 120) throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'A period is at most 120 months', [{ field: 'to', message: 'at most 120 months after from' }]);
  return {
    from: monthLabel(fromIdx),
    to: monthLabel(toIdx),
    months: toIdx - fromIdx + 1,
    fromIdx,
    toIdx,
    fromDate: monthDate(fromIdx),
    toDate: monthDate(toIdx),
    endExclusive: monthDate(toIdx + 1),
  };
}

export interface PeriodQuery {
  from?: string;
  to?: string;
  period?: PeriodKind;
  at?: string;
}

/**
 * How many months month index `idx` lies after the start of its fiscal period of `len` months (a quarter: 3, a
 * year: 12; 1: always 0). The stored-window rule in rollups.ts (STORED) is the same arithmetic in SQL.
 */
export function monthsIntoFiscalPeriod(idx: number, len: number, fiscalYearStartMonth: number): number {
  return (((idx - (fiscalYearStartMonth - 1)) % len) + len) % len;
}

/**
 * month / quarter / year containing `at` (quarters and years start at the fiscal-year start month), or any
 * range from..to of whole months; default: the 12 months ending with the latest month that has data.
 */
export function resolvePeriod(q: PeriodQuery, fiscalYearStartMonth: number, latestIdx: number): ResolvedPeriod {
  if (q.period) {
    const at = q.at ? monthIndex(q.at) : latestIdx;
    if (q.period === 'month') return periodOf(at, at);
    const len = q.period === 'quarter' ? 3 : 12;
    const offset = monthsIntoFiscalPeriod(at, len, fiscalYearStartMonth);
    return periodOf(at - offset, at - offset + len - 1);
  }
  const to = q.to ? monthIndex(q.to) : latestIdx;
  const from = q.from ? monthIndex(q.from) : to - 11;
  return periodOf(from, to);
}

export function periodLength(kind: PeriodKind): number {
  return kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12;
}
