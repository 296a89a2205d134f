import type { CustomerRow, SurveyRow, TransactionRow, UsageRow } from './types.js';

/** Per-customer behavioural features, as the segmentation would compute them. */
export interface BehaviourFeatures {
  customer_id: number;
  avg_check: number;
  frequency: number;
  ltv: number;
  recency_days: number;
  tenure_months: number;
  arpu_month: number;
  refund_share: number;
  discount_share: number;
  overdue_share: number;
  expansion_count: number;
  active_users_last: number;
  active_users_growth: number;
  modules_used: number;
  nps: number | null;
  cac: number;
}

export const FEATURE_NAMES = [
  'avg_check',
  'frequency',
  'ltv',
  'recency_days',
  'tenure_months',
  'arpu_month',
  'refund_share',
  'discount_share',
  'overdue_share',
  'expansion_count',
  'active_users_last',
  'active_users_growth',
  'modules_used',
  'nps',
  'cac',
] as const satisfies readonly (keyof BehaviourFeatures)[];

const DAY_MS = 86_400_000;
function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}

interface Acc {
  pos: number;
  posCount: number;
  net: number;
  refunds: number;
  discount: number;
  overdue: number;
  expansions: number;
  first: number;
  last: number;
  months: Set<string>;
  users: number[];
  modules: number;
  npsSum: number;
  npsCount: number;
}

/**
 * Reference implementation of the behavioural features over raw rows (a test
 * oracle for the SQL that computes them in the product; holds everything in
 * memory, so use it at test scale only).
 *
 * Definitions: avg check = mean positive charge; frequency = number of positive
 * charges; LTV = net revenue (refunds subtract); recency = days from the last
 * charge to the end date; tenure = months from first to last charge; ARPU =
 * LTV / months with a charge; shares are of gross charges; active-user growth
 * = ln((mean of last 3 months + 1) / (mean of first 3 months + 1)).
 */
export function behaviourFeatures(
  endDate: string,
  customers: Iterable<CustomerRow>,
  transactions: Iterable<TransactionRow>,
  usage: Iterable<UsageRow>,
  surveys: Iterable<SurveyRow>,
): BehaviourFeatures[] {
  const end = dayNumber(endDate);
  const acc = new Map<number, Acc>();
  const cac = new Map<number, number>();
  for (const c of customers) {
    cac.set(c.id, c.cac);
    acc.set(c.id, {
      pos: 0,
      posCount: 0,
      net: 0,
      refunds: 0,
      discount: 0,
      overdue: 0,
      expansions: 0,
      first: Infinity,
      last: -Infinity,
      months: new Set(),
      users: [],
      modules: 0,
      npsSum: 0,
      npsCount: 0,
    });
  }
  for (const t of transactions) {
    const a = acc.get(t.customer_id);
    if (!a) continue;
    a.net += t.amount;
    if (t.amount < 0) {
      a.refunds -= t.amount;
      continue;
    }
    const d = dayNumber(t.occurred_on);
    a.pos += t.amount;
    a.posCount++;
    a.discount += t.discount;
    if (t.overdue) a.overdue++;
    if (t.type === 'expansion') a.expansions++;
    if (d < a.first) a.first = d;
    if (d > a.last) a.last = d;
    a.months.add(t.occurred_on.slice(0, 7));
  }
  for (const u of usage) {
    const a = acc.get(u.customer_id);
    if (!a) continue;
    a.users.push(u.active_users); // usage rows come in period order per customer
    a.modules = u.modules_used;
  }
  for (const s of surveys) {
    const a = acc.get(s.customer_id);
    if (!a || s.nps === null) continue;
    a.npsSum += s.nps;
    a.npsCount++;
  }
  const mean = (xs: number[]): number => (xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length);
  const out: BehaviourFeatures[] = [];
  for (const [id, a] of acc) {
    const hasTx = a.posCount > 0;
    out.push({
      customer_id: id,
      avg_check: hasTx ? a.pos / a.posCount : 0,
      frequency: a.posCount,
      ltv: a.net,
      recency_days: hasTx ? end - a.last : 0,
      tenure_months: hasTx ? (a.last - a.first) / 30.4375 : 0,
      arpu_month: a.months.size > 0 ? a.net / a.months.size : 0,
      refund_share: a.pos > 0 ? a.refunds / a.pos : 0,
      discount_share: a.pos + a.discount > 0 ? a.discount / (a.pos + a.discount) : 0,
      overdue_share: a.posCount > 0 ? a.overdue / a.posCount : 0,
      expansion_count: a.expansions,
      active_users_last: a.users.length > 0 ? a.users[a.users.length - 1] : 0,
      active_users_growth: Math.log((mean(a.users.slice(-3)) + 1) / (mean(a.users.slice(0, 3)) + 1)),
      modules_used: a.modules,
      nps: a.npsCount > 0 ? a.npsSum / a.npsCount : null,
      cac: cac.get(id) ?? 0,
    });
  }
  return out;
}
