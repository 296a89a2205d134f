import { createHash } from 'node:crypto';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { generateDemoCompany, HIDDEN_TYPES, JOB_STEPS, TYPE_PARAMS, type HiddenType, type TransactionRow } from './index.js';

const N = 5000;
const company = generateDemoCompany({ customers: N });
const END = company.options.endDate;

function take<T>(it: Iterable<T>, n: number): T[] {
  const out: T[] = [];
  for (const x of it) {
    if (out.length >= n) break;
    out.push(x);
  }
  return out;
}

/** Order-sensitive digest of a whole stream. */
function digest(it: Iterable<unknown>): string {
  const h = createHash('sha256');
  for (const x of it) h.update(JSON.stringify(x));
  return h.digest('hex');
}

const typeOf = new Map<number, HiddenType>();
for (const h of company.hiddenTypes()) typeOf.set(Number(h.customer_external_id.slice(2)), h.hidden_type);
const customers = [...company.customers()];
const txs: TransactionRow[] = [...company.transactions()];

describe('determinism', () => {
  it('same seed gives identical rows and checksums', () => {
    const again = generateDemoCompany({ customers: N, seed: 42 });
    expect(take(again.customers(), 300)).toEqual(customers.slice(0, 300));
    expect(take(again.transactions(), 2000)).toEqual(txs.slice(0, 2000));
    expect(digest(again.transactions())).toBe(digest(txs));
    expect(digest(again.deals())).toBe(digest(company.deals()));
    expect(digest(again.usage())).toBe(digest(company.usage()));
    expect(digest(again.surveys())).toBe(digest(company.surveys()));
    expect(digest(again.memberships())).toBe(digest(company.memberships()));
    expect(again.interviews).toEqual(company.interviews);
  });

  it('a different seed gives different data', () => {
    const other = generateDemoCompany({ customers: N, seed: 43 });
    expect(take(other.customers(), 50)).not.toEqual(customers.slice(0, 50));
    expect(digest(other.transactions())).not.toBe(digest(txs));
  });

  it('scales the same story: customer i is the same at any company size', () => {
    const small = generateDemoCompany({ customers: 200 });
    expect([...small.customers()]).toEqual(customers.slice(0, 200));
    expect([...small.transactions()]).toEqual(txs.filter((t) => t.customer_id <= 200));
  });

  it('uses a fixed end date, never today', () => {
    let max = '';
    for (const t of txs) if (t.occurred_on > max) max = t.occurred_on;
    expect(max <= END).toBe(true);
    expect(max >= '2026-09-01').toBe(true);
    let min = '9999';
    for (const u of company.usage()) if (u.period < min) min = u.period;
    expect(min).toBe('2023-10-01');
  });

  it('rejects a malformed end date', () => {
    expect(() => generateDemoCompany({ endDate: '2026-02-30' })).toThrow();
    expect(() => generateDemoCompany({ endDate: '30.09.2026' })).toThrow();
  });
});

describe('customers and hidden types', () => {
  it('hidden-type shares are within ±3 pp of DEMO.md', () => {
    const counts = new Map<HiddenType, number>();
    for (const t of typeOf.values()) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const t of HIDDEN_TYPES) {
      expect(Math.abs((counts.get(t) ?? 0) / N - TYPE_PARAMS[t].share)).toBeLessThan(0.03);
    }
  });

  it('about 10 % miss industry or size', () => {
    const missing = customers.filter((c) => c.industry === null || c.size_band === null).length / N;
    expect(missing).toBeGreaterThan(0.08);
    expect(missing).toBeLessThan(0.125);
    // size missing means both employees and band are missing
    expect(customers.filter((c) => (c.employees === null) !== (c.size_band === null))).toEqual([]);
  });

  it('ids are 1..N and external ids are formatted', () => {
    const bad = customers.filter(
      (c, k) => c.id !== k + 1 || c.external_id !== `C-${String(k + 1).padStart(6, '0')}` || !/^\d{4}-\d{2}-\d{2}$/.test(c.first_seen) || !(c.cac > 0),
    );
    expect(bad).toEqual([]);
  });

  it('firmographics overlay the types imperfectly, with strong patterns', () => {
    const lift = (type: HiddenType, industry: string): number => {
      const known = customers.filter((c) => c.industry !== null);
      const inType = known.filter((c) => typeOf.get(c.id) === type);
      const share = inType.filter((c) => c.industry === industry).length / inType.length;
      const base = known.filter((c) => c.industry === industry).length / known.length;
      return share / base;
    };
    expect(lift('enterprise', 'finance')).toBeGreaterThan(2.5);
    expect(lift('growth_team', 'e-commerce')).toBeGreaterThan(2);
    // but not a one-to-one mapping
    const finance = customers.filter((c) => c.industry === 'finance');
    expect(finance.filter((c) => typeOf.get(c.id) !== 'enterprise').length).toBeGreaterThan(finance.length * 0.3);
  });
});

