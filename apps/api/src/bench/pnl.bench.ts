import pg from 'pg';
import { createApp } from '../app.factory.js';
import { loadConfig } from '../config/config.js';
import { runMigrations } from '../database/migrate.js';
import { loadDemoCompany } from '../database/seed/demo-loader.js';
import { refreshRollups } from '../modules/pnl/rollups.js';
import { copyRows } from '../database/copy.js';
import { benchServerUrl, median, percentile, recreateDatabase, report, time } from './util.js';

/**
 * Segment P&L at scale: demo with PNL_BENCH_CUSTOMERS (200,000) customers, split into 50 segments; the portfolio
 * for 36 months and a random segment's P&L for a random period under 20 concurrent users against the running API
 * (first request after start reported on its own), and refreshRollups after a 1,000,000-row import.
 * Reference, same run: one full scan of transactions (what a page view would cost without rollups).
 */
export async function pnlBench(): Promise<void> {
  const customers = Number(process.env.PNL_BENCH_CUSTOMERS ?? 200_000);
  // The default story has ~41.5 transactions per customer (8.3M at 200k); 1.22 splits enough invoice lines to reach 10M.
  const txScale = Number(process.env.PNL_BENCH_TX_SCALE ?? 1.22);
  const dbName = `cxs_pnlspeed_${customers % 1000 === 0 ? `${customers / 1000}k` : customers}${txScale === 1 ? '' : `_x${String(txScale).replace('.', '_')}`}`;
  // Loading 10M transactions takes minutes: keep the loaded database between runs and reuse it when its counts are right.
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
    await loader.query(`CREATE TABLE bench_marker (customers int NOT NULL)`);
    await loader.query(`INSERT INTO bench_marker VALUES ($1)`, [customers]);
    await loader.query('COMMIT');
    await loader.end();
  }
  if (process.env.PNL_BENCH_PREPARE_ONLY) return; // load the database now, measure later
  // Migrations added since the database was loaded (new rollups, indexes).
  await runMigrations(url);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  await db.query(`DELETE FROM transactions WHERE external_id LIKE 'BENCH-%'`); // an interrupted run's import (the full refresh below covers it)
  await db.query('BEGIN');
  const [fullRefreshMs] = await time(() => refreshRollups(db, { all: true }));
  await db.query('COMMIT');
  await db.query('ANALYZE');
  const { rows: [counts] } = await db.query(`SELECT (SELECT COUNT(*) FROM customers)::int AS c, (SELECT COUNT(*) FROM transactions)::int AS t, (SELECT COUNT(*) FROM segments)::int AS s`);
  report('pnl.load', loadMs / 1000, 's', { customers: counts.c, transactions: counts.t, segments: counts.s, reused: reused ? 'yes' : 'no' });

  const scans: number[] = [];
  for (let i = 0; i < 3; i++) scans.push((await time(() => db.query(`SELECT SUM(amount) FROM transactions`)))[0]);
  const scan = median(scans);
  report('pnl.reference.full-scan', scan, 'ms');
  report('pnl.refresh.full', fullRefreshMs / 1000, 's', { ratio_to_scan: fullRefreshMs / scan });

  const config = { ...loadConfig({ LOG_LEVEL: 'silent' }, [], { dataDir: '/tmp/unused', adminDist: null }), signIn: { maxPerAccount: 1000, maxPerIp: 10_000, windowSeconds: 60 } };
  const { rows: segs } = await db.query(`SELECT id::text AS id FROM segments`);
  const { rows: [range] } = await db.query(`SELECT to_char(last_month, 'YYYY-MM') AS hi FROM pnl_rollup_state`);
  const hiIdx = Number(range.hi.slice(0, 4)) * 12 + Number(range.hi.slice(5, 7)) - 1;
  const label = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
  const portfolioPath = `/pnl/portfolio?from=${label(hiIdx - 35)}&to=${label(hiIdx)}`;
  const randomPnl = () => {
    const seg = segs[Math.floor(Math.random() * segs.length)].id;
    const kind = ['month', 'quarter', 'year'][Math.floor(Math.random() * 3)];
    return `/pnl/segments/${seg}?period=${kind}&at=${label(hiIdx - Math.floor(Math.random() * 33))}`;
  };

  /** The API as deployed: a fresh process state (no warm caches), signed in as the director. */
  async function startApi() {
    const app = await createApp(config, url);
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}/api`;
    const signIn = await fetch(`${base}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'director@demo.local', password: 'cxstream-demo' }) });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    const get = async (path: string) => {
      const t = performance.now();
      const res = await fetch(base + path, { headers: { cookie } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      return performance.now() - t;
    };
    return { app, get };
  }
  /** `concurrency` users, each sending its next request as soon as the previous one answered. */
  async function load(get: (p: string) => Promise<number>, path: () => string, requests: number, concurrency = 20): Promise<number[]> {
    const out: number[] = [];
    let left = requests;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (left-- > 0) out.push(await get(path()));
      }),
    );
    return out;
  }

  let api = await startApi();
  report('pnl.portfolio.first-after-start', await api.get(portfolioPath), 'ms', { target: 300, ratio_to_scan: (await api.get(portfolioPath)) / scan });
  report('pnl.segment.first-after-start', await api.get(randomPnl()), 'ms', { target: 100 });
  const portfolio = await load(api.get, () => portfolioPath, 400);
  report('pnl.portfolio.36m.20users.p95', percentile(portfolio, 95), 'ms', { median: median(portfolio), target: 300, ratio_to_scan: percentile(portfolio, 95) / scan });
  const segment = await load(api.get, randomPnl, 1000);
  report('pnl.segment.random.20users.p95', percentile(segment, 95), 'ms', { median: median(segment), target: 100, ratio_to_scan: percentile(segment, 95) / scan });
  // The default portfolio (last 12 months) and the same with the cache cold after every request: its cost alone.
  await api.app.close();
  api = await startApi();
  const cold: number[] = [];
  for (let i = 0; i < 5; i++) {
    await db.query(`UPDATE pnl_rollup_state SET version = version + 1`); // invalidates the response cache
    cold.push(await api.get(`/pnl/portfolio?from=${label(hiIdx - 11)}&to=${label(hiIdx)}`));
  }
  report('pnl.portfolio.12m.uncached', median(cold), 'ms', { max: Math.max(...cold), ratio_to_scan: median(cold) / scan });
  await api.app.close();

  // A real 1,000,000-row import: COPY one new month of transactions for existing customers, then refresh the rollups
  // for the customers it touched, from the month it starts (what the importer passes).
  const { rows: custIds } = await db.query(`SELECT id::text AS id FROM customers ORDER BY id`);
  const { rows: prodIds } = await db.query(`SELECT id::text AS id FROM products ORDER BY id`);
  const newMonth = label(hiIdx + 1);
  let seed = 7;
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296; // 32-bit LCG in integer arithmetic (float products lose bits)
  const rowsToImport = function* () {
    for (let i = 0; i < 1_000_000; i++) {
      const c = custIds[Math.floor(rnd() * custIds.length)].id;
      yield [`BENCH-${i}`, c, prodIds[Math.floor(rnd() * prodIds.length)].id, `${newMonth}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`, (10 + rnd() * 990).toFixed(2), 1, '0.00', null, rnd() < 0.1 ? 'expansion' : 'payment', false];
    }
  };
  await db.query('BEGIN');
  const [copyMs, imported] = await time(() =>
    copyRows(db, 'transactions', ['external_id', 'customer_id', 'product_id', 'occurred_on', 'amount', 'quantity', 'discount', 'cost', 'type', 'overdue'], rowsToImport(), (r) => r),
  );
  const { rows: touched } = await db.query(`SELECT DISTINCT customer_id::text AS id FROM transactions WHERE occurred_on >= $1::date`, [`${newMonth}-01`]);
  await db.query('ANALYZE transactions');
  const [incMs] = await time(() => refreshRollups(db, { customerIds: touched.map((r) => r.id as string), since: `${newMonth}-01` }));
  await db.query('COMMIT');
  report('pnl.import.copy-1M', copyMs / 1000, 's', { rows: imported });
  report('pnl.refresh.after-import', incMs / 1000, 's', { rows: imported, customers: touched.length, target: 10, ratio_to_full_refresh: incMs / fullRefreshMs, ratio_to_scan: incMs / scan });
  // Restart after the import: the first requests pay for the new month.
  api = await startApi();
  report('pnl.portfolio.first-after-import-restart', await api.get(`/pnl/portfolio?from=${label(hiIdx - 34)}&to=${newMonth}`), 'ms');
  report('pnl.segment.first-after-import-restart', await api.get(`/pnl/segments/${segs[1].id}?period=quarter&at=${newMonth}`), 'ms');
  await api.app.close();
  // Leave the database as loaded for the next run.
  await db.query(`DELETE FROM transactions WHERE external_id LIKE 'BENCH-%'`);
  await db.query('BEGIN');
  await refreshRollups(db, { customerIds: touched.map((r) => r.id as string), since: `${newMonth}-01` });
  await db.query('COMMIT');
  await db.end();
}

/** True when the database exists, was fully loaded by this bench (marker table) for this many customers. */
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
