import { readFileSync } from 'node:fs';
import pg from 'pg';
import { computeAndStoreFeatures } from '../modules/features/features.sql.js';
import { DEFAULT_ABCDX_SPEC } from '../modules/segmentation/model-spec.js';
import { getJson, signIn, spawnApi, type ApiProcess } from './api-process.js';
import { ensureSegBenchDatabase, SEG_BENCH_1M, SEG_BENCH_200K, type SegBenchData } from './seg-data.js';
import { median, percentile, report, time } from './util.js';

/**
 * Issue #4's and #5's speed figures on the demo company at bench sizes
 * (databases loaded once with COPY and reused: see seg-data.ts).
 *
 *  1. Features for 200,000 customers / 10M transactions (target ≤ 5 s; recomputing
 *     the stored window, and once for a window with no stored rows), with the
 *     ratio to a single hand-written aggregate over the same transactions, run in
 *     the same process right before each repetition — once as the planner likes
 *     (it may use the covering index) and once with index scans switched off.
 *  2. A full ABCDX run (features + 10 restarts + saving assignments) through the
 *     real API, spawned as its own process (dist/main.js): started with POST
 *     /segmentation/models/:id/runs, polled until it succeeds; the API's peak RSS
 *     from /proc; the time of each stage. 200k/10M (target ≤ 30 s) and 1M/30M
 *     (target ≤ 120 s, RSS < 1 GiB).
 *  3. While each run computes, concurrent clients call three named routes
 *     (customers list at a random page, a random segment's page, the run's
 *     progress): p95 and median per route (target p95 ≤ 200 ms), with the ratio
 *     to the same routes on the same API before the run (idle reference).
 *
 * SEG_BENCH_SIZES=200k,1m (default both) picks the sizes; SEG_BENCH_FEATURE_REPS
 * (default 3) the repetitions of (1); SEG_BENCH_FEATURES_ONLY=1 stops after (1).
 * CXS_RUN_MEMORY_PROFILE=1 also prints the run worker's memory at each stage
 * boundary (see memory-profile.ts).
 */
export async function segmentationBench(): Promise<void> {
  const sizes = (process.env.SEG_BENCH_SIZES ?? '200k,1m').split(',').map((s) => s.trim());
  const reps = Number(process.env.SEG_BENCH_FEATURE_REPS ?? 3);
  process.stdout.write(`# load average at start: ${loadAverage()}\n`);
  for (const size of sizes) {
    const data = size === '1m' ? SEG_BENCH_1M : size === '200k' ? SEG_BENCH_200K : null;
    if (!data) throw new Error(`SEG_BENCH_SIZES: unknown size "${size}" (200k or 1m)`);
    const db = await ensureSegBenchDatabase(data);
    const label = `${data.customers} customers / ${db.transactions} transactions`;
    process.stdout.write(`# ${data.name}: ${label}${db.reused ? ' (reused)' : ''}\n`);
    const ref = await featureFigures(db.url, label, size === '1m' ? 1 : reps, size === '1m' ? null : 5);
    if (process.env.SEG_BENCH_FEATURES_ONLY !== '1') await runFigures(db.url, data, label, ref);
  }
  process.stdout.write(`# load average at end: ${loadAverage()}\n`);
}

/** The machine is shared: the figures are comparable only with its load at the time. */
function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'n/a';
  }
}

const REFERENCE_SQL = `CREATE TEMP TABLE ref_agg AS SELECT customer_id, SUM(amount) AS net, COUNT(*) AS n, MAX(occurred_on) AS last FROM transactions WHERE occurred_on <= $1 GROUP BY customer_id`;

