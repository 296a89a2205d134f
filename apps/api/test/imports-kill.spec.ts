import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, signIn, spawnApi, uploadFile, type ApiProcess } from '../src/bench/api-process.js';
import { cloneTemplate, dropDatabase } from './db.js';
import { snapshot, sql } from './imports/helpers.js';

const DIST_MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const ROWS = 200_000;

/**
 * The built API as a real child process, killed with SIGKILL in the middle of
 * an import: the domain tables must equal their snapshot from before the
 * import, and after a restart the import is marked failed with a reason.
 * (Needs `pnpm build`: the test runs dist/main.js.)
 */
describe('imports survive SIGKILL', () => {
  // `pnpm test` builds first (turbo: test depends on build); without a build this must fail, not skip.
  it('runs against the built server', () => expect(existsSync(DIST_MAIN)).toBe(true));

  const dbName = `cxs_test_impkill_${process.pid}`;
  let dbUrl: string;
  let file: string;
  let api: ApiProcess | null = null;
  beforeAll(async () => {
    dbUrl = await cloneTemplate(dbName);
    const customers = (await sql<{ external_id: string }>(dbUrl, `SELECT external_id FROM customers ORDER BY id`)).map((r) => r.external_id);
    const lines = ['external_id,customer_external_id,occurred_on,amount,type'];
    for (let i = 0; i < ROWS; i++) lines.push(`K-${i},${customers[i % customers.length]},2024-0${1 + (i % 9)}-15,${(i % 997) + 0.5},payment`);
    file = `/tmp/cxs-kill-${process.pid}.csv`;
    writeFileSync(file, lines.join('\n') + '\n');
  });
  afterAll(async () => {
    await api?.stop();
    await dropDatabase(dbName);
  });

  async function killDuring(phase: (imp: any) => boolean, expectedReason: RegExp, env: Record<string, string> = {}) {
    const before = await snapshot(dbUrl);
    api = await spawnApi(dbUrl, env);
    const cookie = await signIn(api.base, 'analyst@demo.local');
    const up = await uploadFile(api.base, cookie, file, { source: 'transactions', fileName: 'kill.csv', start: 'true' });
    let seen: any;
    for (;;) {
      seen = (await getJson(api.base, cookie, `/imports/${up.id}`)).body;
      if (phase(seen)) break;
      expect(['queued', 'running', 'merging']).toContain(seen.status);
      await new Promise((r) => setTimeout(r, 20));
    }
    const exited = new Promise((r) => api!.child.once('exit', r));
    api.child.kill('SIGKILL');
    await exited;
    expect(await snapshot(dbUrl)).toEqual(before);
    api = await spawnApi(dbUrl);
    const after = await getJson(api.base, await signIn(api.base, 'analyst@demo.local'), `/imports/${up.id}`);
    expect(after.body.status).toBe('failed');
    expect(after.body.error).toMatch(expectedReason);
    expect(await snapshot(dbUrl)).toEqual(before);
    await api.stop();
    api = null;
    return seen;
  }

  it('killed at ≥ 50 % of the file: nothing kept, import failed with a reason', async () => {
    // 100 chunks of 2,000 rows at 60 ms each: the streaming phase lasts ≥ 6 s even on an idle
    // machine, so a poll sees it between 50 % and the merge whatever the load.
    const seen = await killDuring((i) => i.status === 'running' && i.progress >= 50, /stopped while this import was running.*nothing from this file was kept/, {
      CXS_IMPORT_TEST_THROTTLE_MS: '60',
    });
    expect(seen.progress).toBeGreaterThanOrEqual(50);
  }, 180_000);

  it('killed while merging: nothing kept, import failed with a reason', async () => {
    await killDuring((i) => i.status === 'merging', /stopped while this import was merging.*nothing from this file was kept/);
  }, 180_000);
});
