import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startHarness, type Harness } from './harness.js';

/**
 * Merging and splitting keep history: every membership that ended before the
 * operation is untouched, every membership that covered its date closes the
 * day before, and revenue attributed per segment and month (memberships ×
 * transactions, computed here in SQL independently of the product) is the
 * same before and after.
 */
describe('merge and split keep membership history and past revenue attribution', () => {
  let h: Harness;
  let db: pg.Client;

  // Revenue per (segment, month): each transaction belongs to the segment the customer was in on its date.
  const REVENUE = `
    SELECT sm.segment_id::text AS segment, to_char(t.occurred_on, 'YYYY-MM') AS month, SUM(t.amount)::text AS revenue
    FROM transactions t JOIN segment_memberships sm
      ON sm.customer_id = t.customer_id AND t.occurred_on >= sm.valid_from AND (sm.valid_to IS NULL OR t.occurred_on <= sm.valid_to)
    GROUP BY 1, 2 ORDER BY 1, 2`;
  // The product's own P&L rollups (issue 7), refreshed by the merge in its transaction: past months must not move either.
  const PNL = `SELECT segment_id::text AS segment, month::text AS m, SUM(net_revenue)::text AS net_revenue FROM pnl_segment_months GROUP BY segment_id, month ORDER BY segment_id, month`;
  const MEMBERSHIPS = `SELECT id::text, segment_id::text, customer_id::text, valid_from::text, valid_to::text FROM segment_memberships ORDER BY id`;

  beforeAll(async () => {
    h = await startHarness('merge');
    db = new pg.Client({ connectionString: h.dbUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await h?.close();
  });

  it('merging owner1’s two segments: history identical, open memberships close the day before and reopen in the merged segment', async () => {
    const director = await h.signIn('director');
    const segs = (await db.query(`SELECT s.id::text FROM segments s JOIN users u ON u.id = s.owner_id WHERE u.email = 'owner1@demo.local' ORDER BY s.id`)).rows.map((r) => r.id);
    expect(segs.length).toBe(2);
    const revenueBefore = (await db.query(REVENUE)).rows;
    const pnlBefore = (await db.query(PNL)).rows;
    expect(pnlBefore.length).toBeGreaterThan(0);
    const membershipsBefore = (await db.query(MEMBERSHIPS)).rows;
    const openBefore = membershipsBefore.filter((m) => segs.includes(m.segment_id) && m.valid_to === null);
    expect(openBefore.length).toBeGreaterThan(10);
    const customersByMonthBefore = (await db.query(`SELECT COUNT(DISTINCT customer_id)::int AS n FROM transactions`)).rows[0].n;
    const today = (await db.query(`SELECT CURRENT_DATE::text AS d, (CURRENT_DATE - 1)::text AS y`)).rows[0];

    // A past date is refused: it would move revenue that was already attributed.
    const past = await director.request('POST', '/segments/merge', { segmentIds: segs, name: 'x', date: '2025-01-01' });
    expect(past.status).toBe(400);
    expect(past.body.code).toBe('DATE_IN_PAST');
    const owner1 = await h.signIn('owner1');
    expect((await owner1.request('POST', '/segments/merge', { segmentIds: segs, name: 'mine' })).status).toBe(403);

    const res = await director.request('POST', '/segments/merge', { segmentIds: segs, name: 'Mid-market and enterprise' });
    expect(res.status).toBe(201);
    expect(res.body.closed).toBe(openBefore.length);
    expect(res.body.opened).toBe(openBefore.length);
    const merged = res.body.segment.id;
    expect(res.body.segment.memberCount).toBe(openBefore.filter((m) => m.valid_from <= today.d).length);

    // Past revenue attribution per segment and month: identical.
    expect((await db.query(REVENUE)).rows).toEqual(revenueBefore);
    expect((await db.query(PNL)).rows).toEqual(pnlBefore);
    // Every membership row that existed is unchanged, except that the open ones now end the day before the merge.
    const after = new Map((await db.query(MEMBERSHIPS)).rows.map((m) => [m.id, m]));
    for (const m of membershipsBefore) {
      const now = after.get(m.id);
      if (openBefore.includes(m)) expect(now).toEqual({ ...m, valid_to: today.y });
      else expect(now).toEqual(m);
    }
    // …and each of those customers has a new open membership in the merged segment from the merge date.
    const opened = (await db.query(`SELECT customer_id::text, valid_from::text, valid_to FROM segment_memberships WHERE segment_id = $1 ORDER BY customer_id::bigint`, [merged])).rows;
    expect(opened).toEqual(openBefore.map((m) => ({ customer_id: m.customer_id, valid_from: today.d, valid_to: null })).sort((a, b) => Number(a.customer_id) - Number(b.customer_id)));
    expect((await db.query(`SELECT COUNT(DISTINCT customer_id)::int AS n FROM transactions`)).rows[0].n).toBe(customersByMonthBefore);

    // The old segments are archived and point at their successor; the history says so.
    const old = (await db.query(`SELECT status, merged_into_id::text AS m FROM segments WHERE id = ANY($1::bigint[])`, [segs])).rows;
    expect(old).toEqual([
      { status: 'archived', m: merged },
      { status: 'archived', m: merged },
    ]);
    const hist = await director.request('GET', `/segments/${segs[0]}/history`);
    expect(hist.body.items[0].action).toBe('segment.merge');
    // An archived segment is read-only.
    expect((await director.request('PUT', `/segments/${segs[0]}/card`, { name: 'again' })).status).toBe(409);
  });

  it('splitting by a rule: matching members go to the first segment, the rest to the second; history and revenue unchanged', async () => {
    const director = await h.signIn('director');
    const seg = (await db.query(`SELECT s.id::text FROM segments s JOIN users u ON u.id = s.owner_id WHERE u.email = 'owner2@demo.local' AND s.status = 'active' ORDER BY s.id LIMIT 1`)).rows[0].id;
    const revenueBefore = (await db.query(REVENUE)).rows;
    const members = (
      await db.query(`SELECT sm.customer_id::text AS id, c.industry FROM segment_memberships sm JOIN customers c ON c.id = sm.customer_id WHERE sm.segment_id = $1 AND sm.valid_to IS NULL`, [seg])
    ).rows;
    const values = ['e-commerce', 'retail'];
    const res = await director.request('POST', `/segments/${seg}/split`, { rule: { field: 'industry', values }, matchingName: 'Online sellers', restName: 'Everyone else' });
    expect(res.status).toBe(201);
    const [a, b] = res.body.segments.map((s: { id: string }) => s.id);
    const inA = (await db.query(`SELECT customer_id::text AS id FROM segment_memberships WHERE segment_id = $1 ORDER BY customer_id::bigint`, [a])).rows.map((r) => r.id);
    const inB = (await db.query(`SELECT customer_id::text AS id FROM segment_memberships WHERE segment_id = $1 ORDER BY customer_id::bigint`, [b])).rows.map((r) => r.id);
    const sortIds = (x: string[]) => x.sort((p, q) => Number(p) - Number(q));
    expect(inA).toEqual(sortIds(members.filter((m) => values.includes(m.industry)).map((m) => m.id)));
    expect(inB).toEqual(sortIds(members.filter((m) => !values.includes(m.industry)).map((m) => m.id)));
    expect((await db.query(REVENUE)).rows).toEqual(revenueBefore);
  });
});
