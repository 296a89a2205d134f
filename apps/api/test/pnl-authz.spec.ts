import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startHarness, type Client, type Harness } from './harness.js';

/** Row-level: a CX-owner never reads another owner's P&L (any route, exports and drill-downs included); a product owner only their products. */
describe('P&L scope', () => {
  let h: Harness;
  let db: pg.Client;
  let owner1: Client;
  let director: Client;
  let product1: Client;
  let own: string;
  let other: string;

  beforeAll(async () => {
    h = await startHarness('pnlauthz');
    db = new pg.Client({ connectionString: h.dbUrl });
    await db.connect();
    [owner1, director, product1] = [await h.signIn('owner1'), await h.signIn('director'), await h.signIn('product1')];
    const seg = async (email: string) =>
      String((await db.query(`SELECT s.id FROM segments s JOIN users u ON u.id = s.owner_id WHERE u.email = $1 ORDER BY s.id LIMIT 1`, [email])).rows[0].id);
    own = await seg('owner1@demo.local');
    other = await seg('owner2@demo.local');
  });
  afterAll(async () => {
    await db?.end();
    await h?.close();
  });

  const otherRoutes = () => [
    `/pnl/segments/${other}`,
    `/pnl/segments/${other}/customers`,
    `/pnl/segments/${other}/transactions`,
    `/pnl/segments/${other}/churn-risks`,
    `/pnl/export/segment-pnl?segmentId=${other}`,
    `/pnl/export/segment-pnl?segmentId=${other}&format=xlsx`,
    `/pnl/export/segment-customers?segmentId=${other}`,
    `/pnl/export/segment-transactions?segmentId=${other}&format=xlsx`,
    `/pnl/segments/unsegmented`,
    `/pnl/segments/0/transactions`,
    `/pnl/export/segment-transactions?segmentId=0`,
  ];

  it('a CX-owner gets 404 for another owner’s segment P&L, drill-downs and exports, and for unsegmented', async () => {
    for (const path of otherRoutes()) {
      const res = await owner1.request('GET', path);
      expect(res.status, path).toBe(404);
    }
    // The same routes work for the director, and for owner1's own segment.
    for (const path of otherRoutes()) expect((await director.request('GET', path)).status, path).toBe(200);
    expect((await owner1.request('GET', `/pnl/segments/${own}`)).status).toBe(200);
    expect((await owner1.request('GET', `/pnl/export/segment-customers?segmentId=${own}`)).status).toBe(200);
  });

  it('the portfolio, its export and the migration of a CX-owner hold only their own segments', async () => {
    const mine = (await db.query(`SELECT s.id::text AS id FROM segments s JOIN users u ON u.id = s.owner_id WHERE u.email = 'owner1@demo.local' ORDER BY 1`)).rows.map((r) => r.id);
    const res = await owner1.request('GET', '/pnl/portfolio');
    expect(res.status).toBe(200);
    expect(res.body.rows.map((r: { segmentId: string }) => r.segmentId).sort()).toEqual(mine);
    expect(res.body.unowned).toEqual([]);
    expect(res.body.trend.map((t: { segmentId: string }) => t.segmentId).sort()).toEqual(mine);
    const csv = await owner1.request('GET', '/pnl/export/portfolio');
    expect(csv.status).toBe(200);
    const names = (await db.query(`SELECT s.name FROM segments s JOIN users u ON u.id = s.owner_id WHERE u.email = 'owner2@demo.local'`)).rows.map((r) => r.name);
    for (const n of names) expect(String(csv.body)).not.toContain(n);
    const mig = await owner1.request('GET', '/pnl/migration?since=2020-01-01');
    for (const f of mig.body.items) expect(mine.includes(f.fromSegmentId) || mine.includes(f.toSegmentId)).toBe(true);
  });

  it('a CX-owner cannot read, propose, edit or approve plans of another owner’s segment, even with a crafted request', async () => {
    const plans = await owner1.request('GET', '/plans');
    const mineIds = (await db.query(`SELECT s.id::text AS id FROM segments s JOIN users u ON u.id = s.owner_id WHERE u.email = 'owner1@demo.local'`)).rows.map((r) => r.id);
    expect(plans.body.items.length).toBeGreaterThan(0);
    for (const p of plans.body.items) expect(mineIds).toContain(p.segmentId);
    const crafted = { segmentId: other, periodKind: 'quarter', periodStart: '2027-01', revenueTarget: '1.00', marginTarget: '1.00', customersTarget: 1 };
    expect((await owner1.request('POST', '/plans', crafted)).status).toBe(404);
    const [otherPlan] = (await db.query(`SELECT id::text AS id FROM segment_plans WHERE segment_id = $1 LIMIT 1`, [other])).rows;
    expect((await owner1.request('PATCH', `/plans/${otherPlan.id}`, { revenueTarget: '1.00' })).status).toBe(404);
    expect((await owner1.request('POST', `/plans/${otherPlan.id}/approve`, {})).status).toBe(403);
    // Own proposal → the director approves it with a changed target.
    const proposed = await owner1.request('POST', '/plans', { ...crafted, segmentId: own });
    expect(proposed.status).toBe(201);
    expect(proposed.body.status).toBe('proposed');
    const approved = await director.request('POST', `/plans/${proposed.body.id}/approve`, { revenueTarget: '2.50', comment: 'Too low for the season' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', revenueTarget: '2.50' });
    const audit = await db.query(`SELECT action FROM audit_log WHERE subject_type = 'Plan' AND subject_id = $1 ORDER BY id`, [proposed.body.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['plan.create', 'plan.approve']);
  });

  it('a product owner sees revenue of their own products only, in the API and the export', async () => {
    const res = await product1.request('GET', '/pnl/products?from=2023-10&to=2026-09');
    expect(res.status).toBe(200);
    const mine = new Set((await db.query(`SELECT p.id::text AS id FROM products p JOIN users u ON u.id = p.owner_id WHERE u.email = 'product1@demo.local'`)).rows.map((r) => r.id));
    expect(res.body.rows.length).toBeGreaterThan(0);
    for (const r of res.body.rows) expect(mine.has(r.productId)).toBe(true);
    // Independent sum of their products' transactions in the window.
    const { rows } = await db.query(
      `SELECT SUM(t.amount)::text AS s FROM transactions t JOIN products p ON p.id = t.product_id JOIN users u ON u.id = p.owner_id
       WHERE u.email = 'product1@demo.local' AND t.occurred_on >= '2023-10-01' AND t.occurred_on < '2026-10-01'`,
    );
    const total = res.body.rows.reduce((a: bigint, r: { netRevenue: string }) => a + BigInt(r.netRevenue.replace('.', '')), 0n);
    expect(total).toBe(BigInt(rows[0].s.replace('.', '')));
    const csv = await product1.request('GET', '/pnl/products/export');
    const others = (await db.query(`SELECT p.name FROM products p JOIN users u ON u.id = p.owner_id WHERE u.email = 'product2@demo.local'`)).rows.map((r) => r.name);
    for (const n of others) expect(String(csv.body)).not.toContain(n);
    expect((await product1.request('GET', '/pnl/portfolio')).status).toBe(403);
    expect((await product1.request('GET', `/pnl/segments/${own}/transactions`)).status).toBe(403);
  });

  it('exports escape formula-like text and produce a real XLSX', async () => {
    await db.query(`UPDATE segments SET name = '=HYPERLINK("http://x")' WHERE id = $1`, [own]);
    const csv = await director.request('GET', '/pnl/export/portfolio?format=csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(String(csv.body)).toContain(`"'=HYPERLINK(""http://x"")"`);
    const res = await fetch(`${h.base}/pnl/export/portfolio?format=xlsx`, { headers: { cookie: director.cookie! } });
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const buf = Buffer.from(await res.arrayBuffer());
    expect(buf.subarray(0, 2).toString()).toBe('PK');
  });
});
