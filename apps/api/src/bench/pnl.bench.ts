import { createHash } from 'node:crypto';
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import { runMigrations } from '../database/migrate.js';
import { loadDemoCompany } from '../database/seed/demo-loader.js';
import { rebuildSegmentRollups, refreshRollups } from '../modules/pnl/rollups.js';
import { copyRows } from '../database/copy.js';
import { spawnApi, signIn, type ApiProcess } from './api-process.js';
import { benchServerUrl, median, percentile, recreateDatabase, report, time } from './util.js';

const USERS = 20;
const ROLLUP_TABLES =
  'pnl_customer_months, pnl_customer_firsts, pnl_customer_series, pnl_segment_months, pnl_segment_product_months, pnl_segment_stats, pnl_segment_serve_months, pnl_segment_periods';

/**
 * Segment P&L at scale (issue 7): PNL_BENCH_CUSTOMERS (200,000) customers, ~10,000,000 transactions
 * (PNL_BENCH_TX_SCALE, the generator's transactionScale), 50 segments. Against the built API started as its own
 * process (dist/main.js, as deployed), signed in as the director, 20 concurrent users on keep-alive connections:
 * the portfolio for 36 months (target p95 ≤ 300 ms) and a random segment's P&L for a random month / quarter /
 * year (target p95 ≤ 100 ms), each also as the very first request after a start; then refreshRollups after a
 * 1,000,000-row import (target ≤ 10 s; three times, the median), inside a transaction that is rolled back (the
 * database stays as loaded).
 *
 * References measured in the same run, so figures from a loaded machine can be compared: GET /api/me (a trivial
 * authenticated route: session, CASL, logging, no P&L) under the same 20-user load, and one sequential scan of
 * transactions (what a page view would cost without rollups).
 *
 * Options: PNL_BENCH_PREPARE_ONLY (load the database and stop), PNL_BENCH_FULL_REFRESH (rebuild the rollups even if
 * their code did not change), PNL_BENCH_KEEP_ROLLUPS (use the rollups in the database as they are),
 * PNL_BENCH_SKIP_IMPORT (only the API figures).
 */
