import type { TransactionDto } from '@cxs/contracts';

export interface MonthRevenue {
  month: string; // YYYY-MM
  net: number;
  refunds: number;
}

function addMonth(ym: string): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * Net revenue per calendar month of one customer's transactions (refunds are
 * negative amounts and reduce it), with empty months filled in so gaps show.
 */
export function revenueByMonth(transactions: readonly Pick<TransactionDto, 'occurredOn' | 'amount' | 'type'>[]): MonthRevenue[] {
  if (transactions.length === 0) return [];
  const byMonth = new Map<string, MonthRevenue>();
  for (const tx of transactions) {
    const month = tx.occurredOn.slice(0, 7);
    const row = byMonth.get(month) ?? { month, net: 0, refunds: 0 };
    const amount = Number(tx.amount);
    if (Number.isFinite(amount)) {
      row.net += amount;
      if (tx.type === 'refund') row.refunds += amount;
    }
    byMonth.set(month, row);
  }
  const months = [...byMonth.keys()].sort();
  const out: MonthRevenue[] = [];
  const last = months[months.length - 1]!;
  for (let m = months[0]!; m <= last; m = addMonth(m)) {
    const row = byMonth.get(m) ?? { month: m, net: 0, refunds: 0 };
    // Round to cents: summing decimal strings as floats leaves 0.1 + 0.2 artefacts.
    out.push({ month: m, net: Math.round(row.net * 100) / 100, refunds: Math.round(row.refunds * 100) / 100 });
  }
  return out;
}

/** NPS = % promoters (9–10) − % detractors (0–6), over answers that have an NPS score. */
export function npsScore(scores: readonly (number | null)[]): number | null {
  const valid = scores.filter((s): s is number => s !== null);
  if (valid.length === 0) return null;
  const promoters = valid.filter((s) => s >= 9).length;
  const detractors = valid.filter((s) => s <= 6).length;
  return Math.round(((promoters - detractors) / valid.length) * 100);
}
