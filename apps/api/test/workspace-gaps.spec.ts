import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startHarness, type Harness } from './harness.js';

/**
 * The workspace gaps of issue 6: a merge carries the card, scenarios (steps,
 * attachments), job map and unfinished initiatives over; the board is
 * reordered by drag and drop (one column's order, a card moved in from
 * another); the card editor's evidence picker lists the segment's own
 * interviews and survey answers; a role change bites on the very next request.
 * Expected values are read from the database here, independently of the API.
 */
describe('workspace: merge carry-over, board order, evidence picker, session changes', () => {
  let h: Harness;
  let db: pg.Client;
  const q = async (sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows;
  const owner1Segments = async () =>
    (await q(`SELECT s.id::text AS id FROM segments s JOIN users u ON u.id = s.owner_id WHERE u.email = 'owner1@demo.local' AND s.status = 'active' ORDER BY s.id`)).map((r) => r.id as string);
  const owner2Segment = async () => (await q(`SELECT s.id::text AS id FROM segments s JOIN users u ON u.id = s.owner_id WHERE u.email = 'owner2@demo.local' ORDER BY s.id LIMIT 1`))[0].id as string;

  // The content of a segment, as a director would compare it (no ids: the merged segment holds copies).
  const content = async (segIds: string[]) => ({
    scenarios: await q(
      `SELECT sc.title, sc.description, (SELECT json_agg(st.title ORDER BY st.position, st.id) FROM scenario_steps st WHERE st.scenario_id = sc.id) AS steps
       FROM scenarios sc WHERE sc.segment_id = ANY($1::bigint[]) ORDER BY array_position($1::bigint[], sc.segment_id), sc.position, sc.id`,
      [segIds],
    ),
    attachments: await q(
      `SELECT st.title AS step, a.product_id::text AS product, a.status, a.note, a.job_steps FROM scenario_attachments a
       JOIN scenario_steps st ON st.id = a.step_id JOIN scenarios sc ON sc.id = st.scenario_id WHERE sc.segment_id = ANY($1::bigint[])
       ORDER BY st.title, a.product_id, a.status`,
      [segIds],
    ),
    outcomes: await q(
      `SELECT o.step, o.metric, o.object, o.importance::text, o.satisfaction::text, o.rating_source, o.evidence_label,
              (SELECT COUNT(*)::int FROM outcome_evidence e WHERE e.outcome_id = o.id) AS evidence
       FROM job_outcomes o WHERE o.segment_id = ANY($1::bigint[]) ORDER BY o.step, o.metric, o.object, o.id`,
      [segIds],
    ),
    initiatives: await q(
      `SELECT i.title, i.stage, i.status, i.cost::text, sc.title AS scenario FROM initiatives i LEFT JOIN scenarios sc ON sc.id = i.scenario_id
       WHERE i.segment_id = ANY($1::bigint[]) AND i.status <> 'done' ORDER BY i.title, i.stage`,
      [segIds],
    ),
  });
  const sortOutcomes = (rows: Record<string, unknown>[]) => rows.map(({ ...r }) => r).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

  beforeAll(async () => {
    h = await startHarness('wsgaps');
    db = new pg.Client({ connectionString: h.dbUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await h?.close();
  });

  it('the card editor’s evidence picker lists exactly the segment’s customers’ interviews and survey answers', async () => {
    const owner1 = await h.signIn('owner1');
    const [seg] = await owner1Segments();
    const res = await owner1.request('GET', `/segments/${seg}/evidence-sources`);
    expect(res.status).toBe(200);
    const interviews = await q(
      `SELECT i.id::text AS id FROM interviews i WHERE EXISTS (SELECT 1 FROM segment_memberships sm WHERE sm.customer_id = i.customer_id AND sm.segment_id = $1)
       ORDER BY i.interviewed_on DESC, i.id DESC LIMIT 200`,
      [seg],
    );
    const answers = await q(
      `SELECT sa.id::text AS id FROM survey_answers sa WHERE EXISTS (SELECT 1 FROM segment_memberships sm WHERE sm.customer_id = sa.customer_id AND sm.segment_id = $1)
       ORDER BY sa.answered_on DESC, sa.id DESC LIMIT 200`,
      [seg],
    );
    expect(interviews.length + answers.length).toBeGreaterThan(0);
    expect(res.body.interviews.map((i: { id: string }) => i.id)).toEqual(interviews.map((r) => r.id));
    expect(res.body.surveyAnswers.map((i: { id: string }) => i.id)).toEqual(answers.map((r) => r.id));
    // A cited answer round-trips through the card; an unknown one is refused by id.
    const cite = answers[0] ? { kind: 'survey', ref: answers[0].id, note: 'CSAT comment' } : { kind: 'interview', ref: interviews[0].id, note: 'Interview' };
    const put = await owner1.request('PUT', `/segments/${seg}/card`, { fields: { pains: { text: 'Slow onboarding', evidence: [cite, { kind: 'metric', ref: 'churn rate', note: '' }] } } });
    expect(put.status).toBe(200);
    expect(put.body.card.fields.pains.evidence).toEqual([cite, { kind: 'metric', ref: 'churn rate', note: '' }]);
    const bad = await owner1.request('PUT', `/segments/${seg}/card`, { fields: { pains: { text: 'x', evidence: [{ kind: 'interview', ref: '99999999', note: '' }] } } });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0]).toMatchObject({ field: 'evidence', value: '99999999' });
    expect((await owner1.request('GET', `/segments/99999999/evidence-sources`)).status).toBe(404);
    expect((await (await h.signIn('product1')).request('GET', `/segments/${seg}/evidence-sources`)).status).toBe(403);
  });

  it('drag and drop on the board: a column’s new order, with a card moved in from another stage', async () => {
    const owner1 = await h.signIn('owner1');
    const [seg] = await owner1Segments();
    // Two columns with cards: move the first card of one column to the top of another.
    const cols = await q(`SELECT stage, array_agg(id::text ORDER BY position, id) AS ids FROM initiatives WHERE segment_id = $1 GROUP BY stage HAVING COUNT(*) >= 1 ORDER BY stage`, [seg]);
    expect(cols.length).toBeGreaterThanOrEqual(2);
    const [from, to] = cols as { stage: string; ids: string[] }[];
    const moving = from.ids[0];
    const order = [moving, ...to.ids.slice().reverse()];
    const res = await owner1.request('PUT', `/segments/${seg}/board/order`, { stage: to.stage, ids: order });
    expect(res.status).toBe(200);
    const column = await q(`SELECT id::text AS id, stage, position FROM initiatives WHERE segment_id = $1 AND stage = $2 ORDER BY position, id`, [seg, to.stage]);
    expect(column).toEqual(order.map((id, i) => ({ id, stage: to.stage, position: i })));
    // The column it left keeps its other cards, in their order; the board answer agrees with the database.
    const left = await q(`SELECT id::text AS id FROM initiatives WHERE segment_id = $1 AND stage = $2 ORDER BY position, id`, [seg, from.stage]);
    expect(left.map((r) => r.id)).toEqual(from.ids.slice(1));
    expect(res.body.initiatives.filter((i: { stage: string }) => i.stage === to.stage).map((i: { id: string }) => i.id)).toEqual(order);
    const [audit] = await q(`SELECT action, after FROM audit_log WHERE segment_id = $1 ORDER BY id DESC LIMIT 1`, [seg]);
    expect(audit).toMatchObject({ action: 'initiative.move', after: { stage: to.stage, ids: order, moved: [moving] } });

    // Leaving out a card of the column, or naming another segment's card, is refused by value.
    const missing = await owner1.request('PUT', `/segments/${seg}/board/order`, { stage: to.stage, ids: order.slice(1) });
    expect(missing.status).toBe(400);
    expect(missing.body.details[0].field).toBe('ids');
    const foreign = (await q(`SELECT id::text AS id FROM initiatives WHERE segment_id <> $1 LIMIT 1`, [seg]))[0].id;
    const crafted = await owner1.request('PUT', `/segments/${seg}/board/order`, { stage: to.stage, ids: [...order, foreign] });
    expect(crafted.status).toBe(400);
    expect(crafted.body.details[0]).toMatchObject({ field: 'ids', value: foreign });
    expect((await owner1.request('PUT', `/segments/${seg}/board/order`, { stage: 'nowhere', ids: order })).body.details[0].field).toBe('stage');
    // owner1 cannot reorder owner2's board; product1 cannot reorder any.
    const other = await owner2Segment();
    const otherIds = (await q(`SELECT id::text AS id FROM initiatives WHERE segment_id = $1 AND stage = 'research' ORDER BY position, id`, [other])).map((r) => r.id);
    expect((await owner1.request('PUT', `/segments/${other}/board/order`, { stage: 'research', ids: otherIds })).status).toBe(403);
    expect((await (await h.signIn('product1')).request('PUT', `/segments/${seg}/board/order`, { stage: to.stage, ids: order })).status).toBe(403);
  });

  it('a merge carries over the chosen card, scenarios with steps and attachments, the job map and unfinished initiatives', async () => {
    const director = await h.signIn('director');
    const segs = await owner1Segments();
    expect(segs.length).toBe(2);
    const before = await content(segs);
    expect(before.scenarios.length).toBeGreaterThan(0);
    expect(before.attachments.length).toBeGreaterThan(0);
    expect(before.outcomes.length).toBeGreaterThan(0);
    const second = (await q(`SELECT card, description, behaviour_factor, main_job FROM segments WHERE id = $1`, [segs[1]]))[0];
    const firstCard = (await q(`SELECT card FROM segments WHERE id = $1`, [segs[0]]))[0].card;

    const wrong = await director.request('POST', '/segments/merge', { segmentIds: segs, name: 'x', cardFrom: '99999999' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details[0]).toMatchObject({ field: 'cardFrom', value: '99999999' });

    const res = await director.request('POST', '/segments/merge', { segmentIds: segs, name: 'Merged with everything', cardFrom: segs[1] });
    expect(res.status).toBe(201);
    const merged = res.body.segment.id as string;
    const after = await content([merged]);
    // Scenarios in the order of the merged segments, each with its steps; attachments with product, status and note.
    expect(after.scenarios).toEqual(before.scenarios);
    expect(after.attachments).toEqual(before.attachments);
    expect(sortOutcomes(after.outcomes)).toEqual(sortOutcomes(before.outcomes));
    expect(after.initiatives).toEqual(before.initiatives);
    expect(res.body.carried).toEqual({
      cardFrom: segs[1],
      scenarios: before.scenarios.length,
      steps: before.scenarios.reduce((s, sc) => s + (sc.steps?.length ?? 0), 0),
      attachments: before.attachments.length,
      outcomes: before.outcomes.length,
      evidence: before.outcomes.reduce((s, o) => s + o.evidence, 0),
      initiatives: before.initiatives.length,
    });
    // The card is the second segment's, as chosen; the archived segments keep their own content untouched.
    expect((await q(`SELECT card, description, behaviour_factor, main_job FROM segments WHERE id = $1`, [merged]))[0]).toEqual(second);
    expect((await q(`SELECT card FROM segments WHERE id = $1`, [segs[0]]))[0].card).toEqual(firstCard);
    expect(await content(segs)).toEqual(before);
    // The merged job map scores the same evidence: every computed outcome rests on as many answers as before.
    const map = await director.request('GET', `/segments/${merged}/job-map`);
    expect(map.body.outcomes.length).toBe(before.outcomes.length);
    expect(map.body.outcomes.reduce((s: number, o: { evidenceCount: number }) => s + o.evidenceCount, 0)).toBe(res.body.carried.evidence);
  });

  it('the director may merge with an empty card and without the board', async () => {
    const director = await h.signIn('director');
    const segs = (await q(`SELECT s.id::text AS id FROM segments s JOIN users u ON u.id = s.owner_id WHERE u.email = 'owner2@demo.local' AND s.status = 'active' ORDER BY s.id`)).map((r) => r.id);
    expect(segs.length).toBeGreaterThanOrEqual(2);
    const res = await director.request('POST', '/segments/merge', { segmentIds: segs.slice(0, 2), name: 'Lean merge', cardFrom: null, carryBoard: false, carryJobMap: false });
    expect(res.status).toBe(201);
    const merged = res.body.segment.id;
    expect((await q(`SELECT card, main_job FROM segments WHERE id = $1`, [merged]))[0]).toEqual({ card: {}, main_job: null });
    expect((await q(`SELECT COUNT(*)::int AS n FROM initiatives WHERE segment_id = $1`, [merged]))[0].n).toBe(0);
    expect((await q(`SELECT COUNT(*)::int AS n FROM job_outcomes WHERE segment_id = $1`, [merged]))[0].n).toBe(0);
    const scenarios = (await q(`SELECT COUNT(*)::int AS n FROM scenarios WHERE segment_id = ANY($1::bigint[])`, [segs.slice(0, 2)]))[0].n;
    expect(res.body.carried).toMatchObject({ cardFrom: null, scenarios, outcomes: 0, initiatives: 0 });
  });

  it('a role change and a deactivation bite on the very next request, even right after a cached one', async () => {
    const admin = await h.signIn('admin');
    const created = await admin.request('POST', '/users', { email: 'cache.test@example.com', name: 'Cache Test', role: 'analyst' });
    const user = await h.signIn({ email: 'cache.test@example.com', password: created.body.temporaryPassword });
    // Two reads: the second is served from the session cache.
    expect((await user.request('GET', '/imports')).status).toBe(200);
    expect((await user.request('GET', '/me')).body.user.role).toBe('analyst');
    expect((await admin.request('PATCH', `/users/${created.body.user.id}`, { role: 'product_owner' })).status).toBe(200);
    expect((await user.request('GET', '/me')).status).toBe(401);
    const again = await h.signIn({ email: 'cache.test@example.com', password: created.body.temporaryPassword });
    expect((await again.request('GET', '/me')).body.user.role).toBe('product_owner');
    expect((await again.request('GET', '/imports')).status).toBe(403);
    expect((await admin.request('PATCH', `/users/${created.body.user.id}`, { isActive: false })).status).toBe(200);
    expect((await again.request('GET', '/products')).status).toBe(401);
  });
});
