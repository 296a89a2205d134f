import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { behaviourFeatures, generateDemoCompany } from '@cxs/demo-company';
import { TEST_DEMO } from './global-setup.js';
import { startHarness, type Client, type Harness } from './harness.js';
import { FEATURES_PLAN_SETTINGS, featuresStatement } from '../src/modules/features/features.sql.js';

/**
 * Per-customer features in SQL against an independent computation: the demo
 * generator's plain-JS fold over the same rows (behaviourFeatures), for every
 * customer and every feature; plus a hand-computed customer for the window
 * rules and a refunds-only customer that must be reported.
 */
describe('per-customer features', () => {
  let h: Harness;
  let analyst: Client;
  let db: pg.Client;
  const asOf = '2026-09-30';

  beforeAll(async () => {
    h = await startHarness('features');
    analyst = await h.signIn('analyst');
    db = new pg.Client({ connectionString: h.dbUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await h?.close();
  });

  it('reads transactions only through the covering index, grouped as they stream (no hash table, no heap)', async () => {
    const q = (sql: string, params?: unknown[]) => db.query(sql, params).then((r) => r.rows);
    const statement = await featuresStatement(q, '2026-09-30', 36);
    await db.query('BEGIN');
    try {
      for (const [name, value] of Object.entries(FEATURES_PLAN_SETTINGS)) await db.query(`SELECT set_config($1, $2, true)`, [name, value]);
      const plan = (await db.query(`EXPLAIN (FORMAT JSON) ${statement}`)).rows[0]['QUERY PLAN'][0].Plan;
      const nodes: any[] = [];
      const walk = (n: any) => {
        nodes.push(n);
        for (const c of n.Plans ?? []) walk(c);
      };
      walk(plan);
      const onTransactions = nodes.filter((n) => n['Relation Name'] === 'transactions');
      expect(onTransactions.map((n) => [n['Node Type'], n['Index Name']])).toEqual([['Index Only Scan', 'ix_transactions_customer_date']]);
      expect(nodes.filter((n) => n['Node Type'] === 'Aggregate' && n.Strategy === 'Hashed')).toEqual([]);
    } finally {
      await db.query('ROLLBACK');
    }
    // The generated cents are exact copies of the money columns.
    const { rows } = await db.query(`SELECT COUNT(*)::int AS n FROM transactions WHERE amount_cents <> amount * 100 OR discount_cents <> discount * 100`);
    expect(rows[0].n).toBe(0);
  });

  it('equals the plain-JS fold over the demo rows for every customer and feature', async () => {
    const res = await analyst.request('POST', '/features/snapshots', { asOf, lookbackMonths: 36 });
    expect(res.status).toBe(201);
    expect(res.body.customers).toBe(TEST_DEMO.customers);
    const demo = generateDemoCompany({ customers: TEST_DEMO.customers, seed: TEST_DEMO.seed });
    const oracle = behaviourFeatures(demo.options.endDate, demo.customers(), demo.transactions(), demo.usage(), demo.surveys());
    const { rows } = await db.query(`SELECT customer_id::int AS id, recency_days, frequency, monetary::float8, avg_check::float8, ltv::float8, tenure_months,
      arpu_month::float8, refund_share, discount_share, overdue_share, expansion_count, active_users_last, active_users_growth, modules_used, nps_mean, cac::float8
      FROM customer_features WHERE as_of = $1 AND lookback_months = 36`, [asOf]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.size).toBe(oracle.length);
    let checked = 0;
    const close = (a: number | null, b: number | null, tol: number, what: string, id: number) => {
      if (a === null || b === null) {
        expect({ id, what, a }).toEqual({ id, what, a: b });
        return;
      }
      if (Math.abs(a - b) > tol) expect({ id, what, sql: a }).toEqual({ id, what, sql: b });
      checked++;
    };
    for (const o of oracle) {
      const r = byId.get(o.customer_id)!;
      const charged = o.frequency > 0;
      close(r.frequency, o.frequency, 0, 'frequency', o.customer_id);
      close(r.ltv, o.ltv, 0.005, 'ltv', o.customer_id);
      close(r.monetary, o.ltv, 0.005, 'monetary (the window holds all the data)', o.customer_id);
      close(r.avg_check, charged ? o.avg_check : null, 0.0051, 'avg_check', o.customer_id);
      close(r.recency_days, charged ? o.recency_days : null, 0, 'recency_days', o.customer_id);
      close(r.tenure_months, charged ? o.tenure_months : null, 1e-9, 'tenure_months', o.customer_id);
      close(r.arpu_month, charged ? o.arpu_month : null, 0.0051, 'arpu_month', o.customer_id);
      close(r.refund_share, o.refund_share, 1e-9, 'refund_share', o.customer_id);
      close(r.discount_share, o.discount_share, 1e-9, 'discount_share', o.customer_id);
      close(r.overdue_share, o.overdue_share, 1e-12, 'overdue_share', o.customer_id);
      close(r.expansion_count, o.expansion_count, 0, 'expansion_count', o.customer_id);
      close(r.active_users_last, o.active_users_last, 0, 'active_users_last', o.customer_id);
      close(r.active_users_growth, o.active_users_growth, 1e-9, 'active_users_growth', o.customer_id);
      close(r.modules_used, o.modules_used, 0, 'modules_used', o.customer_id);
      close(r.nps_mean, o.nps, 1e-9, 'nps', o.customer_id);
      close(r.cac, o.cac, 0.005, 'cac', o.customer_id);
    }
    expect(checked).toBeGreaterThan(oracle.length * 14);
  });

  it('takes the last NPS answer of the window (latest date, then latest id), by a separately written query', async () => {
    // The 36-month snapshot of the first test (no second request: the check is of the stored rows).
    const { rows } = await db.query(
      `SELECT cf.customer_id, cf.nps_last, last.nps::float8 AS expected
       FROM customer_features cf
       LEFT JOIN (SELECT DISTINCT ON (customer_id) customer_id, nps FROM survey_answers
                  WHERE nps IS NOT NULL AND answered_on <= $1::date AND answered_on > ($1::date - interval '36 months')::date
                  ORDER BY customer_id, answered_on DESC, id DESC) last ON last.customer_id = cf.customer_id
       WHERE cf.as_of = $1 AND cf.lookback_months = 36`,
      [asOf],
    );
    expect(rows.length).toBe(TEST_DEMO.customers);
    expect(rows.filter((r) => r.expected !== null).length).toBeGreaterThan(100);
    for (const r of rows) expect({ id: r.customer_id, nps: r.nps_last }).toEqual({ id: r.customer_id, nps: r.expected });
  });

  it('applies the lookback window by hand-computed values, and reports a refunds-only customer', async () => {
    const ins = async (sql: string, p: unknown[]) => (await db.query(sql, p)).rows[0]?.id;
    const x = await ins(`INSERT INTO customers (external_id, name, cac) VALUES ('FX-1', 'Window Test', 1000) RETURNING id`, []);
    const y = await ins(`INSERT INTO customers (external_id, name) VALUES ('FX-2', 'Refunds Only') RETURNING id`, []);
    const tx = [
      [x, '2026-06-01', 400, 0, false, 'payment'],
      [x, '2026-08-10', 100, 20, true, 'payment'],
      [x, '2026-09-05', 50, 0, false, 'expansion'],
      [x, '2026-09-20', -30, 0, false, 'refund'],
      [x, '2026-10-02', 999, 0, false, 'payment'], // after the as-of date: ignored
      [y, '2026-09-01', -80, 0, false, 'refund'],
    ];
    for (const [i, t] of tx.entries()) {
      await db.query(`INSERT INTO transactions (external_id, customer_id, occurred_on, amount, discount, overdue, type) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [`FX-T${i}`, ...t]);
    }
    await db.query(`INSERT INTO usage_records (customer_id, period, active_users, modules_used) VALUES ($1, '2026-06-01', 50, 1), ($1, '2026-08-01', 2, 2), ($1, '2026-09-01', 8, 3)`, [x]);
    const res = await analyst.request('POST', '/features/snapshots', { asOf, lookbackMonths: 2 });
    expect(res.status).toBe(201);
    const { rows } = await db.query(`SELECT * FROM customer_features WHERE as_of = $1 AND lookback_months = 2 AND customer_id = ANY($2::bigint[]) ORDER BY customer_id`, [asOf, [x, y]]);
    const [fx, fy] = rows;
    // Window (2026-07-30, 2026-09-30]: the June charge counts for LTV and tenure only.
    expect(fx.frequency).toBe(2);
    expect(fx.monetary).toBe('120.00');
    expect(fx.ltv).toBe('520.00');
    expect(fx.avg_check).toBe('75.00');
    expect(fx.recency_days).toBe(25);
    expect(fx.tenure_months).toBeCloseTo(96 / 30.4375, 12);
    expect(fx.arpu_month).toBe('60.00'); // 120 over two months with a charge
    expect(fx.refund_share).toBeCloseTo(30 / 150, 12);
    expect(fx.discount_share).toBeCloseTo(20 / 170, 12);
    expect(fx.overdue_share).toBe(0.5);
    expect(fx.expansion_count).toBe(1);
    expect(fx.active_users_last).toBe(8);
    expect(fx.modules_used).toBe(3);
    expect(fx.active_users_growth).toBeCloseTo(Math.log((5 + 1) / (5 + 1)), 12); // window months: 2 and 8 → same mean both ends
    expect(fx.cac).toBe('1000.00');
    expect(fy.monetary).toBe('-80.00');
    expect(fy.frequency).toBe(0);
    expect(fy.recency_days).toBeNull();
    const report = await analyst.request('GET', `/features/non-positive?asOf=${asOf}&lookbackMonths=2`);
    expect(report.status).toBe(200);
    expect(report.body.items.map((i: { customerId: string }) => i.customerId)).toContain(String(y));
    expect(res.body.nonPositiveMonetary).toBeGreaterThanOrEqual(1);
  });

  it('takes the first and last three usage RECORDS of the window, not months, when months are missing', async () => {
    const ins = async (ext: string) => (await db.query(`INSERT INTO customers (external_id, name) VALUES ($1, $1) RETURNING id`, [ext])).rows[0].id;
    const [gaps, single, big] = [await ins('FX-GAPS'), await ins('FX-ONE'), await ins('FX-BIG')];
    // Window of 12 months as of 2026-09-30: periods in (2025-09-30, 2026-09-30].
    const usage: [string, string, number, number][] = [
      [gaps, '2025-09-01', 1000, 9], // before the window
      [gaps, '2025-11-01', 10, 1],
      [gaps, '2026-01-01', 20, 2],
      [gaps, '2026-04-01', 40, 3],
      [gaps, '2026-05-01', 60, 4],
      [gaps, '2026-07-01', 90, 6], // the last record: August and September have none
      [gaps, '2026-10-01', 5000, 8], // after the as-of date
      [single, '2026-02-01', 7, 2],
      [big, '2026-04-01', 2147483646, 2147483000],
      [big, '2026-03-01', 2147483647, 2147483647],
    ];
    for (const u of usage) await db.query(`INSERT INTO usage_records (customer_id, period, active_users, modules_used) VALUES ($1, $2, $3, $4)`, u);
    const res = await analyst.request('POST', '/features/snapshots', { asOf, lookbackMonths: 12 });
    expect(res.status).toBe(201);
    const { rows } = await db.query(
      `SELECT customer_id, active_users_last, modules_used, active_users_growth FROM customer_features
       WHERE as_of = $1 AND lookback_months = 12 AND customer_id = ANY($2::bigint[]) ORDER BY customer_id`,
      [asOf, [gaps, single, big]],
    );
    const [g, s, b] = rows;
    // First three records 10, 20, 40 (the first three months would hold only 10); last three 40, 60, 90.
    expect(g.active_users_last).toBe(90);
    expect(g.modules_used).toBe(6);
    expect(g.active_users_growth).toBeCloseTo(Math.log((190 / 3 + 1) / (70 / 3 + 1)), 12);
    expect(s.active_users_last).toBe(7);
    expect(s.modules_used).toBe(2);
    expect(s.active_users_growth).toBe(0);
    // The largest int4 values survive: the last record is April's (inserted first).
    expect(b.active_users_last).toBe(2147483646);
    expect(b.modules_used).toBe(2147483000);
    expect(b.active_users_growth).toBe(0);
  });

  it('serves the catalogue that drives the model editor', async () => {
    const res = await analyst.request('GET', '/features/catalogue');
    expect(res.status).toBe(200);
    const names = res.body.items.map((f: { name: string }) => f.name);
    expect(names).toEqual(expect.arrayContaining(['recency_days', 'frequency', 'monetary', 'avg_check', 'ltv', 'tenure_months', 'arpu_month', 'refund_share', 'discount_share', 'overdue_share', 'expansion_count', 'active_users_last', 'active_users_growth', 'modules_used', 'nps_last', 'nps_mean', 'cac']));
    for (const f of res.body.items) expect(f.en && f.ru && f.unit && f.direction).toBeTruthy();
  });
});