export async function pnlBench(): Promise<void> {
  const customers = Number(process.env.PNL_BENCH_CUSTOMERS ?? 200_000);
  // The default story has ~41.5 transactions per customer (8.3M at 200k); 1.22 splits enough invoice lines to reach 10M.
  const txScale = Number(process.env.PNL_BENCH_TX_SCALE ?? 1.22);
  const dbName = `cxs_pnlspeed_${customers % 1000 === 0 ? `${customers / 1000}k` : customers}${txScale === 1 ? '' : `_x${String(txScale).replace('.', '_')}`}`;
  report('pnl.machine', loadavg()[0], 'load1', { cpus: cpus().length, load5: loadavg()[1] });

  // Loading 10M transactions takes long: the database is kept between runs and reused when its marker matches.
  let url = benchServerUrl(dbName);
  let loadMs = 0;
  const reused = await benchDbReady(url, customers);
  if (!reused) {
    url = await recreateDatabase(dbName);
    await runMigrations(url);
    const loader = new pg.Client({ connectionString: url });
    await loader.connect();
    [loadMs] = await time(() => loadDemoCompany(loader, { customers, seed: 42, transactionScale: txScale, queueRuns: false }));
    // 50 segments: the demo's four, plus 46 carved out of them by customer id (memberships stay exclusive).
    await loader.query('BEGIN');
    const { rows: owners } = await loader.query(`SELECT id FROM users WHERE role = 'cx_owner' ORDER BY email`);
    for (let i = 0; i < 46; i++) await loader.query(`INSERT INTO segments (name, owner_id) VALUES ($1, $2)`, [`Bench segment ${i + 1}`, owners[i % owners.length].id]);
    await loader.query(`
      WITH extra AS (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM segments WHERE name LIKE 'Bench segment %')
      UPDATE segment_memberships sm SET segment_id = extra.id FROM extra WHERE (sm.customer_id % 50) >= 4 AND extra.k = (sm.customer_id % 50) - 4`);
    await loader.query(`CREATE TABLE bench_marker (customers int NOT NULL, rollups text)`);
    await loader.query(`INSERT INTO bench_marker VALUES ($1, NULL)`, [customers]);
    await loader.query('COMMIT');
    await loader.end();
  }
  if (process.env.PNL_BENCH_PREPARE_ONLY) return; // load the database now, measure later
  await runMigrations(url); // migrations added since the database was loaded (new rollups, indexes)
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  await db.query(`ALTER TABLE bench_marker ADD COLUMN IF NOT EXISTS rollups text`);

  // The rollups are rebuilt in full only when the code that builds them changed since the last run (or on request).
  const rollupCode = createHash('sha256').update(refreshRollups.toString()).update(rebuildSegmentRollups.toString()).digest('hex').slice(0, 16);
  const { rows: [marker] } = await db.query(`SELECT rollups FROM bench_marker`);
  // PNL_BENCH_KEEP_ROLLUPS: trust the rollups in the database (a change known not to alter them; saves the full rebuild).
  if ((marker.rollups !== rollupCode && !process.env.PNL_BENCH_KEEP_ROLLUPS) || process.env.PNL_BENCH_FULL_REFRESH) {
    await db.query('BEGIN');
    const [fullRefreshMs] = await time(() => refreshRollups(db, { all: true }));
    await db.query(`UPDATE bench_marker SET rollups = $1`, [rollupCode]);
    await db.query('COMMIT');
    await db.query(`VACUUM ANALYZE ${ROLLUP_TABLES}`);
    report('pnl.refresh.full', fullRefreshMs / 1000, 's');
  }
  const { rows: [counts] } = await db.query(`SELECT (SELECT COUNT(*) FROM customers)::int AS c, (SELECT COUNT(*) FROM transactions)::int AS t, (SELECT COUNT(*) FROM segments)::int AS s`);
  report('pnl.data', loadMs / 1000, 's', { customers: counts.c, transactions: counts.t, segments: counts.s, reused: reused ? 'yes' : 'no' });

  const scans: number[] = [];
  for (let i = 0; i < 3; i++) scans.push((await time(() => db.query(`SELECT SUM(amount) FROM transactions`)))[0]);
  const scan = median(scans);
  report('pnl.reference.full-scan', scan, 'ms');

  const { rows: segs } = await db.query(`SELECT id::text AS id FROM segments`);
  const { rows: [range] } = await db.query(`SELECT to_char(last_month, 'YYYY-MM') AS hi FROM pnl_rollup_state`);
  const hiIdx = Number(range.hi.slice(0, 4)) * 12 + Number(range.hi.slice(5, 7)) - 1;
  const label = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
  const portfolioPath = `/pnl/portfolio?from=${label(hiIdx - 35)}&to=${label(hiIdx)}`;
  let seed = 11;
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296; // seeded: the same request mix every run
  const randomPnl = () => {
    const seg = segs[Math.floor(rnd() * segs.length)].id;
    const kind = ['month', 'quarter', 'year'][Math.floor(rnd() * 3)];
    return `/pnl/segments/${seg}?period=${kind}&at=${label(hiIdx - Math.floor(rnd() * 33))}`;
  };

  // ---- first requests after a start, then 20 users
  let api = await spawnApi(url, { LOG_LEVEL: 'info' });
  let client = await apiClient(api);
  const firstPortfolio = await client.get(portfolioPath);
  const firstSegment = await client.get(randomPnl());
  const firstMe = await client.get('/me');
  report('pnl.first-after-start.portfolio-36m', firstPortfolio, 'ms', { target: 300, ratio_to_me: firstPortfolio / firstMe });
  report('pnl.first-after-start.segment', firstSegment, 'ms', { target: 100, ratio_to_me: firstSegment / firstMe });
  report('pnl.first-after-start.me', firstMe, 'ms');

  await client.load(() => '/me', 200); // warm-up of connections and JIT, not reported
  // Each phase interleaves the route with /api/me (every other request), so both see the same load on the machine.
  for (const [name, path, target] of [
    ['portfolio-36m', () => portfolioPath, 300],
    ['segment-random', randomPnl, 100],
  ] as const) {
    const both = await client.load((k) => (k % 2 ? '/me' : path()), 2000);
    const route = both.filter((_, k) => k % 2 === 0);
    const me = both.filter((_, k) => k % 2 === 1);
    report(`pnl.20users.${name}.p95`, percentile(route, 95), 'ms', {
      median: median(route),
      target,
      me_p95: percentile(me, 95),
      me_median: median(me),
      ratio_p95_to_me: percentile(route, 95) / percentile(me, 95),
      ratio_median_to_me: median(route) / median(me),
    });
  }
  client.close();
  await api.stop();

  // ---- the portfolio's own cost: its response cache invalidated before every request (what a change costs the first viewer)
  api = await spawnApi(url, { LOG_LEVEL: 'info' });
  client = await apiClient(api);
  const cold: number[] = [];
  const meSeq: number[] = [];
  for (let i = 0; i < 7; i++) {
    await db.query(`UPDATE pnl_rollup_state SET version = version + 1`);
    cold.push(await client.get(portfolioPath));
    meSeq.push(await client.get('/me'));
  }
  report('pnl.portfolio-36m.uncached', median(cold), 'ms', { max: Math.max(...cold), me_median: median(meSeq), ratio_to_me: median(cold) / median(meSeq) });
  client.close();
  await api.stop();

  if (process.env.PNL_BENCH_SKIP_IMPORT) {
    await db.end();
    return;
  }
  // ---- a real 1,000,000-row import: COPY one new month of transactions for existing customers, then refresh the rollups
  // for the customers it touched from the month it starts (what after-import passes); rolled back afterwards.
  const { rows: custIds } = await db.query(`SELECT id::text AS id FROM customers ORDER BY id`);
  const { rows: prodIds } = await db.query(`SELECT id::text AS id FROM products ORDER BY id`);
  const newMonth = label(hiIdx + 1);
  const rowsToImport = function* () {
    for (let i = 0; i < 1_000_000; i++) {
      const c = custIds[Math.floor(rnd() * custIds.length)].id;
      yield [`BENCH-${i}`, c, prodIds[Math.floor(rnd() * prodIds.length)].id, `${newMonth}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`, (10 + rnd() * 990).toFixed(2), 1, '0.00', null, rnd() < 0.1 ? 'expansion' : 'payment', false];
    }
  };
  // Repeated (PNL_BENCH_IMPORT_REPS, default 3) because one refresh varies by ±1 s with checkpoints and the dirty pages
  // the COPY left: the median is the figure, every run is printed.
  const reps = Number(process.env.PNL_BENCH_IMPORT_REPS ?? 3);
  const copies: number[] = [];
  const refreshes: number[] = [];
  let touchedCount = 0;
  let imported = 0;
  for (let rep = 0; rep < reps; rep++) {
    await db.query('BEGIN');
    const [copyMs, n] = await time(() =>
      copyRows(db, 'transactions', ['external_id', 'customer_id', 'product_id', 'occurred_on', 'amount', 'quantity', 'discount', 'cost', 'type', 'overdue'], rowsToImport(), (r) => r),
    );
    const { rows: touched } = await db.query(`SELECT DISTINCT customer_id::text AS id FROM transactions WHERE occurred_on >= $1::date`, [`${newMonth}-01`]);
    if (rep === 0) process.env.CXS_PNL_PROFILE = '1'; // the statements of the first refresh, with their times
    const [incMs] = await time(() => refreshRollups(db, { customerIds: touched.map((r) => r.id as string), since: `${newMonth}-01` }));
    delete process.env.CXS_PNL_PROFILE;
    await db.query('ROLLBACK');
    // The rolled-back million rows stay as dead tuples (and dead index entries) until vacuumed, and so do the rollup rows
    // the refresh wrote: without this the next run's scans and index inserts slow down run after run.
    await db.query(`VACUUM transactions, ${ROLLUP_TABLES}`);
    process.stdout.write(`  import ${rep + 1}/${reps}: COPY ${(copyMs / 1000).toFixed(1)} s, refresh ${(incMs / 1000).toFixed(2)} s\n`);
    copies.push(copyMs);
    refreshes.push(incMs);
    touchedCount = touched.length;
    imported = n;
  }
  report('pnl.import.copy-1M', median(copies) / 1000, 's', { rows: imported, runs: reps });
  report('pnl.refresh.after-1M-import', median(refreshes) / 1000, 's', {
    customers: touchedCount,
    target: 10,
    runs: reps,
    min: Math.min(...refreshes) / 1000,
    max: Math.max(...refreshes) / 1000,
    ratio_to_scan: median(refreshes) / scan,
    ratio_to_copy: median(refreshes) / median(copies),
  });
  report('pnl.machine.end', loadavg()[0], 'load1', { load5: loadavg()[1] });
  await db.end();
}

