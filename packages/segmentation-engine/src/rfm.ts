import { EngineError, describeValue } from './errors.js';

/**
 * Quintile score of each value by the exact rule
 * `LEAST(5, 1 + FLOOR(5 * PERCENT_RANK() OVER (ORDER BY value)))`.
 *
 * Why this rule: PERCENT_RANK gives tied values the rank of the first of them,
 * so equal values always get equal scores (NTILE would split ties across
 * buckets), and PostgreSQL computes the very same thing — see {@link rfmScoreSql}.
 * `descending` orders by value DESC (recency: the fewest days gets 5).
 */
export function rfmScores(values: ArrayLike<number>, options: { descending?: boolean } = {}): Int8Array {
  const n = values.length;
  const out = new Int8Array(n);
  if (n === 0) return out;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) {
      throw new EngineError('NON_FINITE', `RFM value at position ${i} is ${describeValue(values[i])}, not a finite number`, { row: i, value: values[i] });
    }
  }
  const sign = options.descending ? -1 : 1;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => sign * (values[a] - values[b]));
  // rank = 1 + number of values strictly before in the ordering (SQL RANK()).
  let rank = 1;
  for (let p = 0; p < n; p++) {
    if (p > 0 && values[order[p]] !== values[order[p - 1]]) rank = p + 1;
    // Same float8 arithmetic as PostgreSQL: (rank − 1) / (n − 1), 0 when n = 1.
    const percentRank = n > 1 ? (rank - 1) / (n - 1) : 0;
    out[order[p]] = Math.min(5, 1 + Math.floor(5 * percentRank));
  }
  return out;
}

/**
 * The same score as {@link rfmScores} as a PostgreSQL expression, to use in a
 * SELECT over one row per customer, e.g.
 * `SELECT customer_id, ${rfmScoreSql('recency_days', { descending: true })} AS r FROM rfm`.
 * The column must be a plain identifier (optionally schema-qualified); it is quoted.
 */
export function rfmScoreSql(column: string, options: { descending?: boolean; partitionBy?: string } = {}): string {
  const quote = (identifier: string): string => {
    if (!/^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?$/.test(identifier)) {
      throw new EngineError('INVALID_ARGUMENT', `not a plain SQL identifier: ${describeValue(identifier)}`, { value: identifier });
    }
    return identifier
      .split('.')
      .map((part) => `"${part}"`)
      .join('.');
  };
  const partition = options.partitionBy ? `PARTITION BY ${quote(options.partitionBy)} ` : '';
  return `LEAST(5, 1 + FLOOR(5 * PERCENT_RANK() OVER (${partition}ORDER BY ${quote(column)}${options.descending ? ' DESC' : ''})))::int`;
}

export interface Transaction {
  customerId: string;
  /** ISO date `YYYY-MM-DD` (or a full ISO timestamp; its UTC date is used), or a Date. */
  date: string | Date;
  amount: number;
  orderId?: string | null;
}

export interface RfmRow {
  customerId: string;
  /** Whole days from the last purchase to the as-of date. */
  recencyDays: number;
  /** Distinct orders (transactions without an order id count one each). */
  frequency: number;
  /** Sum of amounts (refunds reduce it). */
  monetary: number;
  lastPurchase: string;
  r: number;
  f: number;
  m: number;
  /** e.g. "545" */
  score: string;
  segment: string;
}

export interface RfmResult {
  rows: RfmRow[];
  asOf: string;
  table: { id: string; version: string };
  /** Transactions dated after asOf, left out. */
  ignoredAfterAsOf: number;
  /** Customers per segment, in the table's rule order (then the fallback). */
  segmentCounts: Record<string, number>;
}

const DAY_MS = 86_400_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses a date to whole UTC days since the epoch. Only ISO forms are accepted
 * (YYYY-MM-DD or an ISO timestamp): "01/02/2025" is ambiguous between
 * countries, so it is an error naming the value rather than a guess.
 */
export function toEpochDay(value: string | Date, what = 'date'): number {
  let ms = Number.NaN;
  if (value instanceof Date) ms = value.getTime();
  else {
    const s = value.trim();
    const m = ISO_DATE.exec(s);
    if (m) {
      ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
      // Reject 2025-02-30 and friends, which Date.UTC would roll over.
      if (new Date(ms).toISOString().slice(0, 10) !== s) ms = Number.NaN;
    } else if (ISO_TIMESTAMP.test(s)) ms = Date.parse(s.replace(' ', 'T'));
  }
  if (!Number.isFinite(ms)) throw new EngineError('INVALID_ARGUMENT', `${what} ${describeValue(value instanceof Date ? 'Invalid Date' : value)} is not a valid date (expected YYYY-MM-DD)`, { value });
  return Math.floor(ms / DAY_MS);
}

const isoDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

// ---------- segment rule tables ----------

export type ScoreRange = readonly [number, number];

export interface RfmRule {
  segment: string;
  label: { en: string; ru: string };
  /** Inclusive score ranges; an omitted range matches any score. */
  r?: ScoreRange;
  f?: ScoreRange;
  m?: ScoreRange;
}

export interface RfmSegmentTable {
  id: string;
  version: string;
  description: string;
  /** First matching rule wins. */
  rules: readonly RfmRule[];
  fallback: { segment: string; label: { en: string; ru: string } };
}

const rule = (segment: string, en: string, ru: string, r?: ScoreRange, f?: ScoreRange, m?: ScoreRange): RfmRule => ({ segment, label: { en, ru }, r, f, m });

/**
 * The common 10-segment R × F map (the "RFM grid"): R on one axis, F on the
 * other, M not used. It covers all 25 cells without overlap.
 */
export const RFM_TABLE_RF_GRID: RfmSegmentTable = {
  id: 'rf-grid-10',
  version: '1',
  description: 'Common 10-segment R×F map (recency × frequency; monetary not used)',
  rules: [
    rule('champions', 'Champions', 'Чемпионы', [5, 5], [4, 5]),
    rule('loyal', 'Loyal', 'Лояльные', [3, 4], [4, 5]),
    rule('potential_loyalists', 'Potential loyalists', 'Потенциально лояльные', [4, 5], [2, 3]),
    rule('new', 'New', 'Новые', [5, 5], [1, 1]),
    rule('promising', 'Promising', 'Перспективные', [4, 4], [1, 1]),
    rule('need_attention', 'Need attention', 'Требуют внимания', [3, 3], [3, 3]),
    rule('about_to_sleep', 'About to sleep', 'Засыпающие', [3, 3], [1, 2]),
    rule('at_risk', 'At risk', 'В зоне риска', [1, 2], [3, 4]),
    rule('cant_lose_them', "Can't lose them", 'Нельзя потерять', [1, 2], [5, 5]),
    rule('hibernating', 'Hibernating', 'Спящие', [1, 2], [1, 2]),
  ],
  fallback: { segment: 'other', label: { en: 'Other', ru: 'Прочие' } },
};

/**
 * The R `rfm` package's segment table (rfm_segment example ranges on R, F and
 * M). Its cells overlap and some combinations match nothing: first matching
 * rule wins, as in the package's current rfm_segment; the rest are "Others".
 */
export const RFM_TABLE_R_PACKAGE: RfmSegmentTable = {
  id: 'r-rfm-package',
  version: '1',
  description: "R package rfm: rfm_segment() ranges on R, F and M, with Lost",
  rules: [
    rule('champions', 'Champions', 'Чемпионы', [4, 5], [4, 5], [4, 5]),
    rule('loyal', 'Loyal Customers', 'Лояльные', [2, 5], [3, 5], [3, 5]),
    rule('potential_loyalists', 'Potential Loyalist', 'Потенциально лояльные', [3, 5], [1, 3], [1, 3]),
    rule('new', 'New Customers', 'Новые', [4, 5], [1, 1], [1, 1]),
    rule('promising', 'Promising', 'Перспективные', [3, 4], [1, 1], [1, 1]),
    rule('need_attention', 'Need Attention', 'Требуют внимания', [2, 3], [2, 3], [2, 3]),
    rule('about_to_sleep', 'About To Sleep', 'Засыпающие', [2, 3], [1, 2], [1, 2]),
    rule('at_risk', 'At Risk', 'В зоне риска', [1, 2], [2, 5], [2, 5]),
    rule('cant_lose_them', "Can't Lose Them", 'Нельзя потерять', [1, 1], [4, 5], [4, 5]),
    rule('lost', 'Lost', 'Потерянные', [1, 2], [1, 2], [1, 2]),
  ],
  fallback: { segment: 'others', label: { en: 'Others', ru: 'Прочие' } },
};

/** Built-in tables by id. */
export const RFM_TABLES = {
  [RFM_TABLE_RF_GRID.id]: RFM_TABLE_RF_GRID,
  [RFM_TABLE_R_PACKAGE.id]: RFM_TABLE_R_PACKAGE,
} as const satisfies Record<string, RfmSegmentTable>;

