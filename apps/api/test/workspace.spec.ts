import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startHarness, type Client, type Harness } from './harness.js';

/**
 * The segment workspace, row by row: each owner changes only what is theirs,
 * even with crafted requests; the job map's computed ratings equal a hand
 * count; history shows every change with who, before and after.
 */
describe('segment workspace', () => {
  let h: Harness;
  let db: pg.Client;
  let owner1: Client, owner2: Client, product1: Client, product2: Client, director: Client, analyst: Client;
  const one = async (sql: string, params: unknown[] = []) => String((await db.query(sql, params)).rows[0].id);
  let seg1: string; // owner1's (from the demo, with members and interviews)
  let fresh1: string; // owner1's, created empty for this suite
  let seg2: string; // owner2's
  let p1: string; // product1's product
  let p2: string; // product2's product

  beforeAll(async () => {
    h = await startHarness('workspace');
    db = new pg.Client({ connectionString: h.dbUrl });
    await db.connect();
    [owner1, owner2, product1, product2, director, analyst] = await Promise.all(
      (['owner1', 'owner2', 'product1', 'product2', 'director', 'analyst'] as const).map((a) => h.signIn(a)),
    );
    const segOf = (email: string) =>
      one(`SELECT s.id FROM segments s JOIN users u ON u.id = s.owner_id WHERE u.email = $1 AND s.status = 'active' ORDER BY s.id LIMIT 1`, [email]);
    seg1 = await segOf('owner1@demo.local');
    seg2 = await segOf('owner2@demo.local');
    const productOf = (email: string) => one(`SELECT p.id FROM products p JOIN users u ON u.id = p.owner_id WHERE u.email = $1 ORDER BY p.id LIMIT 1`, [email]);
    p1 = await productOf('product1@demo.local');
    p2 = await productOf('product2@demo.local');
    const me = await owner1.request('GET', '/me');
    fresh1 = (await director.request('POST', '/segments', { name: 'Fresh for the workspace suite', ownerId: me.body.user.id })).body.id;
  });
  afterAll(async () => {
    await db?.end();
    await h?.close();
  });

  describe('segment card', () => {
    const card = {
      behaviourFactor: 'An information-security review gates every purchase',
      behaviourFactorEvidence: [{ kind: 'metric', ref: 'dealCycleDays', note: 'first deal takes 4× longer than average' }],
      fields: {
        needs: { text: 'Security, compliance, custom integrations', evidence: [] },
        pains: { text: 'Long approvals, information-security requirements', evidence: [{ kind: 'interview', ref: '1', note: 'named by the interviewee' }] },
      },
      growthPotential: { level: 'high', reason: 'Long-term contracts', evidence: [] },
    };

    it('the CX-owner fills their card; every field comes back, unsent ones empty', async () => {
      const res = await owner1.request('PUT', `/segments/${fresh1}/card`, card);
      expect(res.status).toBe(200);
      expect(res.body.card.behaviourFactor).toBe(card.behaviourFactor);
      expect(res.body.card.fields.pains).toEqual(card.fields.pains);
      expect(res.body.card.fields.churnRisks).toEqual({ text: '', evidence: [] });
      expect(res.body.card.growthPotential.level).toBe('high');
      // A second, partial update keeps what it does not send.
      const again = await owner1.request('PUT', `/segments/${fresh1}/card`, { fields: { churnRisks: { text: 'Long approvals', evidence: [] } } });
      expect(again.body.card.fields.pains.text).toBe(card.fields.pains.text);
      expect(again.body.card.fields.churnRisks.text).toBe('Long approvals');
    });

    it('refuses evidence that points at nothing, and unknown fields', async () => {
      const res = await owner1.request('PUT', `/segments/${fresh1}/card`, { fields: { needs: { text: 'x', evidence: [{ kind: 'interview', ref: '99999999', note: '' }] } } });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('EVIDENCE_NOT_FOUND');
      const bad = await owner1.request('PUT', `/segments/${fresh1}/card`, { fields: { mood: { text: 'x', evidence: [] } } });
      expect(bad.status).toBe(400);
    });

    it('a CX-owner cannot edit another owner’s card, nor move a segment to themselves', async () => {
      expect((await owner1.request('PUT', `/segments/${seg2}/card`, card)).status).toBe(403);
      const me = await owner1.request('GET', '/me');
      expect((await owner1.request('PUT', `/segments/${seg2}/owner`, { ownerId: me.body.user.id })).status).toBe(403);
      expect((await owner1.request('PATCH', `/segments/${seg2}`, { name: 'Mine now' })).status).toBe(403);
      expect((await db.query(`SELECT owner_id FROM segments WHERE id = $1`, [seg2])).rows[0].owner_id).not.toBe(me.body.user.id);
      expect((await product1.request('PUT', `/segments/${fresh1}/card`, card)).status).toBe(403);
    });

    it('the segment page shows the history: who, what, before and after', async () => {
      const res = await director.request('GET', `/segments/${fresh1}/history`);
      expect(res.status).toBe(200);
      const entry = res.body.items.find((e: { action: string }) => e.action === 'segment.card.update');
      expect(entry.actorName).toBeTruthy();
      expect(entry.before).toBeTruthy();
      expect(entry.after.fields.churnRisks.text).toBe('Long approvals');
    });
  });

  describe('scenarios, steps and attachments', () => {
    let scenario: { id: string; steps: { id: string }[] };

    it('the CX-owner adds a scenario with ordered steps, reorders them; bad orders are refused', async () => {
      const res = await owner1.request('POST', `/segments/${seg1}/scenarios`, { title: 'Pass a security review', steps: ['Collect requirements', 'Fill the questionnaire', 'Get sign-off'] });
      expect(res.status).toBe(201);
      scenario = res.body;
      expect(res.body.steps.map((s: { title: string }) => s.title)).toEqual(['Collect requirements', 'Fill the questionnaire', 'Get sign-off']);
      const ids = scenario.steps.map((s) => s.id);
      const re = await owner1.request('PUT', `/scenarios/${scenario.id}/steps/order`, { ids: [ids[2], ids[0], ids[1]] });
      expect(re.status).toBe(200);
      expect(re.body.steps.map((s: { id: string }) => s.id)).toEqual([ids[2], ids[0], ids[1]]);
      expect((await owner1.request('PUT', `/scenarios/${scenario.id}/steps/order`, { ids: [ids[0], ids[1]] })).status).toBe(400);
      expect((await owner1.request('PUT', `/scenarios/${scenario.id}/steps/order`, { ids: [ids[0], ids[0], ids[1]] })).status).toBe(400);
    });

    it('nobody else edits owner1’s scenarios: not owner2, not a product owner, not the analyst', async () => {
      expect((await owner2.request('POST', `/segments/${seg1}/scenarios`, { title: 'x' })).status).toBe(403);
      expect((await owner2.request('PATCH', `/scenarios/${scenario.id}`, { title: 'x' })).status).toBe(403);
      expect((await owner2.request('DELETE', `/scenarios/${scenario.id}`)).status).toBe(403);
      expect((await owner2.request('POST', `/scenarios/${scenario.id}/steps`, { title: 'x' })).status).toBe(403);
      expect((await product1.request('PATCH', `/scenarios/${scenario.id}`, { title: 'x' })).status).toBe(403);
      expect((await analyst.request('POST', `/segments/${seg1}/scenarios`, { title: 'x' })).status).toBe(403);
      expect((await director.request('PATCH', `/scenarios/${scenario.id}`, { description: 'Checked by the director' })).status).toBe(200);
    });

    it('a product owner attaches their own product to any segment’s step, never another owner’s product', async () => {
      const step = scenario.steps[1].id;
      const mine = await product1.request('POST', `/scenario-steps/${step}/attachments`, { productId: p1, note: 'Fills the questionnaire for you', jobSteps: ['confirm'] });
      expect(mine.status).toBe(201);
      expect(mine.body).toMatchObject({ productId: p1, status: 'proposed', jobSteps: ['confirm'] });
      const theirs = await product1.request('POST', `/scenario-steps/${step}/attachments`, { productId: p2 });
      expect(theirs.status).toBe(403);
      expect((await product1.request('POST', `/scenario-steps/${step}/attachments`, { productId: p1 })).status).toBe(409);
      expect((await owner1.request('POST', `/scenario-steps/${step}/attachments`, { productId: p1 })).status).toBe(403);

      // The CX-owner endorses; owner2 cannot; product2 cannot detach product1's attachment.
      expect((await owner2.request('PUT', `/attachments/${mine.body.id}/review`, { status: 'rejected' })).status).toBe(403);
      const endorsed = await owner1.request('PUT', `/attachments/${mine.body.id}/review`, { status: 'endorsed', reviewNote: 'Saves a week' });
      expect(endorsed.status).toBe(200);
      expect(endorsed.body.status).toBe('endorsed');
      expect((await product2.request('DELETE', `/attachments/${mine.body.id}`)).status).toBe(403);
      expect((await product1.request('PUT', `/attachments/${mine.body.id}/review`, { status: 'endorsed' })).status).toBe(403);

      // The product owner sees which segments use the product; the job map's bundle and coverage include it.
      const usage = await product1.request('GET', `/products/${p1}/usage`);
      expect(usage.body.items.some((u: { segmentId: string; status: string }) => u.segmentId === seg1 && u.status === 'endorsed')).toBe(true);
      const mineOnly = await product1.request('GET', '/product-usage');
      expect(mineOnly.body.items.some((u: { attachmentId: string }) => u.attachmentId === mine.body.id)).toBe(true);
      expect((await product2.request('GET', '/product-usage')).body.items.some((u: { attachmentId: string }) => u.attachmentId === mine.body.id)).toBe(false);
      const map = await product1.request('GET', `/segments/${seg1}/job-map`);
      expect(map.body.bundle.map((b: { id: string }) => b.id)).toContain(p1);
      expect(map.body.steps.find((s: { step: string }) => s.step === 'confirm').productIds).toContain(p1);
    });
  });

  describe('job map', () => {
    it('computes importance and satisfaction as top-two-box shares of the linked answers, exactly', async () => {
      const label = 'Minimise the time it takes to pass a security review (test)';
      // Five interviews with customers of seg1; ratings (importance, satisfaction) chosen by hand:
      //   (5,2) (4,1) (5,3) (3,4) (4,2) → importance top-two 4/5 → 8.0; satisfaction top-two 1/5 → 2.0
      //   opportunity = 8 + (8 − 2) = 14 → strong
      const ratings = [[5, 2], [4, 1], [5, 3], [3, 4], [4, 2]];
      const customers = (await db.query(`SELECT DISTINCT customer_id FROM segment_memberships WHERE segment_id = $1 ORDER BY customer_id LIMIT 5`, [seg1])).rows;
      for (const [i, [imp, sat]] of ratings.entries()) {
        await db.query(
          `INSERT INTO interviews (external_id, customer_id, interviewed_on, outcome_ratings) VALUES ($1, $2, '2026-09-01', $3::jsonb)`,
          [`T-${i}`, customers[i].customer_id, JSON.stringify([{ step: 'confirm', outcome: label, importance: imp, satisfaction: sat }])],
        );
      }
      // One more, from a customer never in seg1: it must not count.
      const outsider = (await db.query(`SELECT id FROM customers c WHERE NOT EXISTS (SELECT 1 FROM segment_memberships sm WHERE sm.customer_id = c.id AND sm.segment_id = $1) LIMIT 1`, [seg1])).rows[0].id;
      await db.query(`INSERT INTO interviews (external_id, customer_id, interviewed_on, outcome_ratings) VALUES ('T-out', $1, '2026-09-01', $2::jsonb)`, [
        outsider,
        JSON.stringify([{ step: 'confirm', outcome: label, importance: 1, satisfaction: 5 }]),
      ]);

      const created = await owner1.request('POST', `/segments/${seg1}/outcomes`, {
        step: 'confirm',
        direction: 'minimise',
        metric: 'the time it takes',
        object: 'to pass a security review',
        context: 'before a rollout',
        ratingSource: 'computed',
        evidenceLabel: label,
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ importance: null, satisfaction: null, opportunity: null, evidenceCount: 0, thinEvidence: true });
      expect(created.body.statement).toBe('Minimise the time it takes to pass a security review before a rollout');

      const matched = await owner1.request('POST', `/outcomes/${created.body.id}/evidence/match`);
      expect(matched.status).toBe(200);
      expect(matched.body).toMatchObject({ linked: 5, importance: 8, satisfaction: 2, opportunity: 14, band: 'strong', evidenceCount: 5, thinEvidence: false });

      // Unlinking one answer (5,3): importance 3/4 → 7.5; satisfaction 1/4 → 2.5; opportunity 7.5 + 5 = 12.5, thin (4 < 5).
      const ev = await owner1.request('GET', `/outcomes/${created.body.id}/evidence`);
      const drop = ev.body.items.find((e: { importance: number; satisfaction: number }) => e.importance === 5 && e.satisfaction === 3);
      const after = await owner1.request('DELETE', `/outcomes/${created.body.id}/evidence/${drop.id}`);
      expect(after.body).toMatchObject({ importance: 7.5, satisfaction: 2.5, opportunity: 12.5, band: 'strong', evidenceCount: 4, thinEvidence: true });

      // Outsider's interview cannot be linked.
      const outId = await one(`SELECT id FROM interviews WHERE external_id = 'T-out'`);
      const refused = await owner1.request('POST', `/outcomes/${created.body.id}/evidence`, { interviewId: outId });
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('NOT_SEGMENT_EVIDENCE');
    });

    it('direct ratings: satisfaction above importance gives opportunity = importance (served)', async () => {
      const res = await owner1.request('POST', `/segments/${seg1}/outcomes`, { step: 'monitor', direction: 'minimise', metric: 'the time it takes', object: 'to notice a breach', importance: '5', satisfaction: '9' });
      expect(res.body).toMatchObject({ importance: 5, satisfaction: 9, opportunity: 5, band: 'served', thinEvidence: false });
      const patched = await owner1.request('PATCH', `/outcomes/${res.body.id}`, { importance: '9', satisfaction: '3' });
      expect(patched.body).toMatchObject({ opportunity: 15, band: 'outstanding' });
      expect((await owner1.request('PATCH', `/outcomes/${res.body.id}`, { importance: '10.5' })).status).toBe(400);
      expect((await owner2.request('PATCH', `/outcomes/${res.body.id}`, { importance: '1' })).status).toBe(403);
      expect((await owner2.request('POST', `/segments/${seg1}/outcomes`, { step: 'monitor', direction: 'minimise', metric: 'm', object: 'o' })).status).toBe(403);
      expect((await product1.request('DELETE', `/outcomes/${res.body.id}`)).status).toBe(403);
    });
  });

  describe('value-stream board', () => {
    it('moves initiatives across stages; flow figures count work in progress, throughput and lead time', async () => {
      const a = await owner1.request('POST', `/segments/${fresh1}/initiatives`, { title: 'Security pack onboarding track', stage: 'onboarding', status: 'in_progress', cost: '120000.00' });
      expect(a.status).toBe(201);
      expect(a.body.startedOn).toBeTruthy();
      const b = await owner1.request('POST', `/segments/${fresh1}/initiatives`, { title: 'Compliance FAQ', stage: 'research' });
      const moved = await owner1.request('PATCH', `/initiatives/${b.body.id}`, { stage: 'marketing', status: 'done' });
      expect(moved.body).toMatchObject({ stage: 'marketing', status: 'done' });
      // Lead time from a hand-set start: 10 days.
      await db.query(`UPDATE initiatives SET started_on = done_on - 10 WHERE id = $1`, [b.body.id]);
      const board = await product1.request('GET', `/segments/${fresh1}/board`);
      expect(board.status).toBe(200);
      expect(board.body.flow.inProgress).toBe(1);
      expect(board.body.flow.throughput).toHaveLength(6);
      expect(board.body.flow.throughput.at(-1).done).toBe(1);
      expect(board.body.flow.leadTimeDays).toBe(10);
      expect((await owner2.request('PATCH', `/initiatives/${b.body.id}`, { stage: 'sales' })).status).toBe(403);
      expect((await owner1.request('POST', `/segments/${seg2}/initiatives`, { title: 'x', stage: 'sales' })).status).toBe(403);
      const hist = await owner1.request('GET', `/segments/${fresh1}/history`);
      expect(hist.body.items.some((e: { action: string }) => e.action === 'initiative.move')).toBe(true);
    });
  });

  describe('proposals', () => {
    it('a CX-owner proposes only for their own segment; the director approves and the operation runs', async () => {
      expect((await owner1.request('POST', `/segments/${seg2}/proposals`, { kind: 'archive', reason: 'x' })).status).toBe(403);
      expect((await owner1.request('POST', `/segments/${seg1}/proposals`, { kind: 'merge', reason: 'x', payload: {} })).status).toBe(400);
      const spare = await one(`INSERT INTO segments (name, owner_id) SELECT 'Spare to archive', owner_id FROM segments WHERE id = $1 RETURNING id`, [seg1]);
      const p = await owner1.request('POST', `/segments/${spare}/proposals`, { kind: 'archive', reason: 'No longer a distinct behaviour' });
      expect(p.status).toBe(201);
      expect((await owner1.request('POST', `/segment-proposals/${p.body.id}/decision`, { approve: true })).status).toBe(403);
      const decided = await director.request('POST', `/segment-proposals/${p.body.id}/decision`, { approve: true, note: 'Agreed' });
      expect(decided.status).toBe(200);
      expect(decided.body.status).toBe('approved');
      expect((await db.query(`SELECT status FROM segments WHERE id = $1`, [spare])).rows[0].status).toBe('archived');
      expect((await director.request('POST', `/segment-proposals/${p.body.id}/decision`, { approve: false })).status).toBe(409);
    });
  });
});
