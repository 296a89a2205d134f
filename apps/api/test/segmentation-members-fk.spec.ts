import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startHarness, type Client, type Harness } from './harness.js';
import { waitForRun } from './segmentation-helpers.js';

/**
 * A run's members are written with their foreign keys checked for the whole set (run-executor.ts, saveMembers):
 * a customer deleted while the run saves must not leave an orphan member, and the run's count must say so.
 */
describe('segmentation run members: set-wise reference check', () => {
  let h: Harness;
  let analyst: Client;
  let db: pg.Client;
  let modelId: string;

  beforeAll(async () => {
    h = await startHarness('segmembersfk');
    analyst = await h.signIn('analyst');
    db = new pg.Client({ connectionString: h.dbUrl });
    await db.connect();
    modelId = (await analyst.request('GET', '/segmentation/models')).body.items.find((m: any) => m.kind === 'abcdx').id;
  });

  afterAll(async () => {
    await db?.end();
    await h?.close();
  });

  it('drops the member of a customer deleted after clustering, before the references are locked', async () => {
    // The run's worker (created when the job is picked, with this environment) waits 4 s after copying its members.
    process.env.CXS_RUN_PAUSE_AT = 'members-locking:4000';
    let runId: string;
    try {
      const res = await analyst.request('POST', `/segmentation/models/${modelId}/runs`, {});
      expect(res.status).toBe(201);
      runId = res.body.id;
      for (let i = 0; ; i++) {
        const r = await analyst.request('GET', `/segmentation/runs/${runId}`);
        if (r.body.status === 'saving') break;
        if (i > 600) throw new Error(`run still ${r.body.status}`);
        await new Promise((x) => setTimeout(x, 50));
      }
    } finally {
      delete process.env.CXS_RUN_PAUSE_AT;
    }
    await new Promise((x) => setTimeout(x, 800));
    const { rows: victim } = await db.query(
      `SELECT f.customer_id::text AS id FROM customer_features f JOIN segmentation_runs r ON r.id = $1 AND f.as_of = r.as_of AND f.lookback_months = r.lookback_months ORDER BY f.customer_id LIMIT 1`,
      [runId],
    );
    const t0 = Date.now();
    await db.query(`DELETE FROM customers WHERE id = $1`, [victim[0].id]);
    // The delete did not wait for the run's locks: it came before them, while the run was still saving.
    expect(Date.now() - t0).toBeLessThan(1500);
    expect((await analyst.request('GET', `/segmentation/runs/${runId}`)).body.status).toBe('saving');
    const done = await waitForRun(analyst, runId);
    expect(done.status).toBe('succeeded');
    expect(done.customerCount).toBe(799);
    const { rows } = await db.query(
      `SELECT COUNT(*)::int AS n, COUNT(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = m.customer_id))::int AS orphans
       FROM segmentation_run_members m WHERE m.run_id = $1`,
      [runId],
    );
    expect(rows[0]).toEqual({ n: 799, orphans: 0 });
  });
});
