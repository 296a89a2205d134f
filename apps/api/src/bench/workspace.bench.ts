import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import { spawnApi } from './api-process.js';
import { loadConfig, type AppConfig } from '../config/config.js';
import { runMigrations } from '../database/migrate.js';
import { loadDemoCompany } from '../database/seed/demo-loader.js';
import { benchServerUrl, median, percentile, recreateDatabase, report, time } from './util.js';

const SEGMENTS = 500;
const PRODUCTS = 5_000;
const OUTCOMES_PER_SEGMENT = 100; // 50,000 outcomes
const USERS = 20;
const REQUESTS_PER_USER = Number(process.env.BENCH_REQUESTS ?? 40);
const TARGET_P95_MS = 150;
const SERIAL_ROUNDS = 30;
const PER_ROUTE_REQUESTS = Number(process.env.BENCH_ROUTE_REQUESTS ?? 10);

/**
 * A large company: the demo (2,000 customers) grown to 500 segments, 5,000
 * products, 50,000 outcomes (~4 linked answers each), 1,500 scenarios with
 * 6,000 steps and 12,000 attachments, 5,000 initiatives — all generated in SQL.
 */
async function grow(client: pg.Client): Promise<void> {
  await client.query(`
    INSERT INTO products (external_id, name, tier, price, cost_share, owner_id)
    SELECT 'BP-' || g, 'Bench product ' || g, (ARRAY['basic','professional','enterprise'])[1 + g % 3], 10 + g % 900, 0.2,
           (SELECT id FROM users WHERE email = CASE WHEN g % 2 = 0 THEN 'product1@demo.local' ELSE 'product2@demo.local' END)
    FROM generate_series(1, ${PRODUCTS} - (SELECT COUNT(*) FROM products)) g`);
  await client.query(`
    INSERT INTO segments (name, description, behaviour_factor, owner_id, card, main_job)
    SELECT 'Bench segment ' || g, 'Generated for the benchmark', 'Factor ' || g,
           (SELECT id FROM users WHERE email = CASE WHEN g % 2 = 0 THEN 'owner1@demo.local' ELSE 'owner2@demo.local' END),
           (SELECT card FROM segments WHERE card <> '{}' LIMIT 1), 'Main job ' || g
    FROM generate_series(1, ${SEGMENTS} - (SELECT COUNT(*) FROM segments)) g`);
  await client.query(`
    INSERT INTO scenarios (segment_id, title, position)
    SELECT s.id, 'Scenario ' || k, k FROM segments s CROSS JOIN generate_series(0, 2) k
    WHERE NOT EXISTS (SELECT 1 FROM scenarios x WHERE x.segment_id = s.id)`);
  await client.query(`
    INSERT INTO scenario_steps (scenario_id, title, position)
    SELECT sc.id, 'Step ' || k, k FROM scenarios sc CROSS JOIN generate_series(0, 3) k
    WHERE NOT EXISTS (SELECT 1 FROM scenario_steps x WHERE x.scenario_id = sc.id)`);
  await client.query(`
    INSERT INTO scenario_attachments (step_id, product_id, note, job_steps, status)
    SELECT st.id, 1 + ((st.id * 7 + k * 13) % ${PRODUCTS}), 'Does the job', ARRAY[(ARRAY['define','locate','prepare','confirm','execute','monitor','modify','conclude'])[1 + (st.id + k) % 8]]::varchar[],
           (ARRAY['proposed','endorsed','rejected'])[1 + (st.id + k) % 3]
    FROM scenario_steps st CROSS JOIN generate_series(0, 1) k
    ON CONFLICT DO NOTHING`);
  await client.query(`
    INSERT INTO job_outcomes (segment_id, step, direction, metric, object, importance, satisfaction, rating_source, evidence_label, position)
    SELECT s.id, (ARRAY['define','locate','prepare','confirm','execute','monitor','modify','conclude'])[1 + k % 8], 'minimise', 'the time it takes', 'to do job ' || k,
           (k % 11)::numeric, ((k * 7) % 11)::numeric, CASE WHEN k % 2 = 0 THEN 'computed' ELSE 'direct' END, 'Bench outcome ' || k, k / 8
    FROM segments s CROSS JOIN generate_series(0, ${OUTCOMES_PER_SEGMENT} - 1) k
    WHERE (SELECT COUNT(*) FROM job_outcomes x WHERE x.segment_id = s.id) = 0`);
  // Top up to exactly SEGMENTS × OUTCOMES_PER_SEGMENT (the demo segments came with their own handful).
  await client.query(`
    INSERT INTO job_outcomes (segment_id, step, direction, metric, object, importance, satisfaction, position)
    SELECT (SELECT MIN(id) FROM segments), 'execute', 'minimise', 'the time it takes', 'to do extra job ' || g, 7, 3, 1000 + g
    FROM generate_series(1, ${SEGMENTS * OUTCOMES_PER_SEGMENT} - (SELECT COUNT(*) FROM job_outcomes)) g`);
  await client.query(`
    INSERT INTO outcome_evidence (outcome_id, interview_id, importance, satisfaction)
    SELECT o.id, i.id, 1 + (o.id + i.id) % 5, 1 + (o.id * 3 + i.id) % 5
    FROM job_outcomes o CROSS JOIN LATERAL (SELECT id FROM interviews ORDER BY id OFFSET (o.id % 50) LIMIT 4) i
    ON CONFLICT DO NOTHING`);
  await client.query(`
    INSERT INTO initiatives (segment_id, title, stage, status, cost, started_on, done_on, position)
    SELECT s.id, 'Initiative ' || k, (ARRAY['research','development','marketing','sales','onboarding','service'])[1 + k % 6],
           (ARRAY['planned','in_progress','blocked','done'])[1 + k % 4], 1000 * k,
           CASE WHEN k % 4 IN (1, 2, 3) THEN CURRENT_DATE - 40 - k END, CASE WHEN k % 4 = 3 THEN CURRENT_DATE - k END, k
    FROM segments s CROSS JOIN generate_series(0, 9) k
    WHERE NOT EXISTS (SELECT 1 FROM initiatives x WHERE x.segment_id = s.id)`);
  await client.query('ANALYZE');
}

