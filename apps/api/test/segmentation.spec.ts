import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { rfmScoreSql, rfmSegment, RFM_TABLE_RF_GRID } from '@cxs/segmentation-engine';
import { startHarness, type Client, type Harness } from './harness.js';
import { waitForRun } from './segmentation-helpers.js';

describe('segmentation: models, runs, results, RFM, rules, comparison, promotion', () => {
  let h: Harness;
  let analyst: Client;
  let director: Client;
  let owner1: Client;
  let db: pg.Client;
  let abcdxModelId: string;
  let rfmModelId: string;
  let run1: any;
  let run2: any;

  beforeAll(async () => {
    h = await startHarness('segmentation');
    [analyst, director, owner1] = [await h.signIn('analyst'), await h.signIn('director'), await h.signIn('owner1')];
    db = new pg.Client({ connectionString: h.dbUrl });
    await db.connect();
    const models = (await analyst.request('GET', '/segmentation/models')).body.items;
    abcdxModelId = models.find((m: any) => m.kind === 'abcdx').id;
    rfmModelId = models.find((m: any) => m.kind === 'rfm').id;
  });
  afterAll(async () => {
    await db?.end();
    await h?.close();
  });

  /** Customers both runs labelled alike. */
  const sameLabelCount = async (a: string, b: string): Promise<number> => {
    const { rows } = await db.query(
      `SELECT COUNT(*)::int AS n FROM segmentation_run_members x JOIN segmentation_run_members y ON y.customer_id = x.customer_id AND y.run_id = $2
       WHERE x.run_id = $1 AND x.label = y.label`,
      [a, b],
    );
    return rows[0].n;
  };

  it('runs the default ABCDX model twice with identical results (same version, data and seed)', async () => {
    const a = await analyst.request('POST', `/segmentation/models/${abcdxModelId}/runs`, {});
    expect(a.status).toBe(201);
    expect(a.body.status).toBe('queued');
    const b = await analyst.request('POST', `/segmentation/models/${abcdxModelId}/runs`, {});
    run1 = await waitForRun(analyst, a.body.id);
    run2 = await waitForRun(analyst, b.body.id);
    expect(run1.status).toBe('succeeded');
    expect(run2.status).toBe('succeeded');
    expect(run1.customerCount).toBe(800);
    expect(await sameLabelCount(run1.id, run2.id)).toBe(800);
    const r1 = (await analyst.request('GET', `/segmentation/runs/${run1.id}/results`)).body;
    const r2 = (await analyst.request('GET', `/segmentation/runs/${run2.id}/results`)).body;
    expect(r1.clusters).toEqual(r2.clusters);
    expect(r1.clusters.map((c: any) => c.label).sort()).toEqual(['A', 'B', 'C', 'D', 'X']);
    expect(r1.inertia).toBe(r2.inertia);
  });

  it('gives the same result with its k-means starts split between three threads', async () => {
    // Runs of 800 customers use one thread; CXS_RUN_KMEANS_THREADS (read by the run's worker) starts helpers. Which
    // thread runs which start depends on timing (here this thread may claim them all); that every split gives the
    // single-thread result is proven at 30,000 rows in segmentation-run-threads.spec.ts.
    process.env.CXS_RUN_KMEANS_THREADS = '3';
    let run3: any;
    try {
      const c = await analyst.request('POST', `/segmentation/models/${abcdxModelId}/runs`, {});
      expect(c.status).toBe(201);
      run3 = await waitForRun(analyst, c.body.id);
    } finally {
      delete process.env.CXS_RUN_KMEANS_THREADS;
    }
    expect(run3.status).toBe('succeeded');
    expect(await sameLabelCount(run1.id, run3.id)).toBe(800);
    const r1 = (await analyst.request('GET', `/segmentation/runs/${run1.id}/results`)).body;
    const r3 = (await analyst.request('GET', `/segmentation/runs/${run3.id}/results`)).body;
    expect(r3.clusters).toEqual(r1.clusters);
    expect(r3.inertia).toBe(r1.inertia);
    expect(r3.restarts).toEqual(r1.restarts);
  });

  it('shows medians and quartiles equal to percentile_cont in SQL, and revenue equal to summed LTV', async () => {
    const res = (await analyst.request('GET', `/segmentation/runs/${run1.id}/results`)).body;
    for (const c of res.clusters) {
      for (const p of c.profile) {
        const { rows } = await db.query(
          `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY cf.${p.column}::float8) AS med,
                  percentile_cont(0.25) WITHIN GROUP (ORDER BY cf.${p.column}::float8) AS p25,
                  percentile_cont(0.75) WITHIN GROUP (ORDER BY cf.${p.column}::float8) AS p75
           FROM segmentation_run_members m JOIN customer_features cf ON cf.customer_id = m.customer_id AND cf.as_of = $2 AND cf.lookback_months = $3
           WHERE m.run_id = $1 AND m.label = $4`,
          [run1.id, run1.asOf, run1.lookbackMonths, c.label],
        );
        const tol = (x: number) => 1e-9 * Math.max(1, Math.abs(x));
        expect(Math.abs(p.median - rows[0].med)).toBeLessThanOrEqual(tol(rows[0].med));
        expect(Math.abs(p.p25 - rows[0].p25)).toBeLessThanOrEqual(tol(rows[0].p25));
        expect(Math.abs(p.p75 - rows[0].p75)).toBeLessThanOrEqual(tol(rows[0].p75));
      }
      const { rows } = await db.query(
        `SELECT SUM(cf.ltv)::text AS rev, COUNT(*)::int AS n FROM segmentation_run_members m JOIN customer_features cf ON cf.customer_id = m.customer_id AND cf.as_of = $2 AND cf.lookback_months = $3
         WHERE m.run_id = $1 AND m.label = $4`,
        [run1.id, run1.asOf, run1.lookbackMonths, c.label],
      );
      expect(c.revenue).toBe(rows[0].rev);
      expect(c.size).toBe(rows[0].n);
      expect(c.reason.en).toMatch(new RegExp(`^${c.label}`));
      expect(c.description.ru.length).toBeGreaterThan(10);
    }
    expect(res.overlay.map((o: any) => o.attribute)).toEqual(['industry', 'size_band', 'region']);
    expect(res.scatter.points.length).toBe(800);
    expect(res.kChoice.length).toBeGreaterThan(3);
  });

  it('compares two runs: identical runs have ARI 1 and a diagonal migration matrix', async () => {
    const res = await analyst.request('GET', `/segmentation/runs/compare?a=${run1.id}&b=${run2.id}`);
    expect(res.status).toBe(200);
    expect(res.body.adjustedRandIndex).toBe(1);
    expect(res.body.common).toBe(800);
    expect(res.body.entrants.count).toBe(0);
    const diag = res.body.labelsA.map((l: string, i: number) => res.body.counts[i][res.body.labelsB.indexOf(l)]);
    expect(diag.reduce((s: number, x: number) => s + x, 0)).toBe(800);
  });

  it('fails clearly on an unknown version, an archived model and an empty feature window', async () => {
    const unknown = await analyst.request('POST', `/segmentation/models/${abcdxModelId}/runs`, { versionId: '999999' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toMatch(/version 999999 not found/);
    const model = (await analyst.request('GET', `/segmentation/models/${abcdxModelId}`)).body;
    const empty = await analyst.request('POST', '/segmentation/models', { name: 'Empty window', kind: 'abcdx', spec: { ...model.spec, asOf: '2010-01-31', lookbackMonths: 12 } });
    expect(empty.status).toBe(201);
    const r = await analyst.request('POST', `/segmentation/models/${empty.body.id}/runs`, {});
    const done = await waitForRun(analyst, r.body.id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/feature window is empty.*12 months up to 2010-01-31/);
    const { rows } = await db.query(`SELECT COUNT(*)::int AS n FROM segmentation_run_members WHERE run_id = $1`, [r.body.id]);
    expect(rows[0].n).toBe(0);
    await analyst.request('POST', `/segmentation/models/${empty.body.id}/archive`);
    const archived = await analyst.request('POST', `/segmentation/models/${empty.body.id}/runs`, {});
    expect(archived.status).toBe(409);
    expect(archived.body.code).toBe('MODEL_ARCHIVED');
  });

  it('keeps versions immutable: saving appends version 2 and runs record the version they used', async () => {
    const model = (await analyst.request('GET', `/segmentation/models/${abcdxModelId}`)).body;
    const spec = { ...model.spec, parameters: model.spec.parameters.map((p: any) => (p.column === 'ltv' ? { ...p, weight: 3 } : p)) };
    const saved = await analyst.request('POST', `/segmentation/models/${abcdxModelId}/versions`, { spec });
    expect(saved.status).toBe(201);
    expect(saved.body.latestVersion).toBe(model.latestVersion + 1);
    const versions = (await analyst.request('GET', `/segmentation/models/${abcdxModelId}/versions`)).body.items;
    expect(versions.find((v: any) => v.version === model.latestVersion).spec).toEqual(model.spec);
    expect(run1.version).toBe(model.latestVersion);
    const bad = await analyst.request('POST', `/segmentation/models/${abcdxModelId}/versions`, { spec: { ...spec, parameters: [{ ...spec.parameters[0], column: 'shoe_size' }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/unknown feature "shoe_size"/);
  });

  it('scores RFM exactly as the same rule run in PostgreSQL (rfmScoreSql)', async () => {
    const r = await analyst.request('POST', `/segmentation/models/${rfmModelId}/runs`, {});
    const run = await waitForRun(analyst, r.body.id);
    expect(run.status).toBe('succeeded');
    const { rows } = await db.query(
      `SELECT customer_id::text AS id, ${rfmScoreSql('recency_days', { descending: true })} AS r, ${rfmScoreSql('frequency')} AS f, ${rfmScoreSql('monetary')} AS m
       FROM customer_features WHERE as_of = $1 AND lookback_months = $2 AND frequency > 0`,
      [run.asOf, run.lookbackMonths],
    );
    const members = new Map((await db.query(`SELECT customer_id::text AS id, label FROM segmentation_run_members WHERE run_id = $1`, [run.id])).rows.map((x) => [x.id, x.label]));
    expect(members.size).toBe(rows.length);
    for (const x of rows) expect(members.get(x.id)).toBe(rfmSegment(x.r, x.f, x.m, RFM_TABLE_RF_GRID).segment);
    const res = (await analyst.request('GET', `/segmentation/runs/${run.id}/results`)).body;
    expect(res.rfmGrid.reduce((s: number, g: any) => s + g.customers, 0)).toBe(rows.length);
    expect(res.rfmGroups.reduce((s: number, g: any) => s + g.customers, 0)).toBe(rows.length);
  });

  it('previews rule counts equal to an independent SQL count', async () => {
    const spec = {
      kind: 'rule',
      asOf: '2026-09-30',
      lookbackMonths: 12,
      levels: [
        { label: 'Big and broad', rule: { op: 'and', conditions: [{ field: 'employees', cmp: '>=', value: 200 }, { field: 'modules_used', cmp: '>=', value: 3 }] } },
        { label: 'Any', rule: { op: 'or', conditions: [{ field: 'industry', cmp: '=', value: 'IT' }, { field: 'frequency', cmp: '>', value: 10 }] } },
      ],
    };
    const res = await analyst.request('POST', '/segmentation/rules/preview', { spec });
    expect(res.status).toBe(200);
    const { rows } = await db.query(
      `SELECT COUNT(*) FILTER (WHERE c.employees >= 200 AND cf.modules_used >= 3)::int AS a,
              COUNT(*) FILTER (WHERE NOT (COALESCE(c.employees >= 200 AND cf.modules_used >= 3, FALSE)) AND (c.industry = 'IT' OR cf.frequency > 10))::int AS b
       FROM customer_features cf JOIN customers c ON c.id = cf.customer_id WHERE cf.as_of = '2026-09-30' AND cf.lookback_months = 12`,
    );
    expect(res.body.byLevel).toEqual([
      { label: 'Big and broad', count: rows[0].a },
      { label: 'Any', count: rows[0].b },
    ]);
    expect(res.body.count).toBe(rows[0].a + rows[0].b);
    const bad = await analyst.request('POST', '/segmentation/rules/preview', { spec: { ...spec, levels: [{ label: 'x', rule: { op: 'and', conditions: [{ field: 'password_hash', cmp: '=', value: 'x' }] } }] } });
    expect(bad.status).toBe(400);
  });

  it('promotes a cluster: analyst proposes, director approves with owner1; memberships stay exclusive and the step is audited', async () => {
    const eff = '2026-10-01';
    const [{ id: owner1Id }] = (await db.query(`SELECT id FROM users WHERE email = 'owner1@demo.local'`)).rows;
    const prop = await analyst.request('POST', '/segmentation/promotions', { runId: run1.id, label: 'A', newSegmentName: 'A-customers', effectiveDate: eff });
    expect(prop.status).toBe(201);
    expect(prop.body.status).toBe('proposed');
    // The same group cannot wait in the director's queue twice.
    const twice = await analyst.request('POST', '/segmentation/promotions', { runId: run1.id, label: 'A', newSegmentName: 'A again', effectiveDate: eff });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('PROMOTION_PENDING');
    expect(twice.body.message).toBe(`Group "A" of this run is already proposed (promotion #${prop.body.id}): the director decides on it first.`);
    expect((await owner1.request('POST', `/segmentation/promotions/${prop.body.id}/approve`, { ownerId: owner1Id })).status).toBe(403);
    expect((await analyst.request('POST', `/segmentation/promotions/${prop.body.id}/approve`, { ownerId: owner1Id })).status).toBe(403);
    const before = (await db.query(
      `SELECT sm.customer_id::text AS id, sm.segment_id::text AS seg FROM segment_memberships sm JOIN segmentation_run_members rm ON rm.customer_id = sm.customer_id AND rm.run_id = $1 AND rm.label = 'A'
       WHERE sm.valid_from < $2::date AND (sm.valid_to IS NULL OR sm.valid_to >= $2::date)`,
      [run1.id, eff],
    )).rows;
    const ok = await director.request('POST', `/segmentation/promotions/${prop.body.id}/approve`, { ownerId: owner1Id });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('approved');
    const size = (await db.query(`SELECT COUNT(*)::int AS n FROM segmentation_run_members WHERE run_id = $1 AND label = 'A'`, [run1.id])).rows[0].n;
    expect(ok.body.membersMoved).toBe(size);
    const seg = (await db.query(`SELECT owner_id, source FROM segments WHERE id = $1`, [ok.body.segmentId])).rows[0];
    expect(seg).toEqual({ owner_id: owner1Id, source: 'run' });
    const open = (await db.query(`SELECT COUNT(*)::int AS n FROM segment_memberships WHERE segment_id = $1 AND valid_from = $2 AND valid_to IS NULL`, [ok.body.segmentId, eff])).rows[0].n;
    expect(open).toBe(size);
    // Every previous membership of a promoted customer ends the day before.
    for (const b of before) {
      const { rows } = await db.query(`SELECT to_char(valid_to, 'YYYY-MM-DD') AS t FROM segment_memberships WHERE customer_id = $1 AND segment_id = $2 ORDER BY valid_from DESC LIMIT 1`, [b.id, b.seg]);
      expect(rows[0].t).toBe('2026-09-30');
    }
    const audit = (await db.query(`SELECT action FROM audit_log WHERE subject_type IN ('Promotion', 'Segment') AND (subject_id = $1 OR subject_id = $2) ORDER BY id`, [prop.body.id, ok.body.segmentId])).rows.map((r) => r.action);
    expect(audit).toEqual(['promotion.propose', 'promotion.approve', 'segment.promote']);
    const again = await director.request('POST', `/segmentation/promotions/${prop.body.id}/approve`, { ownerId: owner1Id });
    expect(again.status).toBe(409);
  });

  it('exposes the latest ABCDX label distribution for the portfolio', async () => {
    const res = await director.request('GET', '/segmentation/runs/latest-distribution');
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: any) => i.label)).toEqual(['A', 'B', 'C', 'D', 'X']);
    expect(res.body.items.reduce((s: number, i: any) => s + i.customers, 0)).toBe(800);
  });

  it('cancels a queued run; a product owner cannot see runs', async () => {
    const r = await analyst.request('POST', `/segmentation/models/${abcdxModelId}/runs`, {});
    const c = await analyst.request('POST', `/segmentation/runs/${r.body.id}/cancel`);
    expect(c.status).toBe(200);
    const done = await waitForRun(analyst, r.body.id);
    expect(done.status).toBe('cancelled');
    const n = (await db.query(`SELECT COUNT(*)::int AS n FROM segmentation_run_members WHERE run_id = $1`, [r.body.id])).rows[0].n;
    expect(n).toBe(0);
    const product1 = await h.signIn('product1');
    expect((await product1.request('GET', '/segmentation/runs')).status).toBe(403);
  });
});
