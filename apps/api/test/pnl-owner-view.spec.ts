import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startHarness, type Client, type Harness } from './harness.js';

/**
 * The CX-owner's view: churn risks (rule in docs/churn-risk.md) against a hand-built fixture, top customers
 * against SQL over transactions, and the product owner's bundles against the attachments.
 */
describe("CX-owner's and product owner's views", () => {
  let h: Harness;
  let db: pg.Client;
  let owner1: Client;
  let owner2: Client;
  let director: Client;
  let product1: Client;
  let asOf: string;
  let fixtureSeg: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await startHarness('pnlowner');
    db = new pg.Client({ connectionString: h.dbUrl });
    await db.connect();
    [owner1, owner2, director, product1] = [await h.signIn('owner1'), await h.signIn('owner2'), await h.signIn('director'), await h.signIn('product1')];
    const { rows: st } = await db.query(`SELECT to_char(last_month + interval '1 month', 'YYYY-MM-DD') AS d FROM pnl_rollup_state WHERE id = 1`);
    asOf = st[0].d;
    const q = async (sql: string, p: unknown[] = []) => (await db.query(sql, p)).rows;
    const [o1] = await q(`SELECT id FROM users WHERE email = 'owner1@demo.local'`);
    const [o2] = await q(`SELECT id FROM users WHERE email = 'owner2@demo.local'`);
    fixtureSeg = String((await q(`INSERT INTO segments (name, owner_id) VALUES ('Churn fixture', $1) RETURNING id`, [o1.id]))[0].id);
    const otherSeg = String((await q(`INSERT INTO segments (name, owner_id) VALUES ('Churn fixture (owner2)', $1) RETURNING id`, [o2.id]))[0].id);
    // D = asOf. Days before D for each transaction; amounts chosen so the 12-month revenues are easy to check.
    const customers: { key: string; seg: string; from: number; to?: number; tx: [number, number][]; usage?: [number, number][]; nps?: [number, number][] }[] = [
      // Silent for 90 days after buying every 30: recency.
      { key: 'recency', seg: fixtureSeg, from: 700, tx: [300, 270, 240, 210, 180, 150, 120, 90].map((d) => [d, 100] as [number, number]) },
      // Buys every 30 days until 10 days ago: nothing.
      { key: 'steady', seg: fixtureSeg, from: 700, tx: [310, 250, 190, 130, 70, 10].map((d) => [d, 50] as [number, number]), usage: [[6, 10], [5, 10], [4, 10], [3, 10], [2, 10], [1, 10]] },
      // Usage 30 → 15 (< 70 %) and NPS 10 → 6 (a detractor after a promoter): two signals.
      { key: 'usageNps', seg: fixtureSeg, from: 700, tx: [200, 150, 100, 50, 5].map((d) => [d, 20] as [number, number]), usage: [[6, 10], [5, 10], [4, 10], [3, 5], [2, 5], [1, 5]], nps: [[300, 10], [40, 6]] },
      // NPS 9 → 7: two points down.
      { key: 'nps', seg: fixtureSeg, from: 700, tx: [40, 20].map((d) => [d, 1000] as [number, number]), nps: [[200, 9], [30, 7]] },
      // NPS 8 → 7 (one point, still passive) and usage 10 → 7 (exactly 70 %): nothing.
      { key: 'borderline', seg: fixtureSeg, from: 700, tx: [[20, 5]], usage: [[6, 4], [5, 3], [4, 3], [3, 3], [2, 2], [1, 2]], nps: [[100, 8], [50, 7]] },
      // Buys twice a year: 100 days of silence is shorter than their usual 200-day gap.
      { key: 'seasonal', seg: fixtureSeg, from: 700, tx: [[300, 400], [100, 400]] },
      // A stale NPS drop (answered more than 365 days ago) does not count.
      { key: 'staleNps', seg: fixtureSeg, from: 700, tx: [[15, 1]], nps: [[500, 10], [400, 3]] },
      // Bad signals but in owner2's segment, or no longer a member: never in this list.
      { key: 'otherSeg', seg: otherSeg, from: 700, tx: [[300, 1], [200, 1]] },
      { key: 'left', seg: fixtureSeg, from: 700, to: 60, tx: [[300, 1], [280, 1], [200, 1]] },
    ];
    const day = (n: number) => `($1::date - ${n})`;
    for (const c of customers) {
      const [row] = await q(`INSERT INTO customers (external_id, name, support_level) VALUES ($1, $2, 'basic') RETURNING id`, [`CHURN-${c.key}`, `Churn ${c.key}`]);
      ids[c.key] = String(row.id);
      await q(`INSERT INTO segment_memberships (segment_id, customer_id, valid_from, valid_to) VALUES ($2, $3, ${day(c.from)}, ${c.to === undefined ? 'NULL' : day(c.to)})`, [asOf, c.seg, row.id]);
      for (const [i, [d, amount]] of c.tx.entries()) {
        await q(`INSERT INTO transactions (external_id, customer_id, occurred_on, amount, type) VALUES ($2, $3, ${day(d)}, $4, 'payment')`, [asOf, `CHURN-${c.key}-${i}`, row.id, amount]);
      }
      for (const [monthsBack, users] of c.usage ?? []) {
        await q(`INSERT INTO usage_records (customer_id, period, active_users) VALUES ($2, ($1::date - make_interval(months => $3))::date, $4)`, [asOf, row.id, monthsBack, users]);
      }
      for (const [i, [d, score]] of (c.nps ?? []).entries()) {
        await q(`INSERT INTO survey_answers (external_id, customer_id, answered_on, nps) VALUES ($2, $3, ${day(d)}, $4)`, [asOf, `CHURN-${c.key}-nps-${i}`, row.id, score]);
      }
    }
  });
  afterAll(async () => {
    await db?.end();
    await h?.close();
  });

  it('churn risks follow the written rule exactly on a hand-built fixture', async () => {
    const res = await owner1.request('GET', `/pnl/segments/${fixtureSeg}/churn-risks`);
    expect(res.status).toBe(200);
    expect(res.body.asOf).toBe(asOf);
    expect(res.body.total).toBe(3);
    // Two signals first; then by revenue in the 12 months before D: recency 8 × 100 = 800 (all within 365 days)
    // vs nps 2 × 1000 = 2000.
    expect(res.body.items).toEqual([
      { customerId: ids.usageNps, name: 'Churn usageNps', reasons: ['usage', 'nps'], daysSinceLastTransaction: 5, longestGapDays: 50, usageChange: '-0.5000', lastNps: 6, previousNps: 10, revenue12m: '100.00' },
      { customerId: ids.nps, name: 'Churn nps', reasons: ['nps'], daysSinceLastTransaction: 20, longestGapDays: 20, usageChange: null, lastNps: 7, previousNps: 9, revenue12m: '2000.00' },
      { customerId: ids.recency, name: 'Churn recency', reasons: ['recency'], daysSinceLastTransaction: 90, longestGapDays: 30, usageChange: null, lastNps: null, previousNps: null, revenue12m: '800.00' },
    ]);
  });

  it('churn risks and top customers of another owner’s segment answer 404', async () => {
    expect((await owner2.request('GET', `/pnl/segments/${fixtureSeg}/churn-risks`)).status).toBe(404);
    expect((await owner2.request('GET', `/pnl/segments/${fixtureSeg}/top-customers`)).status).toBe(404);
    expect((await product1.request('GET', `/pnl/segments/${fixtureSeg}/top-customers`)).status).toBe(403);
    expect((await director.request('GET', `/pnl/segments/${fixtureSeg}/churn-risks`)).status).toBe(200);
  });

  it('top customers: by net revenue in the segment and period, with the period before and a 12-month trend', async () => {
    const { rows: segs } = await db.query(`SELECT s.id::text AS id FROM segments s JOIN users u ON u.id = s.owner_id WHERE u.email = 'owner1@demo.local' AND s.name <> 'Churn fixture' ORDER BY s.id LIMIT 1`);
    const seg = segs[0].id;
    const { rows: lm } = await db.query(`SELECT to_char(last_month, 'YYYY-MM') AS m FROM pnl_rollup_state`);
    const last = lm[0].m as string;
    const res = await owner1.request('GET', `/pnl/segments/${seg}/top-customers?period=quarter&at=${last}&limit=5`);
    expect(res.status).toBe(200);
    const { from, to } = res.body.period;
    const attributed = (a: string, b: string) => `
      SELECT t.customer_id::text AS id, SUM(t.amount)::numeric(20,2)::text AS rev
      FROM transactions t JOIN segment_memberships sm ON sm.customer_id = t.customer_id AND t.occurred_on BETWEEN sm.valid_from AND COALESCE(sm.valid_to, 'infinity'::date)
      WHERE sm.segment_id = $1 AND t.occurred_on >= '${a}-01' AND t.occurred_on < ('${b}-01'::date + interval '1 month') GROUP BY t.customer_id`;
    const { rows: expected } = await db.query(`${attributed(from, to)} ORDER BY SUM(t.amount) DESC, t.customer_id::bigint LIMIT 5`, [seg]);
    expect(res.body.items.map((r: { customerId: string; netRevenue: string }) => [r.customerId, r.netRevenue])).toEqual(expected.map((r) => [r.id, r.rev]));
    // The period before (same length) and the trend: 12 months ending with the period, its last 3 summing to the period.
    const prevFrom = new Date(`${from}-01T00:00:00Z`);
    prevFrom.setUTCMonth(prevFrom.getUTCMonth() - 3);
    const prevTo = new Date(`${from}-01T00:00:00Z`);
    prevTo.setUTCMonth(prevTo.getUTCMonth() - 1);
    const { rows: prev } = await db.query(attributed(prevFrom.toISOString().slice(0, 7), prevTo.toISOString().slice(0, 7)), [seg]);
    const prevBy = new Map(prev.map((r) => [r.id, r.rev]));
    for (const item of res.body.items) {
      expect(item.previousRevenue).toBe(prevBy.get(item.customerId) ?? null);
      expect(item.trend).toHaveLength(12);
      expect(item.trend[11].month).toBe(to);
      const last3 = item.trend.slice(9).reduce((a: number, p: { netRevenue: string }) => a + Math.round(Number(p.netRevenue) * 100), 0);
      expect(last3).toBe(Math.round(Number(item.netRevenue) * 100));
      if (item.previousRevenue && Number(item.previousRevenue) > 0) {
        expect(item.change).toBe((Number(item.netRevenue) / Number(item.previousRevenue) - 1).toFixed(4));
      }
    }
  });

  it("the product owner's bundles: which segments' scenarios include each of their products, and only theirs", async () => {
    const res = await product1.request('GET', '/pnl/products');
    expect(res.status).toBe(200);
    const { rows } = await db.query(
      `SELECT DISTINCT pr.id::text AS product, s.id::text AS segment, sc.id::text AS scenario
       FROM scenario_attachments a JOIN scenario_steps st ON st.id = a.step_id JOIN scenarios sc ON sc.id = st.scenario_id
       JOIN segments s ON s.id = sc.segment_id JOIN products pr ON pr.id = a.product_id JOIN users u ON u.id = pr.owner_id
       WHERE u.email = 'product1@demo.local' AND a.status <> 'rejected' ORDER BY 1, 2, 3`,
    );
    expect(rows.length).toBeGreaterThan(0);
    const got = res.body.bundles
      .flatMap((b: { productId: string; segments: { segmentId: string; scenarios: { scenarioId: string }[] }[] }) =>
        b.segments.flatMap((s) => s.scenarios.map((sc) => `${b.productId}|${s.segmentId}|${sc.scenarioId}`)),
      )
      .sort();
    expect(got).toEqual(rows.map((r) => `${r.product}|${r.segment}|${r.scenario}`).sort());
  });
});