/** Checks a (custom) table: ranges within 1..5, lower ≤ upper, names present. */
export function validateRfmTable(table: RfmSegmentTable): void {
  if (!table.id || !table.version) throw new EngineError('INVALID_ARGUMENT', 'an RFM segment table needs an id and a version');
  if (table.rules.length === 0) throw new EngineError('INVALID_ARGUMENT', `RFM table "${table.id}" has no rules`);
  for (const r of table.rules) {
    if (!r.segment) throw new EngineError('INVALID_ARGUMENT', `RFM table "${table.id}": a rule has no segment name`);
    for (const [axis, range] of [['r', r.r], ['f', r.f], ['m', r.m]] as const) {
      if (!range) continue;
      const [lo, hi] = range;
      if (!(Number.isInteger(lo) && Number.isInteger(hi) && lo >= 1 && hi <= 5 && lo <= hi)) {
        throw new EngineError('INVALID_ARGUMENT', `RFM table "${table.id}", segment "${r.segment}": ${axis} range ${describeValue(lo)}..${describeValue(hi)} must be integers with 1 ≤ lower ≤ upper ≤ 5`, { value: range });
      }
    }
  }
}

const within = (range: ScoreRange | undefined, x: number): boolean => !range || (x >= range[0] && x <= range[1]);

/** The first rule of `table` that matches the scores (or the fallback). */
export function rfmSegment(r: number, f: number, m: number, table: RfmSegmentTable = RFM_TABLE_RF_GRID): { segment: string; label: { en: string; ru: string } } {
  for (const ru of table.rules) if (within(ru.r, r) && within(ru.f, f) && within(ru.m, m)) return { segment: ru.segment, label: ru.label };
  return table.fallback;
}

/**
 * RFM per customer from transactions as of a date: recency = whole days from
 * the last purchase to `asOf`; frequency = distinct order ids (or transactions
 * when there is no order id); monetary = sum of amounts. Transactions after
 * `asOf` are ignored (and counted). Scores by {@link rfmScores}, recency
 * descending; segment by the first matching rule of `table`.
 */
export function computeRfm(transactions: ReadonlyArray<Transaction>, asOf: string | Date, table: RfmSegmentTable = RFM_TABLE_RF_GRID): RfmResult {
  validateRfmTable(table);
  const asOfDay = toEpochDay(asOf, 'as-of date');
  const byCustomer = new Map<string, { last: number; orders: Set<string>; loose: number; sum: number }>();
  let ignoredAfterAsOf = 0;
  transactions.forEach((t, i) => {
    if (typeof t.customerId !== 'string' || t.customerId === '') {
      throw new EngineError('INVALID_ARGUMENT', `transaction ${i}: customer id ${describeValue(t.customerId)} is empty`, { row: i, value: t.customerId });
    }
    if (typeof t.amount !== 'number' || !Number.isFinite(t.amount)) {
      throw new EngineError('NON_FINITE', `transaction ${i} (customer ${JSON.stringify(t.customerId)}): amount ${describeValue(t.amount)} is not a finite number`, { row: i, id: t.customerId, value: t.amount });
    }
    const day = toEpochDay(t.date, `transaction ${i} (customer ${JSON.stringify(t.customerId)}) date`);
    if (day > asOfDay) {
      ignoredAfterAsOf++;
      return;
    }
    let c = byCustomer.get(t.customerId);
    if (!c) {
      c = { last: day, orders: new Set(), loose: 0, sum: 0 };
      byCustomer.set(t.customerId, c);
    }
    if (day > c.last) c.last = day;
    if (t.orderId === null || t.orderId === undefined || t.orderId === '') c.loose++;
    else c.orders.add(t.orderId);
    c.sum += t.amount;
  });
  if (byCustomer.size === 0) throw new EngineError('EMPTY_INPUT', `no transactions on or before ${isoDay(asOfDay)}`);
  const ids = Array.from(byCustomer.keys()).sort();
  const recency = ids.map((id) => asOfDay - (byCustomer.get(id)?.last ?? asOfDay));
  const frequency = ids.map((id) => {
    const c = byCustomer.get(id);
    return c ? c.orders.size + c.loose : 0;
  });
  const monetary = ids.map((id) => byCustomer.get(id)?.sum ?? 0);
  const r = rfmScores(recency, { descending: true });
  const f = rfmScores(frequency);
  const m = rfmScores(monetary);
  const segmentCounts: Record<string, number> = {};
  for (const ru of table.rules) segmentCounts[ru.segment] = 0;
  segmentCounts[table.fallback.segment] = 0;
  const rows = ids.map((customerId, i) => {
    const seg = rfmSegment(r[i], f[i], m[i], table);
    segmentCounts[seg.segment] = (segmentCounts[seg.segment] ?? 0) + 1;
    return {
      customerId,
      recencyDays: recency[i],
      frequency: frequency[i],
      monetary: monetary[i],
      lastPurchase: isoDay(asOfDay - recency[i]),
      r: r[i],
      f: f[i],
      m: m[i],
      score: `${r[i]}${f[i]}${m[i]}`,
      segment: seg.segment,
    };
  });
  return { rows, asOf: isoDay(asOfDay), table: { id: table.id, version: table.version }, ignoredAfterAsOf, segmentCounts };
}
