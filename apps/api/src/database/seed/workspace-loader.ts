import { WORKSPACES, type WorkspaceCard } from '@cxs/demo-company';
import type pg from 'pg';

/** Computed ratings in the demo need at least this many linked interview answers; others stay direct. */
const MIN_ANSWERS_TO_COMPUTE = 3;

function cardJson(card: WorkspaceCard): Record<string, unknown> {
  const { growthPotential, ...fields } = card;
  return {
    behaviourFactorEvidence: [],
    fields: Object.fromEntries(
      Object.entries(fields).map(([k, v]) => [k, { text: v.text, evidence: (v.metrics ?? []).map((m) => ({ kind: 'metric', ref: m.ref, note: m.note })) }]),
    ),
    growthPotential: { ...growthPotential, evidence: [] },
  };
}

/**
 * The demo segments' workspace: card, main job, scenarios with steps and
 * attached products, outcomes (evidence linked from the segment's own
 * interviews), and value-stream initiatives. Runs inside the demo loader's
 * transaction; a few hundred rows, so plain INSERTs.
 */
export async function loadWorkspaceDemo(
  client: pg.ClientBase,
  segmentIds: Map<string, string>,
  userId: (key: string) => string,
  endDate: string,
): Promise<Record<string, number>> {
  const counts = { scenarios: 0, attachments: 0, outcomes: 0, initiatives: 0 };
  const { rows: products } = await client.query<{ id: string; name: string }>(`SELECT id::text AS id, name FROM products`);
  const productId = (name: string) => {
    const p = products.find((x) => x.name === name);
    if (!p) throw new Error(`demo workspace refers to unknown product ${name}`);
    return p.id;
  };
  for (const [key, w] of Object.entries(WORKSPACES)) {
    const seg = segmentIds.get(key);
    if (!seg) continue;
    await client.query(`UPDATE segments SET card = $2::jsonb, main_job = $3 WHERE id = $1`, [seg, JSON.stringify(cardJson(w.card)), w.mainJob]);
    // The pains cite up to two of the segment's own interviews.
    await client.query(
      `UPDATE segments s SET card = jsonb_set(s.card, '{fields,pains,evidence}', COALESCE((
         SELECT jsonb_agg(jsonb_build_object('kind', 'interview', 'ref', i.id::text, 'note', left(i.business_context->>'constraints', 200)))
         FROM (SELECT i.id, i.business_context FROM interviews i
               WHERE EXISTS (SELECT 1 FROM segment_memberships sm WHERE sm.customer_id = i.customer_id AND sm.segment_id = s.id)
               ORDER BY i.interviewed_on DESC, i.id LIMIT 2) i), '[]'::jsonb))
       WHERE s.id = $1`,
      [seg],
    );
    const scenarioIds: string[] = [];
    for (const [si, sc] of w.scenarios.entries()) {
      const { rows } = await client.query<{ id: string }>(`INSERT INTO scenarios (segment_id, title, description, position) VALUES ($1, $2, $3, $4) RETURNING id::text AS id`, [seg, sc.title, sc.description, si]);
      scenarioIds.push(rows[0].id);
      counts.scenarios++;
      for (const [pi, st] of sc.steps.entries()) {
        const { rows: step } = await client.query<{ id: string }>(`INSERT INTO scenario_steps (scenario_id, title, position) VALUES ($1, $2, $3) RETURNING id::text AS id`, [rows[0].id, st.title, pi]);
        for (const a of st.attachments) {
          await client.query(
            `INSERT INTO scenario_attachments (step_id, product_id, note, job_steps, status, review_note, attached_by) VALUES ($1, $2, $3, $4::varchar[], $5, $6, $7)`,
            [step[0].id, productId(a.product), a.note, a.jobSteps, a.status, a.reviewNote ?? null, userId(a.owner)],
          );
          counts.attachments++;
        }
      }
    }
    const outcomeIds = new Map<string, string>();
    for (const [oi, o] of w.outcomes.entries()) {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO job_outcomes (segment_id, step, direction, metric, object, importance, satisfaction, rating_source, evidence_label, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'direct', $8, $9) RETURNING id::text AS id`,
        [seg, o.step, o.direction, o.metric, o.object, o.importance, o.satisfaction, o.label, oi],
      );
      outcomeIds.set(o.label, rows[0].id);
      counts.outcomes++;
    }
    // Evidence: every rating of the outcome's wording in the segment's own interviews.
    await client.query(
      `INSERT INTO outcome_evidence (outcome_id, interview_id, importance, satisfaction)
       SELECT DISTINCT ON (o.id, i.id) o.id, i.id, (r->>'importance')::smallint, (r->>'satisfaction')::smallint
       FROM job_outcomes o JOIN interviews i ON EXISTS (SELECT 1 FROM segment_memberships sm WHERE sm.customer_id = i.customer_id AND sm.segment_id = o.segment_id)
       CROSS JOIN LATERAL jsonb_array_elements(i.outcome_ratings) r
       WHERE o.segment_id = $1 AND r->>'outcome' = o.evidence_label`,
      [seg],
    );
    await client.query(
      `UPDATE job_outcomes o SET rating_source = 'computed'
       WHERE o.segment_id = $1 AND (SELECT COUNT(*) FROM outcome_evidence e WHERE e.outcome_id = o.id) >= $2`,
      [seg, MIN_ANSWERS_TO_COMPUTE],
    );
    for (const [ii, it] of w.initiatives.entries()) {
      await client.query(
        `INSERT INTO initiatives (segment_id, title, stage, status, owner_id, cost, expected_effect, scenario_id, outcome_id, product_id, started_on, done_on, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::date - $12::int, $11::date - $13::int, $14)`,
        [
          seg,
          it.title,
          it.stage,
          it.status,
          userId(it.owner),
          it.cost,
          it.expectedEffect,
          it.scenario !== undefined ? scenarioIds[it.scenario] : null,
          it.outcomeLabel ? (outcomeIds.get(it.outcomeLabel) ?? null) : null,
          it.product ? productId(it.product) : null,
          endDate,
          it.startedDaysBefore,
          it.doneDaysBefore,
          ii,
        ],
      );
      counts.initiatives++;
    }
  }
  return counts;
}
