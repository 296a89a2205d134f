import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { refreshRollups } from '../src/modules/pnl/rollups.js';
import { startHarness, type Client, type Harness } from './harness.js';

/**
 * The P&L must reconcile: Σ segments + unsegmented = Σ transactions to the cent for every month of the demo,
 * every transaction attributed exactly once, and a hand-computed fixture gives exactly the lines written below.
 */
describe('segment P&L reconciliation', () => {
  let h: Harness;
  let db: pg.Client;
  let director: Client;

  beforeAll(async () => {
    h = await startHarness('pnlrec');
    db = new pg.Client({ connectionString: h.dbUrl });
    await db.connect();
    director = await h.signIn('director');
  });
  afterAll(async () => {
    await db?.end();
    await h?.close();
  });

  it('attributes every demo transaction exactly once (at most one membership on its date, rollup counts = rows)', async () => {
    const { rows: multi } = await db.query(
      `SELECT t.id FROM transactions t JOIN segment_memberships sm ON sm.customer_id = t.customer_id
       AND t.occurred_on BETWEEN sm.valid_from AND COALESCE(sm.valid_to, '9999-12-31') GROUP BY t.id HAVING COUNT(*) > 1 LIMIT 1`,
    );
    expect(multi).toEqual([]);
    const { rows: [n] } = await db.query(`SELECT (SELECT COUNT(*) FROM transactions)::int AS tx, (SELECT SUM(tx_count) FROM pnl_segment_months)::int AS rolled`);
    expect(n.tx).toBeGreaterThan(10_000);
    expect(n.rolled).toBe(n.tx);
  });

  it('Σ segments + unsegmented (from the API, unsegmented computed directly) = Σ transactions, to the cent, every month', async () => {
    // Independent oracle: straight from transactions, attribution by a correlated lookup instead of a join.
    const { rows: oracle } = await db.query(
      `SELECT to_char(t.occurred_on, 'YYYY-MM') AS month,
              COALESCE((SELECT sm.segment_id FROM segment_memberships sm WHERE sm.customer_id = t.customer_id
                         AND sm.valid_from <= t.occurred_on AND (sm.valid_to IS NULL OR sm.valid_to >= t.occurred_on)), 0)::text AS seg,
              SUM(t.amount)::text AS amount
       FROM transactions t GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const totals = new Map<string, bigint>();
    const bySeg = new Map<string, string>();
    const toCents = (s: string) => BigInt(Math.round(Number(s) * 100));
    for (const r of oracle) {
      totals.set(r.month, (totals.get(r.month) ?? 0n) + toCents(r.amount));
      bySeg.set(`${r.month}/${r.seg}`, r.amount);
    }
    const { rows: segs } = await db.query(`SELECT id::text AS id FROM segments ORDER BY id`);
    const ids = [...segs.map((s) => s.id), '0'];
    const months = [...totals.keys()];
    expect(months.length).toBeGreaterThanOrEqual(36);
    for (const month of months) {
      let sum = 0n;
      for (const id of ids) {
        const res = await director.request('GET', `/pnl/segments/${id}?period=month&at=${month}`);
        expect(res.status).toBe(200);
        const net: string = res.body.lines.netRevenue;
        expect(Number(net)).toBeCloseTo(Number(bySeg.get(`${month}/${id}`) ?? '0'), 2);
        expect(net).toBe(Number(bySeg.get(`${month}/${id}`) ?? '0').toFixed(2));
        sum += toCents(net);
      }
      expect(sum, month).toBe(totals.get(month));
    }
  }, 120_000);

  describe('hand-computed fixture', () => {
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      const one = async (sql: string, params: unknown[] = []) => String((await db.query(sql, params)).rows[0].id);
      const owner = async (email: string) => (await db.query(`SELECT id FROM users WHERE email = $1`, [email])).rows[0].id;
      await db.query('BEGIN');
      ids.A = await one(`INSERT INTO segments (name, owner_id) VALUES ('Fixture A', $1) RETURNING id`, [await owner('owner1@demo.local')]);
      ids.B = await one(`INSERT INTO segments (name, owner_id) VALUES ('Fixture B', $1) RETURNING id`, [await owner('owner2@demo.local')]);
      ids.P1 = await one(`INSERT INTO products (external_id, name, tier, price, unit_cost) VALUES ('FX-P1', 'Fixture unit-cost', 'basic', 100, 10.00) RETURNING id`);
      ids.P2 = await one(`INSERT INTO products (external_id, name, tier, price, cost_share) VALUES ('FX-P2', 'Fixture cost-share', 'basic', 100, 0.25) RETURNING id`);
      ids.P3 = await one(`INSERT INTO products (external_id, name, tier, price) VALUES ('FX-P3', 'Fixture own-cost', 'enterprise', 1000) RETURNING id`);
      const customer = (key: string, cac: string, support: string) =>
        one(`INSERT INTO customers (external_id, name, cac, support_level) VALUES ($1, $2, $3, $4) RETURNING id`, [`FX-${key}`, `Fixture ${key}`, cac, support]);
      ids.c1 = await customer('mover', '100.00', 'standard');
      ids.c2 = await customer('discounted', '40.00', 'basic');
      ids.c3 = await customer('expander', '500.00', 'premium');
      ids.c4 = await customer('churner', '60.00', 'basic');
      ids.c5 = await customer('newcomer', '200.00', 'standard');
      ids.c6 = await customer('unsegmented', '10.00', 'basic');
      const member = (c: string, s: string, from: string, to: string | null) =>
        db.query(`INSERT INTO segment_memberships (segment_id, customer_id, valid_from, valid_to) VALUES ($1, $2, $3, $4)`, [s, c, from, to]);
      await member(ids.c1, ids.A, '2027-01-01', '2027-05-14'); // mid-month move A → B
      await member(ids.c1, ids.B, '2027-05-15', null);
      await member(ids.c2, ids.A, '2026-12-01', null);
      await member(ids.c3, ids.B, '2027-01-01', null);
      await member(ids.c4, ids.A, '2027-01-01', null);
      await member(ids.c5, ids.A, '2027-05-01', null);
      let n = 0;
      const tx = (c: string, p: string, on: string, amount: string, type: string, opts: { qty?: string; discount?: string; cost?: string } = {}) =>
        db.query(
          `INSERT INTO transactions (external_id, customer_id, product_id, occurred_on, amount, quantity, discount, cost, type) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [`FX-T${++n}`, c, p, on, amount, opts.qty ?? '1', opts.discount ?? '0', opts.cost ?? null, type],
        );
      await tx(ids.c1, ids.P1, '2027-01-10', '200.00', 'payment', { qty: '2' });
      await tx(ids.c1, ids.P1, '2027-04-10', '200.00', 'payment', { qty: '2' });
      await tx(ids.c1, ids.P1, '2027-05-20', '200.00', 'payment', { qty: '2' });
      await tx(ids.c1, ids.P1, '2027-05-25', '-50.00', 'refund', { qty: '0' }); // refund of the April sale, dated after the move
      await tx(ids.c2, ids.P2, '2027-02-05', '90.00', 'payment', { discount: '10.00' });
      await tx(ids.c2, ids.P2, '2027-05-05', '80.00', 'payment', { discount: '20.00' });
      await tx(ids.c3, ids.P3, '2027-03-03', '1000.00', 'payment', { cost: '300.00' });
      await tx(ids.c3, ids.P3, '2027-04-03', '1000.00', 'payment', { cost: '300.00' });
      await tx(ids.c3, ids.P3, '2027-06-15', '400.00', 'expansion', { cost: '120.00' });
      await tx(ids.c4, ids.P2, '2027-01-20', '120.00', 'payment');
      await tx(ids.c4, ids.P2, '2027-02-20', '120.00', 'payment');
      await tx(ids.c5, ids.P1, '2027-05-10', '100.00', 'payment');
      await tx(ids.c5, ids.P1, '2027-06-10', '100.00', 'payment');
      await tx(ids.c6, ids.P2, '2027-04-15', '70.00', 'payment');
      await db.query(
        `INSERT INTO segment_plans (segment_id, period_kind, period_start, revenue_target, margin_target, customers_target, status) VALUES ($1, 'quarter', '2027-04-01', 500.00, 400.00, 4, 'approved')`,
        [ids.A],
      );
      // The incremental path the importers use: only the fixture customers.
      await refreshRollups(db, { customerIds: [ids.c1, ids.c2, ids.c3, ids.c4, ids.c5, ids.c6] });
      await db.query('COMMIT');
    });

    it('segment A, Q2 2027: lines, counts, NRR, GRR and plan vs actual as computed by hand', async () => {
      const res = await director.request('GET', `/pnl/segments/${ids.A}?from=2027-04&to=2027-06`);
      expect(res.status).toBe(200);
      expect(res.body.lines).toEqual({
        netRevenue: '480.00', // c1 Apr 200 + c2 May 80 + c5 May 100 + c5 Jun 100
        newRevenue: '200.00', // c5: first-ever transaction in the period
        recurringRevenue: '280.00',
        expansionRevenue: '0.00',
        discounts: '20.00',
        refunds: '0.00', // c1's refund falls after the move: B's
        costOfGoods: '60.00', // 10×2 + 0.25×80 + 10 + 10
        grossMargin: '420.00',
        acquisitionCost: '200.00', // c5's CAC
        costToServe: '78.00', // Apr c1 standard 25; May c2 basic 3 + c5 25 (c1 served by B); Jun c5 25
        contributionMargin: '142.00',
        transactions: 4,
      });
      expect(res.body.counts).toEqual({ atStart: 3, atEnd: 3, new: 1, movedIn: 0, movedOut: 1, churned: 1, active: 3 });
      // Cohort on Apr 1 with Q1 revenue: c1 200, c2 90, c4 240 = 530; now: c1 200+200−50, c2 80, c4 0 = 430.
      expect(res.body.retention).toEqual({
        nrr: '0.8113',
        grr: '0.5283', // min(350,200) + min(80,90) + 0 = 280
        cohortCustomers: 3,
        previousRevenue: '530.00',
        currentRevenue: '430.00',
        cappedRevenue: '280.00',
      });
      expect(res.body.plans).toHaveLength(1);
      expect(res.body.plans[0]).toMatchObject({
        revenueTarget: '500.00',
        revenueActual: '480.00',
        revenueVariance: '-20.00',
        marginTarget: '400.00',
        marginActual: '420.00',
        marginVariance: '20.00',
        customersTarget: 4,
        customersActual: 3,
        customersVariance: -1,
      });
    });

    it('segment B, Q2 2027: the moved customer, the refund after the move and the expansion', async () => {
      const res = await director.request('GET', `/pnl/segments/${ids.B}?period=quarter&at=2027-05`);
      expect(res.status).toBe(200);
      expect(res.body.period).toEqual({ from: '2027-04', to: '2027-06', months: 3 });
      expect(res.body.lines).toEqual({
        netRevenue: '1550.00',
        newRevenue: '0.00',
        recurringRevenue: '1150.00',
        expansionRevenue: '400.00',
        discounts: '0.00',
        refunds: '50.00',
        costOfGoods: '440.00', // 20 + 0 (refund, quantity 0) + 300 + 120
        grossMargin: '1110.00',
        acquisitionCost: '0.00',
        costToServe: '385.00', // Apr c3 180; May c1 25; Jun c3 180
        contributionMargin: '725.00',
        transactions: 4,
      });
      expect(res.body.counts).toEqual({ atStart: 1, atEnd: 2, new: 0, movedIn: 1, movedOut: 0, churned: 0, active: 2 });
      expect(res.body.retention).toMatchObject({ nrr: '1.4000', grr: '1.0000', cohortCustomers: 1, previousRevenue: '1000.00', currentRevenue: '1400.00' });
    });

    it('Q2 2027 reconciles: A + B + unsegmented = every transaction of the quarter', async () => {
      const get = async (id: string) => (await director.request('GET', `/pnl/segments/${id}?from=2027-04&to=2027-06`)).body.lines.netRevenue;
      expect([await get(ids.A), await get(ids.B), await get('unsegmented')]).toEqual(['480.00', '1550.00', '70.00']);
      const { rows } = await db.query(`SELECT SUM(amount)::text AS s FROM transactions WHERE occurred_on >= '2027-04-01' AND occurred_on < '2027-07-01'`);
      expect(rows[0].s).toBe('2100.00');
    });

    it('drill-down from A’s margin reaches exactly its customers and transactions', async () => {
      const cust = await director.request('GET', `/pnl/segments/${ids.A}/customers?from=2027-04&to=2027-06&sort=margin`);
      expect(cust.status).toBe(200);
      expect(cust.body.items.map((r: { customerId: string; grossMargin: string }) => [r.customerId, r.grossMargin])).toEqual([
        [ids.c1, '180.00'],
        [ids.c5, '180.00'],
        [ids.c2, '60.00'],
      ]);
      const txs = await director.request('GET', `/pnl/segments/${ids.A}/transactions?from=2027-04&to=2027-06&customerId=${ids.c1}`);
      expect(txs.body.items.map((t: { occurredOn: string; amount: string }) => [t.occurredOn, t.amount])).toEqual([['2027-04-10', '200.00']]);
    });

    it('cost to serve follows the director’s table without a refresh', async () => {
      const put = await director.request('PUT', '/settings/support-costs', { items: [{ supportLevel: 'standard', monthlyCost: '30.00' }] });
      expect(put.status).toBe(200);
      const res = await director.request('GET', `/pnl/segments/${ids.A}?from=2027-04&to=2027-06`);
      expect(res.body.lines.costToServe).toBe('93.00'); // 30 + (3 + 30) + 30
      await director.request('PUT', '/settings/support-costs', { items: [{ supportLevel: 'standard', monthlyCost: '25.00' }] });
    });
  });
});