/** Features alone vs the hand-written aggregate; returns the reference (ms) for the run's ratio. */
async function featureFigures(url: string, label: string, reps: number, target: number | null): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const q = (sql: string, p?: unknown[]) => c.query(sql, p).then((r) => r.rows);
  const asOf = DEFAULT_ABCDX_SPEC.asOf;
  const lb = DEFAULT_ABCDX_SPEC.lookbackMonths;
  const reference: number[] = [];
  const referenceNoIndex: number[] = [];
  const features: number[] = [];
  for (let i = 0; i < reps; i++) {
    const [r] = await time(() => q(REFERENCE_SQL, [asOf]));
    await q(`DROP TABLE ref_agg`);
    reference.push(r);
    await q('BEGIN');
    await q(`SET LOCAL enable_indexscan = off; SET LOCAL enable_indexonlyscan = off; SET LOCAL enable_bitmapscan = off`);
    const [r2] = await time(() => q(REFERENCE_SQL, [asOf]));
    await q('ROLLBACK');
    referenceNoIndex.push(r2);
    const [f] = await time(async () => {
      await q('BEGIN');
      await computeAndStoreFeatures(q, asOf, lb);
      await q('COMMIT');
    });
    features.push(f);
  }
  // A window never computed: every row inserted (the repetitions above recompute a stored window and write
  // only the rows that changed — none, the data being the same). The stored rows are removed untimed.
  await q(`DELETE FROM customer_features WHERE as_of = $1 AND lookback_months = $2`, [asOf, lb]);
  const [fresh] = await time(async () => {
    await q('BEGIN');
    await computeAndStoreFeatures(q, asOf, lb);
    await q('COMMIT');
  });
  await c.end();
  const ref = median(reference);
  report(`features ${label}, new window`, fresh / 1000, 's', {
    ...(target ? { target_s: target } : {}),
    reference_aggregate_s: ref / 1000,
    ratio_to_reference: fresh / ref,
    ratio_to_reference_without_index: fresh / median(referenceNoIndex),
  });
  report(`features ${label}`, median(features) / 1000, 's', {
    ...(target ? { target_s: target } : {}),
    max_s: Math.max(...features) / 1000,
    reps,
    reference_aggregate_s: ref / 1000,
    ratio_to_reference: median(features) / ref,
    reference_without_index_s: median(referenceNoIndex) / 1000,
    ratio_to_reference_without_index: median(features) / median(referenceNoIndex),
  });
  return ref;
}

interface Probe {
  name: string;
  path: () => string;
}

