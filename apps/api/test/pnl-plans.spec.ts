import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startHarness, type Client, type Harness } from './harness.js';

const ym = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
const idx = (s: string) => Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7)) - 1;

/** Plans (propose → approve/change with a comment → plan vs actual) and the settings that shape periods and costs. */
describe('plans and settings', () => {
  let h: Harness;
  let db: pg.Client;
  let c: Record<'admin' | 'director' | 'owner1' | 'owner2' | 'product1' | 'analyst', Client>;
  let own: string;
  let other: string;
  let lastIdx: number;

  beforeAll(async () => {
    h = await startHarness('pnlplans');
    db = new pg.Client({ connectionString: h.dbUrl });
    await db.connect();
    c = {
      admin: await h.signIn('admin'),
      director: await h.signIn('director'),
      owner1: await h.signIn('owner1'),
      owner2: await h.signIn('owner2'),
      product1: await h.signIn('product1'),
      analyst: await h.signIn('analyst'),
    };
    const seg = async (email: string) =>
      String((await db.query(`SELECT s.id FROM segments s JOIN users u ON u.id = s.owner_id WHERE u.email = $1 ORDER BY s.id LIMIT 1`, [email])).rows[0].id);
    own = await seg('owner1@demo.local');
    other = await seg('owner2@demo.local');
    const { rows } = await db.query(`SELECT to_char(last_month, 'YYYY-MM') AS m FROM pnl_rollup_state WHERE id = 1`);
    lastIdx = idx(rows[0].m);
  });
  afterAll(async () => {
    await db?.end();
    await h?.close();
  });

  /** Independent actual: transactions attributed by membership on their date, per-transaction cost of goods. */
  async function actualOf(segmentId: string, fromIdx: number, months: number) {
    const from = `${ym(fromIdx)}-01`;
    const to = `${ym(fromIdx + months)}-01`;
    const { rows } = await db.query(
      `SELECT COALESCE(SUM(t.amount), 0)::numeric(20,2)::text AS rev,
              COALESCE(SUM(t.amount - ROUND(COALESCE(t.cost, p.unit_cost * t.quantity, p.cost_share * t.amount, 0), 2)), 0)::numeric(20,2)::text AS margin
       FROM transactions t LEFT JOIN products p ON p.id = t.product_id
       JOIN segment_memberships sm ON sm.customer_id = t.customer_id AND t.occurred_on BETWEEN sm.valid_from AND COALESCE(sm.valid_to, 'infinity'::date)
       WHERE sm.segment_id = $1 AND t.occurred_on >= $2 AND t.occurred_on < $3`,
      [segmentId, from, to],
    );
    // Customers: members on the last day of the period's last month.
    const [{ n }] = (
      await db.query(
        `SELECT COUNT(*)::int AS n FROM segment_memberships WHERE segment_id = $1 AND valid_from <= ($2::date - 1) AND COALESCE(valid_to, 'infinity'::date) >= ($2::date - 1)`,
        [segmentId, to],
      )
    ).rows;
    return { rev: rows[0].rev as string, margin: rows[0].margin as string, customers: n as number };
  }

  it('owner1 proposes for their segment; the director changes it with a comment; plan vs actual and variance % are right', async () => {
    // A calendar quarter with data, six months before the data ends (fiscal year starts in January in the demo).
    const qStart = lastIdx - 6 - ((lastIdx - 6) % 3);
    const body = { segmentId: own, periodKind: 'quarter', periodStart: ym(qStart), revenueTarget: '1000.00', marginTarget: '400.00', customersTarget: 10, note: 'first try' };
    // Fixture: the demo may already hold a plan for that quarter.
    await db.query(`DELETE FROM segment_plans WHERE segment_id = $1 AND period_kind = 'quarter' AND period_start = $2`, [own, `${ym(qStart)}-01`]);
    const created = await c.owner1.request('POST', '/plans', body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ status: 'proposed', segmentId: own, revenueTarget: '1000.00', note: 'first try', decisionComment: null });

    // Approving with a changed target but no comment: refused, naming the field.
    const noComment = await c.director.request('POST', `/plans/${created.body.id}/approve`, { revenueTarget: '2000.00' });
    expect(noComment.status).toBe(400);
    expect(noComment.body.details).toEqual([{ field: 'comment', message: 'required when changing revenueTarget' }]);

    const approved = await c.director.request('POST', `/plans/${created.body.id}/approve`, { revenueTarget: '2000.00', comment: 'Q is seasonal: aim higher' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', revenueTarget: '2000.00', marginTarget: '400.00', decisionComment: 'Q is seasonal: aim higher', approvedByName: expect.any(String) });

    const a = await actualOf(own, qStart, 3);
    expect(Number(a.rev)).toBeGreaterThan(0);
    const mine = await c.owner1.request('GET', `/plans?segmentId=${own}`);
    const plan = mine.body.items.find((p: { id: string }) => p.id === created.body.id);
    const cents = (s: string) => Math.round(Number(s) * 100);
    expect(plan.actual.revenueActual).toBe(a.rev);
    expect(plan.actual.marginActual).toBe(a.margin);
    expect(plan.actual.customersActual).toBe(a.customers);
    expect(cents(plan.actual.revenueVariance)).toBe(cents(a.rev) - 200000);
    expect(cents(plan.actual.marginVariance)).toBe(cents(a.margin) - 40000);
    expect(plan.actual.customersVariance).toBe(a.customers - 10);
    expect(plan.actual.revenueVariancePct).toBe(((cents(a.rev) - 200000) / 200000).toFixed(4));
    expect(plan.actual.customersVariancePct).toBe(((a.customers - 10) / 10).toFixed(4));
    expect(plan.actual).toMatchObject({ monthsWithData: 3, periodMonths: 3 });

    // The same plan vs actual on the segment P&L tab for a period that overlaps it.
    const pnl = await c.owner1.request('GET', `/pnl/segments/${own}?period=quarter&at=${ym(qStart + 1)}`);
    const row = pnl.body.plans.find((p: { planId: string }) => p.planId === created.body.id);
    expect(row).toMatchObject({ revenueActual: a.rev, revenueTarget: '2000.00', revenueVariancePct: plan.actual.revenueVariancePct, status: 'approved' });

    // An owner's later edit turns the approved plan back into a proposal.
    const edited = await c.owner1.request('PATCH', `/plans/${created.body.id}`, { customersTarget: 12 });
    expect(edited.body).toMatchObject({ status: 'proposed', customersTarget: 12 });
    const audit = await db.query(`SELECT action FROM audit_log WHERE subject_type = 'Plan' AND subject_id = $1 ORDER BY id`, [created.body.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['plan.create', 'plan.approve', 'plan.update']);
  });

  it('every role: owners only for their own segments and never approve; product owners and analysts see nothing', async () => {
    const qStart = lastIdx - 9 - ((lastIdx - 9) % 3);
    const body = { segmentId: other, periodKind: 'quarter', periodStart: ym(qStart), revenueTarget: '1.00', marginTarget: '1.00', customersTarget: 1 };
    await db.query(`DELETE FROM segment_plans WHERE segment_id = $1 AND period_kind = 'quarter' AND period_start = $2`, [other, `${ym(qStart)}-01`]);
    // owner1 cannot propose for owner2's segment (404: ids cannot be probed), owner2 can.
    expect((await c.owner1.request('POST', '/plans', body)).status).toBe(404);
    const p2 = await c.owner2.request('POST', '/plans', body);
    expect(p2.status).toBe(201);
    expect((await c.owner1.request('PATCH', `/plans/${p2.body.id}`, { revenueTarget: '5.00' })).status).toBe(404);
    // No owner approves, not even their own.
    expect((await c.owner2.request('POST', `/plans/${p2.body.id}/approve`, {})).status).toBe(403);
    expect((await c.owner1.request('POST', `/plans/${p2.body.id}/approve`, {})).status).toBe(403);
    // Lists: owners see only their segments' plans; product owners and analysts get 403.
    const segOf = async (email: string) =>
      (await db.query(`SELECT s.id::text AS id FROM segments s JOIN users u ON u.id = s.owner_id WHERE u.email = $1`, [email])).rows.map((r) => r.id);
    for (const [who, email] of [['owner1', 'owner1@demo.local'], ['owner2', 'owner2@demo.local']] as const) {
      const res = await c[who].request('GET', '/plans');
      const mine = await segOf(email);
      expect(res.body.items.length).toBeGreaterThan(0);
      for (const p of res.body.items) expect(mine).toContain(p.segmentId);
    }
    expect(await c.owner1.request('GET', '/plans?status=proposed').then((r) => r.body.items.some((p: { id: string }) => p.id === p2.body.id))).toBe(false);
    for (const who of ['product1', 'analyst'] as const) {
      expect((await c[who].request('GET', '/plans')).status).toBe(403);
      expect((await c[who].request('POST', '/plans', body)).status).toBe(403);
      expect((await c[who].request('GET', `/pnl/export/plans`)).status).toBe(403);
    }
    // The admin reads all plans but decides nothing.
    const all = await c.admin.request('GET', '/plans?status=proposed');
    expect(all.body.items.map((p: { id: string }) => p.id)).toContain(p2.body.id);
    expect((await c.admin.request('POST', `/plans/${p2.body.id}/approve`, {})).status).toBe(403);
    // The director: approves as proposed (no comment needed), and a duplicate proposal is a conflict.
    const ok = await c.director.request('POST', `/plans/${p2.body.id}/approve`, {});
    expect(ok.body).toMatchObject({ status: 'approved', revenueTarget: '1.00', decisionComment: null });
    expect((await c.owner2.request('POST', '/plans', body)).status).toBe(409);
  });

  it('plans start on a fiscal boundary; the fiscal-year start month moves quarters and years', async () => {
    // Default fiscal year = calendar: a quarter at the 5th month of a year is months 4–6.
    const y = Math.floor((lastIdx - 14) / 12);
    const may = y * 12 + 4;
    const q1 = await c.director.request('GET', `/pnl/segments/${own}?period=quarter&at=${ym(may)}`);
    expect(q1.body.period).toEqual({ from: ym(y * 12 + 3), to: ym(y * 12 + 5), months: 3 });
    // Admin sets the fiscal year to start in February.
    const set = await c.admin.request('PUT', '/settings', { fiscalYearStartMonth: 2 });
    expect(set.status).toBe(200);
    expect(set.body.fiscalYearStartMonth).toBe(2);
    const q2 = await c.director.request('GET', `/pnl/segments/${own}?period=quarter&at=${ym(may)}`);
    expect(q2.body.period).toEqual({ from: ym(may), to: ym(may + 2), months: 3 });
    const fy = await c.director.request('GET', `/pnl/segments/${own}?period=year&at=${ym(may)}`);
    expect(fy.body.period).toEqual({ from: ym(y * 12 + 1), to: ym(y * 12 + 12), months: 12 });
    const a = await actualOf(own, may, 3);
    expect(q2.body.lines.netRevenue).toBe(a.rev);
    // A quarter plan must now start in Feb, May, Aug or Nov.
    const bad = await c.owner1.request('POST', '/plans', { segmentId: own, periodKind: 'quarter', periodStart: ym(y * 12 + 3), revenueTarget: '1', marginTarget: '1', customersTarget: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ field: 'periodStart', message: 'must be the first month of a fiscal quarter' }]);
    await c.director.request('PUT', '/settings', { fiscalYearStartMonth: 1 });
  });

  it('settings: clear errors for bad input, and only the director and the admin change them', async () => {
    const tz = await c.director.request('PUT', '/settings', { timeZone: 'Mars/Olympus' });
    expect(tz.status).toBe(400);
    expect(tz.body.details[0].field).toBe('timeZone');
    const cur = await c.director.request('PUT', '/settings', { currency: 'XYZ' });
    expect(cur.status).toBe(400);
    expect(cur.body.details[0].field).toBe('currency');
    expect((await c.director.request('PUT', '/settings', { fiscalYearStartMonth: 13 })).status).toBe(400);
    expect((await c.owner1.request('PUT', '/settings', { currency: 'EUR' })).status).toBe(403);
    const eur = await c.director.request('PUT', '/settings', { currency: 'EUR', timeZone: 'Europe/Berlin' });
    expect(eur.body).toEqual({ currency: 'EUR', timeZone: 'Europe/Berlin', fiscalYearStartMonth: 1 });
    expect((await c.director.request('GET', `/pnl/segments/${own}`)).body.currency).toBe('EUR');
    await c.director.request('PUT', '/settings', { currency: 'RUB', timeZone: 'Europe/Moscow' });
  });

  it('support costs: known levels and non-negative money only; cost to serve scales with them', async () => {
    const levels = (await c.director.request('GET', '/settings/support-costs')).body.items.map((r: { supportLevel: string }) => r.supportLevel);
    expect(levels).toEqual(['basic', 'premium', 'standard']);
    const unknown = await c.director.request('PUT', '/settings/support-costs', { items: [{ supportLevel: 'basic', monthlyCost: '1.00' }, { supportLevel: 'platinum', monthlyCost: '5.00' }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual([{ field: 'items[1].supportLevel', message: 'unknown support level "platinum" (known: basic, premium, standard)' }]);
    const negative = await c.director.request('PUT', '/settings/support-costs', { items: [{ supportLevel: 'basic', monthlyCost: '-5' }] });
    expect(negative.status).toBe(400);
    expect(JSON.stringify(negative.body)).toContain('monthlyCost must be a non-negative amount');
    // Nothing was written by the refused requests.
    const unchanged = await db.query(`SELECT monthly_cost::text AS c FROM support_level_costs WHERE support_level = 'basic'`);
    expect(unchanged.rows[0].c).toBe('3.00');

    const serve = async () => (await c.director.request('GET', `/pnl/segments/${own}`)).body.lines;
    await c.director.request('PUT', '/settings/support-costs', { items: levels.map((l: string) => ({ supportLevel: l, monthlyCost: '0' })) });
    const zero = await serve();
    expect(zero.costToServe).toBe('0.00');
    await c.admin.request('PUT', '/settings/support-costs', { items: [{ supportLevel: 'premium', monthlyCost: '1.00' }] });
    const one = await serve();
    await c.director.request('PUT', '/settings/support-costs', { items: [{ supportLevel: 'premium', monthlyCost: '12.50' }] });
    const many = await serve();
    expect(Number(one.costToServe)).toBeGreaterThan(0);
    expect(Math.round(Number(many.costToServe) * 100)).toBe(Math.round(Number(one.costToServe) * 1250));
    expect(Math.round(Number(many.contributionMargin) * 100)).toBe(Math.round((Number(many.grossMargin) - Number(many.acquisitionCost) - Number(many.costToServe)) * 100));
  });
});
