import pg from 'pg';
import { createApp } from '../app.factory.js';
import { loadConfig } from '../config/config.js';
import { runMigrations } from '../database/migrate.js';
import { benchServerUrl, median, percentile, report } from './util.js';
import { pnlBench } from './pnl.bench.js';

/**
 * The CX-owner's view at scale: churn risks (windowed SQL over a segment's members' transactions, usage and NPS)
 * and top customers (pnl_customer_months), for random segments, through the running API as owner1 would call
 * them. Reuses the P&L bench's database (`cxs_bench_pnl_<PNL_BENCH_CUSTOMERS>`, 200,000 customers, 50
 * segments); builds it through that bench when missing. Reference in the same run: the segment P&L route for the
 * same segments (a page the owner already opens), so each figure also prints its ratio to it.
 */
export async function ownerViewBench(): Promise<void> {
  const customers = Number(process.env.PNL_BENCH_CUSTOMERS ?? 200_000);
  const dbName = `cxs_bench_pnl_${customers}`;
  const url = benchServerUrl(dbName);
  const ready = await (async () => {
    const c = new pg.Client({ connectionString: url });
    try {
      await c.connect();
      const { rows } = await c.query(`SELECT customers FROM bench_marker`);
      return rows[0]?.customers === customers;
    } catch {
      return false;
    } finally {
      await c.end().catch(() => undefined);
    }
  })();
  if (!ready) {
    process.stdout.write(`building ${dbName} through the pnl bench (minutes)…\n`);
    process.env.PNL_BENCH_PREPARE_ONLY = '1';
    await pnlBench();
    delete process.env.PNL_BENCH_PREPARE_ONLY;
  }
  await runMigrations(url);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const { rows: segs } = await db.query(
    `SELECT s.id::text AS id, (SELECT COUNT(*)::int FROM segment_memberships sm WHERE sm.segment_id = s.id AND sm.valid_to IS NULL) AS members
     FROM segments s ORDER BY s.id`,
  );
  const { rows: [st] } = await db.query(`SELECT to_char(last_month, 'YYYY-MM') AS hi FROM pnl_rollup_state`);
  await db.end();
  const membersMedian = median(segs.map((s) => s.members));

  const config = { ...loadConfig({ LOG_LEVEL: 'silent' }, [], { dataDir: '/tmp/unused', adminDist: null }), signIn: { maxPerAccount: 1000, maxPerIp: 10_000, windowSeconds: 60 } };
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
  // Same random segments for every route (seeded by index), sequential: one owner clicking through.
  const n = Number(process.env.OWNER_BENCH_REQUESTS ?? 40);
  const pick = (i: number) => segs[(i * 7919) % segs.length].id;
  const measure = async (path: (id: string) => string) => {
    const xs: number[] = [];
    for (let i = 0; i < n; i++) xs.push(await get(path(pick(i))));
    return xs;
  };
  const first = await get(`/pnl/segments/${pick(0)}/churn-risks`);
  const ref = await measure((id) => `/pnl/segments/${id}?period=quarter&at=${st.hi}`);
  const churn = await measure((id) => `/pnl/segments/${id}/churn-risks`);
  const top = await measure((id) => `/pnl/segments/${id}/top-customers?period=quarter&at=${st.hi}`);
  const top12 = await measure((id) => `/pnl/segments/${id}/top-customers`);
  await app.close();
  const refMed = median(ref);
  report('owner.reference.segment-pnl.median', refMed, 'ms', { p95: percentile(ref, 95), requests: n });
  report('owner.churn-risks.first', first, 'ms', { ratio_to_ref: first / refMed });
  report('owner.churn-risks.median', median(churn), 'ms', { p95: percentile(churn, 95), ratio_to_ref: median(churn) / refMed, members_per_segment: membersMedian });
  report('owner.top-customers.quarter.median', median(top), 'ms', { p95: percentile(top, 95), ratio_to_ref: median(top) / refMed });
  report('owner.top-customers.12m.median', median(top12), 'ms', { p95: percentile(top12, 95), ratio_to_ref: median(top12) / refMed, customers, segments: segs.length });
}