describe('products and users', () => {
  it('has ~20 products in three tiers split between two owners, one cost basis each', () => {
    expect(company.products.length).toBe(20);
    expect(new Set(company.products.map((p) => p.tier))).toEqual(new Set(['basic', 'professional', 'enterprise']));
    expect(new Set(company.products.map((p) => p.owner_key))).toEqual(new Set(['product1', 'product2']));
    for (const p of company.products) {
      expect((p.unit_cost === null) !== (p.cost_share === null)).toBe(true);
      if (p.cost_share !== null) expect(p.cost_share).toBeGreaterThan(0);
      if (p.cost_share !== null) expect(p.cost_share).toBeLessThan(1);
    }
    company.products.forEach((p, k) => expect(p.id).toBe(k + 1));
  });

  it('has the seven demo users', () => {
    expect(company.users.map((u) => u.email)).toEqual([
      'admin@demo.local',
      'director@demo.local',
      'owner1@demo.local',
      'owner2@demo.local',
      'product1@demo.local',
      'product2@demo.local',
      'analyst@demo.local',
    ]);
  });
});

describe('transactions', () => {
  it('references existing customers and products', () => {
    const productIds = new Set(company.products.map((p) => p.id));
    const orphans = txs.filter((t) => !(t.customer_id >= 1 && t.customer_id <= N) || !productIds.has(t.product_id));
    expect(orphans).toEqual([]);
  });

  it('ids are 1..N in order, money has at most 2 decimals', () => {
    txs.forEach((t, k) => {
      if (t.id !== k + 1) throw new Error(`id ${t.id} at ${k}`);
      if (Math.round(t.amount * 100) / 100 !== t.amount) throw new Error(`amount ${t.amount}`);
      if (Math.round(t.discount * 100) / 100 !== t.discount) throw new Error(`discount ${t.discount}`);
    });
  });

  it('refunds are negative, dated after the sale they refund, and only refunds are negative', () => {
    const saleDay = new Map<string, string>();
    for (const t of txs) if (t.type === 'payment' || t.type === 'downgrade') saleDay.set(`${t.order_id}|${t.product_id}`, t.occurred_on);
    const refunds = txs.filter((t) => t.type === 'refund');
    expect(refunds.length).toBeGreaterThan(100);
    const bad = refunds.filter((r) => !(r.amount < 0) || !(r.occurred_on > (saleDay.get(`${r.order_id}|${r.product_id}`) ?? '9999')));
    expect(bad).toEqual([]);
    expect(txs.filter((t) => t.type !== 'refund' && t.amount < 0)).toEqual([]);
    expect(txs.filter((t) => t.discount < 0 || t.quantity < 0)).toEqual([]);
  });

  it('averages 30–60 transactions per customer with the right mix', () => {
    const perCustomer = txs.length / N;
    expect(perCustomer).toBeGreaterThan(30);
    expect(perCustomer).toBeLessThan(60);
    const mix = new Map<string, number>();
    for (const t of txs) mix.set(t.type, (mix.get(t.type) ?? 0) + 1);
    expect(mix.get('payment')! / txs.length).toBeGreaterThan(0.9);
    for (const type of ['refund', 'expansion', 'downgrade']) expect(mix.get(type)).toBeGreaterThan(100);
  });

  it('puts discounts, downgrades and overdue on cost-sensitive, expansions on growth teams', () => {
    const by = (type: HiddenType) => txs.filter((t) => typeOf.get(t.customer_id) === type);
    const share = (rows: TransactionRow[], f: (t: TransactionRow) => boolean) => rows.filter(f).length / rows.length;
    const cs = by('cost_sensitive');
    const growth = by('growth_team');
    for (const other of HIDDEN_TYPES.filter((t) => t !== 'cost_sensitive')) {
      const rows = by(other);
      expect(share(cs, (t) => t.discount > 0)).toBeGreaterThan(3 * share(rows, (t) => t.discount > 0));
      expect(share(cs, (t) => t.overdue)).toBeGreaterThan(3 * share(rows, (t) => t.overdue));
    }
    const expansionsPerCustomer = (type: HiddenType) => by(type).filter((t) => t.type === 'expansion').length / [...typeOf.values()].filter((x) => x === type).length;
    for (const other of HIDDEN_TYPES.filter((t) => t !== 'growth_team')) {
      expect(expansionsPerCustomer('growth_team')).toBeGreaterThan(3 * expansionsPerCustomer(other));
    }
    expect(growth.length).toBeGreaterThan(0);
  });

  it('concentrates churn in cost-sensitive and SMB customers', () => {
    const last = new Map<number, string>();
    for (const t of txs) if (t.amount > 0 && (last.get(t.customer_id) ?? '') < t.occurred_on) last.set(t.customer_id, t.occurred_on);
    const churnRate = (type: HiddenType) => {
      const ids = [...typeOf].filter(([, t]) => t === type).map(([id]) => id);
      return ids.filter((id) => (last.get(id) ?? '') < '2026-06-01').length / ids.length;
    };
    expect(churnRate('cost_sensitive')).toBeGreaterThan(churnRate('mid_market') * 3);
    expect(churnRate('smb_operator')).toBeGreaterThan(churnRate('enterprise') * 3);
  });

  it('streams 20,000 customers of transactions without holding them', () => {
    // What the generator retains, not the garbage it leaves for the collector: heap sampled right after a full GC
    // (heapUsed without one swings by 100+ MB with the collector's timing, which made this test flaky on CI).
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const big = generateDemoCompany({ customers: 20_000 });
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let rows = 0;
    let sum = 0;
    const t0 = performance.now();
    for (const t of big.transactions()) {
      rows++;
      sum += t.amount;
      if ((rows & 0xffff) === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    const rate = rows / seconds;
    console.log(`transactions: ${rows} rows in ${seconds.toFixed(2)} s = ${Math.round(rate).toLocaleString('en')} rows/s; heap growth ${((peak - before) / 1e6).toFixed(0)} MB; Σ amount ${sum.toFixed(2)}`);
    expect(rows).toBeGreaterThan(600_000);
    // Holding ~800k row objects would retain well over 100 MB; streaming retains a few.
    expect(peak - before).toBeLessThan(30e6);
    // Throughput is a benchmark figure (`pnpm bench`), not a timed assertion:
    // a loaded CI box must not fail this test.
  }, 60_000);
});

describe('deals', () => {
  const deals = [...company.deals()];
  it('reference customers and products; ids 1..N', () => {
    const bad = deals.filter(
      (d, k) =>
        d.id !== k + 1 ||
        !(d.customer_id >= 1 && d.customer_id <= N) ||
        !(d.product_id >= 1 && d.product_id <= 20) ||
        (d.status === 'open') !== (d.closed_on === null) ||
        (d.closed_on !== null && (d.closed_on < d.opened_on || d.closed_on > END)),
    );
    expect(bad).toEqual([]);
    expect(new Set(deals.map((d) => d.status))).toEqual(new Set(['won', 'lost', 'open']));
  });

  it('enterprise first deals take far longer than SMB ones', () => {
    const firstCycle = new Map<number, number>();
    for (const d of deals) {
      if (d.status !== 'won' || firstCycle.has(d.customer_id)) continue;
      firstCycle.set(d.customer_id, (Date.parse(d.closed_on!) - Date.parse(d.opened_on)) / 86_400_000);
    }
    const median = (type: HiddenType) => {
      const xs = [...firstCycle].filter(([id]) => typeOf.get(id) === type).map(([, v]) => v).sort((a, b) => a - b);
      return xs[Math.floor(xs.length / 2)];
    };
    expect(median('enterprise')).toBeGreaterThan(90);
    expect(median('smb_operator')).toBeLessThan(21);
  });
});

describe('usage, surveys, interviews', () => {
  it('growth teams show fast-rising active users; enterprise the heaviest use', () => {
    const first = new Map<number, number>();
    const last = new Map<number, number>();
    for (const u of company.usage()) {
      if (!first.has(u.customer_id)) first.set(u.customer_id, u.active_users);
      last.set(u.customer_id, u.active_users);
      if (!u.period.endsWith('-01')) throw new Error(`period ${u.period}`);
    }
    const medianOf = (type: HiddenType, f: (id: number) => number) => {
      const xs = [...last.keys()].filter((id) => typeOf.get(id) === type).map(f).sort((a, b) => a - b);
      return xs[Math.floor(xs.length / 2)];
    };
    const growth = (id: number) => (last.get(id)! + 1) / (first.get(id)! + 1);
    expect(medianOf('growth_team', growth)).toBeGreaterThan(2 * medianOf('mid_market', growth));
    expect(medianOf('enterprise', (id) => last.get(id)!)).toBeGreaterThan(5 * medianOf('mid_market', (id) => last.get(id)!));
  });

  it('survey answers are in range and reasons echo the type', () => {
    const surveys = [...company.surveys()];
    expect(surveys.length).toBeGreaterThan(N * 0.5);
    const bad = surveys.filter(
      (s) =>
        (s.nps === null && s.csat === null) ||
        (s.nps !== null && !(s.nps >= 0 && s.nps <= 10)) ||
        (s.csat !== null && !(s.csat >= 1 && s.csat <= 5)) ||
        s.answered_on > END ||
        s.reason.length === 0,
    );
    expect(bad).toEqual([]);
    const cs = surveys.filter((s) => typeOf.get(s.customer_id) === 'cost_sensitive' && s.nps !== null);
    expect(cs.filter((s) => /price|expensive|cheap|дорого|cost/i.test(s.reason)).length / cs.length).toBeGreaterThan(0.3);
    const ent = surveys.filter((s) => typeOf.get(s.customer_id) === 'enterprise' && s.nps !== null && s.nps <= 6);
    expect(ent.filter((s) => /secur|compliance|ИБ|audit/i.test(s.reason)).length / ent.length).toBeGreaterThan(0.4);
  });

  it('has ~60 JTBD interviews with valid outcome ratings', () => {
    const interviews = company.interviews;
    expect(interviews.length).toBe(60);
    for (const iv of interviews) {
      expect(iv.customer_id >= 1 && iv.customer_id <= N).toBe(true);
      expect(iv.jobs.length).toBeGreaterThan(0);
      expect(iv.business_context.goals.length).toBeGreaterThan(0);
      for (const r of iv.outcome_ratings) {
        expect(JOB_STEPS).toContain(r.step);
        expect(r.importance >= 1 && r.importance <= 5 && r.satisfaction >= 1 && r.satisfaction <= 5).toBe(true);
        expect(r.outcome).toMatch(/^Minimise /);
      }
    }
  });
});

describe('managed segments and memberships', () => {
  const memberships = [...company.memberships()];

  it('has 3–5 segments owned by owner1 and owner2', () => {
    expect(company.segments.length).toBeGreaterThanOrEqual(3);
    expect(company.segments.length).toBeLessThanOrEqual(5);
    expect(new Set(company.segments.map((s) => s.owner_key))).toEqual(new Set(['owner1', 'owner2']));
    const keys = new Set(company.segments.map((s) => s.key));
    expect(memberships.filter((m) => !keys.has(m.segment_key))).toEqual([]);
    for (const s of company.segments) expect(memberships.some((m) => m.segment_key === s.key)).toBe(true);
  });

  it('never overlaps: at most one open membership per customer at any date', () => {
    const byCustomer = new Map<number, typeof memberships>();
    expect(memberships.filter((m) => m.valid_to !== null && m.valid_to < m.valid_from)).toEqual([]);
    for (const m of memberships) byCustomer.set(m.customer_id, [...(byCustomer.get(m.customer_id) ?? []), m]);
    let movers = 0;
    for (const list of byCustomer.values()) {
      list.sort((a, b) => a.valid_from.localeCompare(b.valid_from));
      for (let k = 1; k < list.length; k++) {
        const prev = list[k - 1];
        expect(prev.valid_to).not.toBeNull();
        expect(prev.valid_to! < list[k].valid_from).toBe(true);
        // closed the day before the next opens
        expect(Date.parse(list[k].valid_from) - Date.parse(prev.valid_to!)).toBe(86_400_000);
        expect(prev.segment_key).not.toBe(list[k].segment_key);
      }
      if (list.length > 1) movers++;
    }
    expect(movers).toBeGreaterThan(10);
    // Some customers stay unsegmented, so "Σ segments + unsegmented" means something.
    expect(byCustomer.size).toBeLessThan(N * 0.9);
  });
});

describe('segment workspace demo', () => {
  it('covers every demo segment, with products that exist and outcome wordings the interviews use', async () => {
    const { WORKSPACES, splitOutcome } = await import('./workspace.js');
    const { PRODUCTS } = await import('./catalog.js');
    const { SEGMENTS } = await import('./segments.js');
    const { OUTCOMES } = await import('./texts.js');
    expect(Object.keys(WORKSPACES).sort()).toEqual(SEGMENTS.map((s) => s.key).sort());
    for (const w of Object.values(WORKSPACES)) {
      for (const sc of w.scenarios) for (const st of sc.steps) for (const a of st.attachments) {
        const p = PRODUCTS.find((x) => x.name === a.product);
        expect(p?.owner_key).toBe(a.owner);
      }
      for (const o of w.outcomes) expect(OUTCOMES.some((x) => x.outcome === o.label)).toBe(true);
      expect(w.outcomes.length).toBeGreaterThanOrEqual(5);
    }
    expect(splitOutcome('Minimise the time it takes to onboard a new agent')).toEqual({ direction: 'minimise', metric: 'the time it takes', object: 'to onboard a new agent' });
  });
});