/** Bump when grow() changes, so an older reused database is rebuilt. */
const MARKER_VERSION = 1;

async function benchDbReady(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
  } catch {
    return false; // no such database yet
  }
  try {
    const r = await c.query(`SELECT version FROM bench_marker`);
    return r.rows[0]?.version === MARKER_VERSION;
  } catch {
    return false;
  } finally {
    await c.end();
  }
}

type Endpoint = 'segment list' | 'segment page' | 'job map' | 'board' | 'reference: /api/me';

export async function workspaceBench(): Promise<void> {
  // Building the large company takes a while on a shared machine: keep the database between runs and reuse it
  // when its marker says it was built completely (BENCH_WORKSPACE_DB names another database; BENCH_REBUILD=1 forces a rebuild).
  const dbName = process.env.BENCH_WORKSPACE_DB ?? 'cxs_bench_workspace';
  let url = benchServerUrl(dbName);
  const reused = process.env.BENCH_REBUILD !== '1' && (await benchDbReady(url));
  if (!reused) url = await recreateDatabase(dbName);
  // Pending migrations (added since the database was built) apply to a reused database too.
  await runMigrations(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const [loadMs] = reused
    ? [0]
    : await time(async () => {
        await loadDemoCompany(client, { customers: 2000, seed: 42 });
        await grow(client);
        await client.query(`CREATE TABLE bench_marker (version int NOT NULL)`);
        await client.query(`INSERT INTO bench_marker VALUES ($1)`, [MARKER_VERSION]);
      });
  const counts = (
    await client.query(`SELECT (SELECT COUNT(*) FROM segments)::int AS segments, (SELECT COUNT(*) FROM products)::int AS products,
      (SELECT COUNT(*) FROM job_outcomes)::int AS outcomes, (SELECT COUNT(*) FROM outcome_evidence)::int AS evidence,
      (SELECT COUNT(*) FROM scenario_attachments)::int AS attachments, (SELECT COUNT(*) FROM initiatives)::int AS initiatives`)
  ).rows[0];
  const segmentIds: string[] = (await client.query(`SELECT id::text AS id FROM segments`)).rows.map((r) => r.id);
  await client.end();
  process.stdout.write(`data (${dbName}): ${JSON.stringify(counts)} (${reused ? 'reused' : `built in ${(loadMs / 1000).toFixed(1)} s`})\n`);

  const on = await measure(url, segmentIds, 'session cache on (default)', {});
  // Same run, same data, the session cache switched off: what every request paid before (the reference for the change).
  const off = await measure(url, segmentIds, 'session cache off', { CXS_SESSION_CACHE_SECONDS: '0' });
  for (const n of Object.keys(on) as Endpoint[]) {
    report(`workspace ${n}: cache on ÷ off`, on[n].p95 / off[n].p95, 'x p95', {
      p50_ratio: on[n].p50 / off[n].p50,
      api_cpu_ratio: on[n].apiCpu / off[n].apiCpu,
      db_cpu_ratio: off[n].dbCpu > 0 ? on[n].dbCpu / off[n].dbCpu : 0,
    });
  }
  // Figures from a shared machine mean little without its load: print it beside them.
  process.stdout.write(`machine: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' / ')}\n`);
}

/** CPU time (user + system, ms) a process has used so far, from /proc; 0 when not readable. */
function cpuMs(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return 0;
  }
}

interface Figures {
  p50: number;
  p95: number;
  reqS: number;
  apiCpu: number;
  dbCpu: number;
}

