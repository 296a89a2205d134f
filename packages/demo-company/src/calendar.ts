// Calendar arithmetic done once up front: every date in the output is a
// lookup into a precomputed table of 'YYYY-MM-DD' strings, which keeps the
// hot transaction loop free of Date objects.

const DAY_MS = 86_400_000;

/** Months before the data window that deals and first contacts may reach back. */
export const LEAD_MONTHS = 24;

export interface Calendar {
  /** Number of months in the data window. */
  readonly months: number;
  /** Day index of the fixed end date (inclusive). */
  readonly endDay: number;
  /** 'YYYY-MM-DD' for a day index. */
  date(day: number): string;
  /** Day index of the first day of window month m (m may be negative, down to -LEAD_MONTHS). */
  monthStart(m: number): number;
  /** Number of days in window month m. */
  monthDays(m: number): number;
  /** Window month that contains a day index. */
  monthOf(day: number): number;
}

function parseIsoDate(iso: string): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`endDate must be YYYY-MM-DD, got ${JSON.stringify(iso)}`);
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) {
    throw new Error(`endDate is not a calendar date: ${iso}`);
  }
  return { y, m, d };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Build the calendar for a window of `months` months ending on `endDate` (inclusive). */
export function makeCalendar(endDate: string, months: number): Calendar {
  if (!Number.isInteger(months) || months < 1) throw new Error(`months must be a positive integer, got ${months}`);
  const end = parseIsoDate(endDate);
  // First month of the table: LEAD_MONTHS before the window's first month.
  const firstTableMonth = end.y * 12 + (end.m - 1) - (months - 1) - LEAD_MONTHS;
  const tableStartMs = Date.UTC(Math.floor(firstTableMonth / 12), firstTableMonth % 12, 1);
  const endMs = Date.UTC(end.y, end.m - 1, end.d);
  const endDay = Math.round((endMs - tableStartMs) / DAY_MS) - 0;
  const totalMonths = months + LEAD_MONTHS;

  const dates: string[] = new Array(endDay + 1);
  const monthStarts: number[] = new Array(totalMonths + 1);
  const monthOfDay = new Int16Array(endDay + 1);
  for (let k = 0; k <= totalMonths; k++) {
    const abs = firstTableMonth + k;
    monthStarts[k] = Math.round((Date.UTC(Math.floor(abs / 12), abs % 12, 1) - tableStartMs) / DAY_MS);
  }
  let k = 0;
  for (let day = 0; day <= endDay; day++) {
    const dt = new Date(tableStartMs + day * DAY_MS);
    dates[day] = `${dt.getUTCFullYear()}-${pad2(dt.getUTCMonth() + 1)}-${pad2(dt.getUTCDate())}`;
    while (k + 1 <= totalMonths && monthStarts[k + 1] <= day) k++;
    monthOfDay[day] = k - LEAD_MONTHS;
  }

  return {
    months,
    endDay,
    date(day: number): string {
      const s = dates[day];
      if (s === undefined) throw new RangeError(`day ${day} is outside the calendar`);
      return s;
    },
    monthStart(m: number): number {
      return monthStarts[m + LEAD_MONTHS];
    },
    monthDays(m: number): number {
      return monthStarts[m + LEAD_MONTHS + 1] - monthStarts[m + LEAD_MONTHS];
    },
    monthOf(day: number): number {
      return monthOfDay[day];
    },
  };
}