/** Calls the routes from `clients` concurrent loops until `until()` is true; latencies per route (ms). */
async function probe(base: string, cookie: string, probes: Probe[], clients: number, until: () => boolean): Promise<{ latencies: Record<string, number[]>; errors: string[] }> {
  const latencies: Record<string, number[]> = Object.fromEntries(probes.map((p) => [p.name, []]));
  const errors: string[] = [];
  const loop = async (k: number) => {
    for (let i = k; !until(); i++) {
      const p = probes[i % probes.length];
      const t = performance.now();
      const res = await fetch(base + p.path(), { headers: { cookie } });
      await res.arrayBuffer();
      latencies[p.name].push(performance.now() - t);
      if (res.status !== 200 && errors.length < 5) errors.push(`${p.name}: ${res.status}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, k) => loop(k)));
  return { latencies, errors };
}

async function runFigures(url: string, data: SegBenchData, label: string, referenceMs: number): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const [model] = (await c.query<{ id: string }>(`SELECT id::text AS id FROM segmentation_models WHERE kind = 'abcdx' ORDER BY id LIMIT 1`)).rows;
  const segments = (await c.query<{ id: string }>(`SELECT id::text AS id FROM segments WHERE status = 'active' ORDER BY id`)).rows.map((r) => r.id);
  await c.end();
  if (!model) throw new Error(`${data.name}: no ABCDX model`);
  const api: ApiProcess = await spawnApi(url, { LOG_LEVEL: 'warn' });
  let peakRss = api.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, api.rss())), 50);
  try {
    const cookie = await signIn(api.base, 'analyst@demo.local');
    const pages = Math.min(2000, Math.floor(data.customers / 50));
    let runId = '';
    const probes: Probe[] = [
      { name: 'GET /customers?page=<random>', path: () => `/customers?page=${1 + Math.floor(Math.random() * pages)}&pageSize=50` },
      { name: 'GET /segments/:id (random)', path: () => `/segments/${segments[Math.floor(Math.random() * segments.length)]}` },
      { name: 'GET /segmentation/runs/:id', path: () => `/segmentation/runs/${runId}` },
    ];
    // Idle reference: the same routes on the same API before the run (the progress route on the last run).
    const last = await getJson<{ id: string }[] | { items: { id: string }[] }>(api.base, cookie, `/segmentation/runs?modelId=${model.id}`);
    const lastItems = Array.isArray(last.body) ? last.body : last.body.items;
    runId = lastItems?.[0]?.id ?? '';
    const idleUntil = Date.now() + 6000;
    // A database with no run yet has no progress route to call: its idle reference is left out (it would time 404s).
    const idle = await probe(api.base, cookie, runId ? probes : probes.slice(0, 2), 3, () => Date.now() > idleUntil);

    const started = performance.now();
    const cpuStarted = api.cpuSeconds();
    const res = await getJson<{ id: string }>(api.base, cookie, `/segmentation/models/${model.id}/runs`, 'POST', {});
    if (res.status !== 201) throw new Error(`start run: ${res.status} ${JSON.stringify(res.body)}`);
    runId = res.body.id;
    const stages: Record<string, number> = {};
    let status = 'queued';
    let error: string | null = null;
    const poller = (async () => {
      while (!['succeeded', 'failed', 'cancelled'].includes(status)) {
        const r = await getJson<{ status: string; error: string | null }>(api.base, cookie, `/segmentation/runs/${runId}`);
        if (r.status === 200 && r.body.status !== status) {
          status = r.body.status;
          error = r.body.error;
          stages[status] = performance.now() - started;
        }
        await new Promise((x) => setTimeout(x, 100));
      }
    })();
    const busy = await probe(api.base, cookie, probes, 3, () => ['succeeded', 'failed', 'cancelled'].includes(status));
    await poller;
    const total = performance.now() - started;
    const cpu = api.cpuSeconds() - cpuStarted;
    if (status !== 'succeeded') throw new Error(`${data.name}: run ${runId} ${status}: ${error}\n${api.output().slice(-2000)}`);
    const stage = (from: string, to: string) => ((stages[to] ?? total) - (stages[from] ?? 0)) / 1000;
    report(`full ABCDX run ${label}`, total / 1000, 's', {
      target_s: data.customers >= 1_000_000 ? 120 : 30,
      ratio_to_reference_aggregate: total / referenceMs,
      features_s: stage('computing_features', 'clustering'),
      clustering_s: stage('clustering', 'saving'),
      saving_s: stage('saving', 'succeeded'),
      api_peak_rss_mib: peakRss / 2 ** 20,
      // The API's CPU during the run (the run's worker plus the probes' requests; PostgreSQL's work is not in it).
      api_cpu_s: cpu,
      ...(data.customers >= 1_000_000 ? { rss_target_mib: 1024 } : {}),
    });
    // CXS_RUN_MEMORY_PROFILE=1 (inherited by the spawned API): the run worker's per-stage memory lines.
    const profile = api.output().split('\n').filter((l) => l.startsWith('[run-memory]'));
    if (profile.length) process.stdout.write(`# run memory by stage (MiB; peak = the API's RSS high-water mark since the previous line)\n${profile.map((l) => `#   ${l}`).join('\n')}\n`);
    for (const p of probes) {
      const xs = busy.latencies[p.name];
      const idleXs = idle.latencies[p.name] ?? [];
      report(`${p.name} during the ${data.customers / 1000}k run (${xs.length} calls)`, percentile(xs, 95), 'ms p95', {
        target_ms: 200,
        median_ms: median(xs),
        ...(idleXs.length ? { idle_p95_ms: percentile(idleXs, 95), ratio_to_idle_p95: percentile(xs, 95) / percentile(idleXs, 95) } : { idle: 'no earlier run' }),
      });
    }
    if (busy.errors.length || idle.errors.length) process.stdout.write(`# non-200 answers: ${[...idle.errors, ...busy.errors].join('; ')}\n`);
  } finally {
    clearInterval(sampler);
    await api.stop();
  }
}
