import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { runMigrations } from '../database/migrate.js';
import { loadDemoCompany } from '../database/seed/demo-loader.js';
import { computeAndStoreFeatures } from '../modules/features/features.sql.js';
import { DEFAULT_ABCDX_SPEC } from '../modules/segmentation/model-spec.js';
import { createApp } from '../app.factory.js';
import { loadConfig } from '../config/config.js';
import { median, percentile, recreateDatabase, report, time } from './util.js';

/**
 * Per-customer features and a full ABCDX run on a big demo company.
 * SEG_BENCH_CUSTOMERS (default 200,000 ≈ 8.4M transactions) sets the size;
 * SEG_BENCH_DB reuses an already loaded database (skips the load).
 *
 * Figures: features (one INSERT … SELECT over every table) vs a single
 * hand-written aggregate over transactions on the same data; a full run
 * (features + 10 restarts + saving assignments) in a worker thread as the API
 * runs it, with this process's peak RSS.
 */
export async function segmentationBench(): Promise<void> {
  const customers = Number(process.env.SEG_BENCH_CUSTOMERS ?? 200_000);
  const name = process.env.SEG_BENCH_DB ?? `cxs_bench_seg_${customers}`;
  let url: string;
  if (process.env.SEG_BENCH_DB) {
    const u = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    u.pathname = `/${name}`;
    url = u.toString();
  } else {
    url = await recreateDatabase(name);
    await runMigrations(url);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const [ms, counts] = await time(() => loadDemoCompany(c, { customers, seed: 42, queueRuns: false }));
    await c.end();
    report(`load demo (${customers} customers, ${counts.transactions} transactions)`, ms / 1000, 's');
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const [{ n: tx }] = (await c.query(`SELECT COUNT(*)::int AS n FROM transactions`)).rows;
  const asOf = DEFAULT_ABCDX_SPEC.asOf;
  const lb = DEFAULT_ABCDX_SPEC.lookbackMonths;
  const q = (sql: string, p?: unknown[]) => c.query(sql, p).then((r) => r.rows);

  // Reference: one hand-written aggregate over the same transactions (no features, just sums and counts per customer).
  const reference: number[] = [];
  const features: number[] = [];
  for (let i = 0; i < 3; i++) {
    const [r] = await time(() =>
      q(`CREATE TEMP TABLE ref_agg AS SELECT customer_id, SUM(amount) AS net, COUNT(*) AS n, MAX(occurred_on) AS last FROM transactions WHERE occurred_on <= $1 GROUP BY customer_id`, [asOf]),
    );
    await q(`DROP TABLE ref_agg`);
    reference.push(r);
    const [f] = await time(async () => {
      await q('BEGIN');
      await computeAndStoreFeatures(q, asOf, lb);
      await q('COMMIT');
    });
    features.push(f);
  }
  const ref = median(reference);
  report(`features ${customers} customers / ${tx} transactions`, median(features) / 1000, 's', {
    target_s: 5,
    reference_aggregate_s: ref / 1000,
    ratio_to_reference: median(features) / ref,
  });

  // Full run: insert a run of the default model and execute it in a worker thread, as the API does.
  const [model] = await q(
    `INSERT INTO segmentation_models (name, kind) VALUES ('bench ABCDX', 'abcdx') RETURNING id`,
  );
  const [version] = await q(`INSERT INTO segmentation_model_versions (model_id, version, spec) VALUES ($1, 1, $2) RETURNING id`, [model.id, JSON.stringify(DEFAULT_ABCDX_SPEC)]);
  const runs: number[] = [];
  let peakRss = 0;
  // The API on the same database, so named routes can be timed while a run computes (the run itself goes through the worker as in the product).
  const app = await createApp({ ...loadConfig({ LOG_LEVEL: 'silent' }, [], { dataDir: '/tmp/unused', adminDist: null }), signIn: { maxPerAccount: 1000, maxPerIp: 10_000, windowSeconds: 60 } }, url);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}/api`;
  const signIn = await fetch(`${base}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'analyst@demo.local', password: 'cxstream-demo' }) });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
  const [seg] = await q(`SELECT id FROM segments ORDER BY id LIMIT 1`);
  const latencies: Record<string, number[]> = { 'GET /customers (random page)': [], 'GET /segments/:id': [], 'GET /segmentation/runs/:id': [] };
  for (let i = 0; i < 2; i++) {
    const [run] = await q(
      `INSERT INTO segmentation_runs (model_id, model_version_id, kind, as_of, lookback_months, seed, status) VALUES ($1, $2, 'abcdx', $3, $4, 42, 'computing_features') RETURNING id::text AS id`,
      [model.id, version.id, asOf, lb],
    );
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    let done = false;
    const prober = (async () => {
      if (i !== 0) return;
      while (!done) {
        const page = 1 + Math.floor(Math.random() * 100);
        for (const [name, path] of [
          ['GET /customers (random page)', `/customers?page=${page}&pageSize=50`],
          ['GET /segments/:id', `/segments/${seg.id}`],
          ['GET /segmentation/runs/:id', `/segmentation/runs/${run.id}`],
        ] as const) {
          const t = performance.now();
          const res = await fetch(base + path, { headers: { cookie } });
          await res.text();
          latencies[name].push(performance.now() - t);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const [ms, outcome] = await time(
      () =>
        new Promise<{ ok: boolean; message?: string }>((resolve) => {
          const w = new Worker(fileURLToPath(new URL('../modules/segmentation/run.worker.js', import.meta.url)), { workerData: { databaseUrl: url, runId: run.id } });
          w.once('message', resolve);
          w.once('error', (e) => resolve({ ok: false, message: e.message }));
        }),
    );
    done = true;
    await prober;
    clearInterval(sampler);
    if (!outcome.ok) throw new Error(`bench run failed: ${outcome.message}`);
    runs.push(ms);
  }
  await app.close();
  for (const [name, xs] of Object.entries(latencies)) {
    report(`${name} while a run computes (${xs.length} requests)`, percentile(xs, 95), 'ms p95', { target_ms: 200, median_ms: median(xs) });
  }
  const [{ n: members }] = await q(`SELECT COUNT(*)::int AS n FROM segmentation_run_members WHERE run_id = (SELECT MAX(id) FROM segmentation_runs)`);
  report(`full ABCDX run ${customers} customers (features + 10 restarts + save ${members})`, median(runs) / 1000, 's', {
    target_s: customers >= 1_000_000 ? 120 : 30,
    features_share: median(features) / median(runs),
    peak_rss_mib: peakRss / 2 ** 20,
  });
  await c.end();
}