async function measure(url: string, segmentIds: string[], label: string, env: Record<string, string>): Promise<Record<Endpoint, Figures>> {
  process.stdout.write(`\n## ${label}\n`);
  // The API in its own process, as users meet it: the load generator must not share its event loop.
  const api = await spawnApi(url, { CXS_DEMO: 'false', ...env });
  const base = api.base;
  const monitor = new pg.Client({ connectionString: url });
  await monitor.connect();
  // The database backends serving the API (its pool), for the database's share of the CPU.
  const dbCpu = async () => {
    const { rows } = await monitor.query(`SELECT pid FROM pg_stat_activity WHERE application_name = 'cx-stream' AND datname = current_database()`);
    return rows.reduce((s: number, r: { pid: number }) => s + cpuMs(r.pid), 0);
  };
  try {
    const accounts = ['owner1', 'owner2', 'product1', 'director', 'analyst'];
    const cookies = await Promise.all(
      Array.from({ length: USERS }, async (_, u) => {
        const res = await fetch(`${base}/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: `${accounts[u % accounts.length]}@demo.local`, password: 'cxstream-demo' }),
        });
        return (res.headers.get('set-cookie') ?? '').split(';')[0];
      }),
    );
    const get = async (cookie: string, path: string) => {
      const res = await fetch(base + path, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      await res.arrayBuffer();
    };
    // The segment page's first paint: the segment, its card and its open proposals, in parallel as the admin asks for them.
    const requests: Record<Endpoint, (cookie: string, seg: string) => Promise<unknown>> = {
      'segment list': (c) => get(c, '/segments'),
      'segment page': (c, s) => Promise.all([get(c, `/segments/${s}`), get(c, `/segments/${s}/card`), get(c, `/segment-proposals?segmentId=${s}&status=open`)]),
      'job map': (c, s) => get(c, `/segments/${s}/job-map`),
      board: (c, s) => get(c, `/segments/${s}/board`),
      'reference: /api/me': (c) => get(c, '/me'),
    };
    const names = Object.keys(requests) as Endpoint[];
    const random = (n: number) => Math.floor(Math.random() * n);
    // Warm-up: one pass of each, so the first figures are not connection set-up.
    for (const n of names) await requests[n](cookies[0], segmentIds[0]);
    // One user alone: what a request costs when the machine is not shared.
    const serial = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<Endpoint, number[]>;
    for (let i = 0; i < SERIAL_ROUNDS; i++) {
      for (const n of names) serial[n].push((await time(() => requests[n](cookies[0], segmentIds[random(segmentIds.length)])))[0]);
    }
    const serialRef = percentile(serial['reference: /api/me'], 95);
    for (const n of names) {
      report(`workspace ${n} p95 (1 user)`, percentile(serial[n], 95), 'ms', { median: median(serial[n]), n: serial[n].length, target: TARGET_P95_MS, ratio_to_me: percentile(serial[n], 95) / serialRef });
    }
    const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<Endpoint, number[]>;
    const [wallMs] = await time(() =>
      Promise.all(
        cookies.map(async (cookie) => {
          for (let i = 0; i < REQUESTS_PER_USER; i++) {
            const n = names[random(names.length)];
            const [ms] = await time(() => requests[n](cookie, segmentIds[random(segmentIds.length)]));
            samples[n].push(ms);
          }
        }),
      ),
    );
    const reference = percentile(samples['reference: /api/me'], 95);
    for (const n of names) {
      const p95 = percentile(samples[n], 95);
      report(`workspace ${n} p95 (${USERS} users)`, p95, 'ms', {
        median: median(samples[n]),
        n: samples[n].length,
        target: TARGET_P95_MS,
        ok: p95 <= TARGET_P95_MS ? 'yes' : 'NO',
        ratio_to_me: p95 / reference,
      });
    }
    const total = Object.values(samples).reduce((s, x) => s + x.length, 0);
    report('workspace throughput (mixed)', (total / wallMs) * 1000, 'req/s', { requests: total, wall_s: wallMs / 1000 });

    // Per route, the same 20 users on that route alone: latency, throughput and the CPU each request costs the API
    // process and the database backends. CPU per request is what the machine's load disturbs least.
    const figures = {} as Record<Endpoint, Figures>;
    for (const n of names) {
      const lat: number[] = [];
      const api0 = cpuMs(api.child.pid!);
      const db0 = await dbCpu();
      const [ms] = await time(() =>
        Promise.all(
          cookies.map(async (cookie) => {
            for (let i = 0; i < PER_ROUTE_REQUESTS; i++) lat.push((await time(() => requests[n](cookie, segmentIds[random(segmentIds.length)])))[0]);
          }),
        ),
      );
      const apiCpu = (cpuMs(api.child.pid!) - api0) / lat.length;
      const dbCpuPer = ((await dbCpu()) - db0) / lat.length;
      figures[n] = { p50: median(lat), p95: percentile(lat, 95), reqS: (lat.length / ms) * 1000, apiCpu, dbCpu: dbCpuPer };
    }
    const ref = figures['reference: /api/me'];
    for (const n of names) {
      const f = figures[n];
      report(`workspace ${n} alone (${USERS} users)`, f.p95, 'ms p95', {
        median: f.p50,
        req_s: f.reqS,
        api_cpu_ms_per_req: f.apiCpu,
        db_cpu_ms_per_req: f.dbCpu,
        p95_ratio_to_me: f.p95 / ref.p95,
        api_cpu_ratio_to_me: ref.apiCpu > 0 ? f.apiCpu / ref.apiCpu : 0,
      });
    }
    return figures;
  } finally {
    await monitor.end();
    await api.stop();
  }
}
