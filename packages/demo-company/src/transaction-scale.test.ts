import { describe, expect, it } from 'vitest';
import { generateDemoCompany, type TransactionRow } from './index.js';

const N = 400;
const base = [...generateDemoCompany({ customers: N, seed: 7 }).transactions()];

/** Net amount, discount and row count per customer, in cents. */
function perCustomer(rows: TransactionRow[]) {
  const m = new Map<number, { net: number; discount: number; n: number }>();
  for (const r of rows) {
    const x = m.get(r.customer_id) ?? { net: 0, discount: 0, n: 0 };
    x.net += Math.round(r.amount * 100);
    x.discount += Math.round(r.discount * 100);
    x.n++;
    m.set(r.customer_id, x);
  }
  return m;
}

describe('transactionScale (bench sizes)', () => {
  it('scale 1 is the unscaled generator, row for row', () => {
    expect([...generateDemoCompany({ customers: N, seed: 7, transactionScale: 1 }).transactions()]).toEqual(base);
  });

  it('scale 1.25 adds about a quarter more rows as split charges that keep every customer’s totals to the cent', () => {
    const scaled = [...generateDemoCompany({ customers: N, seed: 7, transactionScale: 1.25 }).transactions()];
    const ratio = scaled.length / base.length;
    expect(ratio).toBeGreaterThan(1.2);
    expect(ratio).toBeLessThan(1.3);
    const a = perCustomer(base);
    const b = perCustomer(scaled);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [id, x] of a) {
      expect({ id, net: b.get(id)!.net, discount: b.get(id)!.discount }).toEqual({ id, net: x.net, discount: x.discount });
    }
    // Ids stay 1..N in yield order, dates stay in order per customer.
    scaled.forEach((r, i) => expect(r.id).toBe(i + 1));
    for (let i = 1; i < scaled.length; i++) {
      if (scaled[i].customer_id === scaled[i - 1].customer_id) expect(scaled[i].occurred_on >= scaled[i - 1].occurred_on).toBe(true);
    }
    expect(scaled.every((r) => r.amount !== 0)).toBe(true);
  });

  it('scale 0.7 keeps about 70 % of the rows, and the same seed gives the same rows', () => {
    const a = [...generateDemoCompany({ customers: N, seed: 7, transactionScale: 0.7 }).transactions()];
    const ratio = a.length / base.length;
    expect(ratio).toBeGreaterThan(0.65);
    expect(ratio).toBeLessThan(0.75);
    expect([...generateDemoCompany({ customers: N, seed: 7, transactionScale: 0.7 }).transactions()]).toEqual(a);
  });

  it('refuses a scale outside (0, 20]', () => {
    expect(() => generateDemoCompany({ transactionScale: 0 })).toThrow(/transactionScale/);
    expect(() => generateDemoCompany({ transactionScale: Number.NaN })).toThrow(/transactionScale/);
  });
});
