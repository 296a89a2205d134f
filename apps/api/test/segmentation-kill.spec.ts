import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneTemplate, dropDatabase } from './db.js';

/**
 * SIGKILL the built API once while a run is clustering and once while it is
 * saving: no member rows survive, and the next start marks the run failed
 * with the reason. The test hook CXS_RUN_PAUSE_AT holds the run in a stage.
 */
const main = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/main.js');

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('a killed API leaves no half-run', () => {
  const name = `cxs_test_kill_${process.pid}`;
  let url: string;
  let db: pg.Client;
  let child: ChildProcess | null = null;

  const start = async (env: Record<string, string> = {}) => {
    const port = await freePort();
    child = spawn(process.execPath, [main], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', ...env }, stdio: 'ignore' });
  };
  const kill = async () => {
    if (!child) return;
    const c = child;
    child = null;
    await new Promise((r) => {
      c.once('exit', r);
      c.kill('SIGKILL');
    });
  };
  const waitFor = async (sql: string, params: unknown[], ok: (row: any) => boolean, ms = 60_000) => {
    const t0 = Date.now();
    for (;;) {
      const row = (await db.query(sql, params)).rows[0];
      if (row && ok(row)) return row;
      if (Date.now() - t0 > ms) throw new Error(`timed out waiting: ${sql} → ${JSON.stringify(row)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const runState = `SELECT status, error, (SELECT COUNT(*)::int FROM segmentation_run_members WHERE run_id = r.id) AS members, results IS NULL AS no_results FROM segmentation_runs r WHERE id = $1`;

  beforeAll(async () => {
    url = await cloneTemplate(name);
    db = new pg.Client({ connectionString: url });
    await db.connect();
  });
  afterAll(async () => {
    await kill();
    await db?.end();
    await dropDatabase(name);
  });

  it('while clustering', async () => {
    const runId = (await db.query(`SELECT id::text AS id FROM segmentation_runs WHERE kind = 'abcdx' ORDER BY id LIMIT 1`)).rows[0].id;
    await start({ CXS_RUN_PAUSE_AT: 'clustering:60000' });
    await waitFor(runState, [runId], (r) => r.status === 'clustering');
    await kill();
    expect(await waitFor(runState, [runId], () => true)).toMatchObject({ status: 'clustering', members: 0, no_results: true });
    await start();
    const after = await waitFor(runState, [runId], (r) => r.status !== 'clustering');
    expect(after).toMatchObject({ status: 'failed', members: 0, no_results: true });
    expect(after.error).toMatch(/^Interrupted: the API stopped \(crash or restart\) while the run was clustering\. Nothing was saved/);
    await kill();
  }, 120_000);

  it('while saving (members written but not committed)', async () => {
    const model = (await db.query(`SELECT m.id, v.id AS vid FROM segmentation_models m JOIN segmentation_model_versions v ON v.model_id = m.id WHERE m.kind = 'abcdx' LIMIT 1`)).rows[0];
    const runId = (await db.query(
      `INSERT INTO segmentation_runs (model_id, model_version_id, kind, as_of, lookback_months, seed) VALUES ($1, $2, 'abcdx', '2026-09-30', 36, 42) RETURNING id::text AS id`,
      [model.id, model.vid],
    )).rows[0].id;
    await db.query(`UPDATE segmentation_runs SET status = 'cancelled' WHERE status = 'queued' AND id <> $1`, [runId]);
    await start({ CXS_RUN_PAUSE_AT: 'saving:60000' });
    await waitFor(runState, [runId], (r) => r.status === 'saving');
    // The results transaction is open with the members inserted: wait until its COPY is done.
    await waitFor(`SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND state = 'idle in transaction'`, [`cx-stream-run-${runId}`], (r) => r.n === 1);
    await kill();
    await start();
    const after = await waitFor(runState, [runId], (r) => r.status !== 'saving');
    expect(after).toMatchObject({ status: 'failed', members: 0, no_results: true });
    expect(after.error).toMatch(/while the run was saving\. Nothing was saved/);
    await kill();
  }, 120_000);
});
