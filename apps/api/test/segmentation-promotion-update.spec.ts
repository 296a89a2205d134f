import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startHarness, type Client, type Harness } from './harness.js';
import { waitForRun } from './segmentation-helpers.js';

/**
 * Promotion into an existing managed segment (the admin's "Update an existing
 * segment"): the proposal shows the target's CX-owner and its members on the
 * day before; approval makes the segment exactly the group from the date,
 * closes the other members' memberships the day before and keeps history.
 */
describe('segmentation: promotion into an existing segment', () => {
  let h: Harness;
  let analyst: Client;
  let director: Client;
  let db: pg.Client;

  beforeAll(async () => {
    h = await startHarness('promoupd');
    [analyst, director] = [await h.signIn('analyst'), await h.signIn('director')];
    db = new pg.Client({ connectionString: h.dbUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await h?.close();
  });

  it('proposes, shows the target, approves: the segment is exactly the group from the date', async () => {
    const eff = '2026-10-01';
    const rule = (await analyst.request('GET', '/segmentation/models')).body.items.find((m: any) => m.kind === 'rule');
    const started = await analyst.request('POST', `/segmentation/models/${rule.id}/runs`, {});
    expect(started.status).toBe(201);
    const run = await waitForRun(analyst, started.body.id);
    expect(run.status).toBe('succeeded');
    // The active segment with the most members on the day before: a real update, not an empty shell.
    const [target] = (await db.query(
      `SELECT s.id::text AS id, s.owner_id::text AS owner, COUNT(sm.id)::int AS members FROM segments s
       JOIN segment_memberships sm ON sm.segment_id = s.id AND sm.valid_from <= $1::date - 1 AND (sm.valid_to IS NULL OR sm.valid_to >= $1::date - 1)
       WHERE s.status = 'active' AND s.owner_id IS NOT NULL GROUP BY s.id ORDER BY members DESC, s.id LIMIT 1`,
      [eff],
    )).rows;
    expect(target.members).toBeGreaterThan(0);
    const group = (await db.query(`SELECT customer_id::text AS id FROM segmentation_run_members WHERE run_id = $1 AND label = 'Level 2' ORDER BY customer_id`, [run.id])).rows.map((r) => r.id);
    expect(group.length).toBeGreaterThan(0);

    const both = await analyst.request('POST', '/segmentation/promotions', { runId: run.id, label: 'Level 2', targetSegmentId: target.id, newSegmentName: 'x', effectiveDate: eff });
    expect(both.status).toBe(400);
    const prop = await analyst.request('POST', '/segmentation/promotions', { runId: run.id, label: 'Level 2', targetSegmentId: target.id, effectiveDate: eff });
    expect(prop.status).toBe(201);
    expect(prop.body).toMatchObject({ targetSegmentId: target.id, targetSegmentOwnerId: target.owner, targetSegmentMembers: target.members, newSegmentName: null, customers: group.length });

    const membersOn = async (day: string) =>
      (await db.query(
        `SELECT customer_id::text AS id FROM segment_memberships WHERE segment_id = $1 AND valid_from <= $2::date AND (valid_to IS NULL OR valid_to >= $2::date) ORDER BY customer_id`,
        [target.id, day],
      )).rows.map((r) => r.id);
    const dayBefore = await membersOn('2026-09-30');

    // The director keeps the segment's owner (what the admin preselects).
    const ok = await director.request('POST', `/segmentation/promotions/${prop.body.id}/approve`, { ownerId: target.owner });
    expect(ok.status).toBe(200);
    expect(ok.body.segmentId).toBe(target.id);
    // Group customers already in the segment keep their membership; the others are moved in.
    expect(ok.body.membersMoved).toBe(group.filter((id) => !dayBefore.includes(id)).length);
    expect(await membersOn(eff)).toEqual(group);
    // History stays true: the day before, the segment had the same members as before the approval.
    expect(await membersOn('2026-09-30')).toEqual(dayBefore);
    // Members outside the group left it the day before; no customer is in two segments on the date.
    const leavers = dayBefore.filter((id) => !group.includes(id));
    if (leavers.length) {
      const { rows } = await db.query(
        `SELECT DISTINCT to_char(valid_to, 'YYYY-MM-DD') AS t FROM segment_memberships WHERE segment_id = $1 AND customer_id = ANY($2::bigint[]) AND valid_from < $3::date`,
        [target.id, leavers, eff],
      );
      expect(rows).toEqual([{ t: '2026-09-30' }]);
    }
    const [{ n }] = (await db.query(
      `SELECT COUNT(*)::int AS n FROM (SELECT customer_id FROM segment_memberships WHERE valid_from <= $1::date AND (valid_to IS NULL OR valid_to >= $1::date) GROUP BY customer_id HAVING COUNT(*) > 1) x`,
      [eff],
    )).rows;
    expect(n).toBe(0);
  });
});