/** 20 users on keep-alive connections (like autocannon): each sends its next request when the previous one answered. */
async function apiClient(api: ApiProcess) {
  const cookie = await signIn(api.base, 'director@demo.local');
  const agent = new http.Agent({ keepAlive: true, maxSockets: USERS });
  const base = new URL(api.base);
  const get = (path: string) =>
    new Promise<number>((resolve, reject) => {
      const t = performance.now();
      const req = http.get({ host: base.hostname, port: base.port, path: base.pathname + path, agent, headers: { cookie } }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - t) : reject(new Error(`${path}: ${res.statusCode}`))));
      });
      req.on('error', reject);
    });
  /** Times of `requests` requests by USERS concurrent users; out[k] is the k-th request sent, path(k) its path. */
  async function load(path: (k: number) => string, requests: number): Promise<number[]> {
    const out: number[] = new Array(requests);
    let next = 0;
    await Promise.all(
      Array.from({ length: USERS }, async () => {
        while (next < requests) {
          const k = next++;
          out[k] = await get(path(k));
        }
      }),
    );
    return out;
  }
  return { get, load, close: () => agent.destroy() };
}

/** True when the database exists and was fully loaded by this bench (marker table) for this many customers. */
async function benchDbReady(url: string, customers: number): Promise<boolean> {
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
  } catch {
    return false;
  }
  try {
    const { rows } = await c.query(`SELECT customers FROM bench_marker`);
    return rows[0]?.customers === customers;
  } catch {
    return false;
  } finally {
    await c.end();
  }
}
