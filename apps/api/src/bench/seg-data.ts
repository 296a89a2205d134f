import pg from 'pg';
import { runMigrations } from '../database/migrate.js';
import { loadDemoCompany } from '../database/seed/demo-loader.js';
import { benchServerUrl, recreateDatabase, report, time } from './util.js';

export interface SegBenchData {
  /** Database name on the bench server (reused across runs). */
  name: string;
  customers: number;
  /** Demo generator's transactionScale: 1.2 → ~10.0M rows at 200k customers, 0.72 → ~30.0M at 1M. */
  transactionScale: number;
  /** Build the P&L rollups while loading. */
  rollups: boolean;
}

export const SEG_BENCH_200K: SegBenchData = { name: 'cxs_segspeed_200k', customers: 200_000, transactionScale: 1.2, rollups: true };
/** Without P&L rollups: at 1M they take most of the load time and no figure here reads them. */
export const SEG_BENCH_1M: SegBenchData = { name: 'cxs_segspeed_1m', customers: 1_000_000, transactionScale: 0.72, rollups: false };

/** Big tables whose secondary indexes and foreign keys are dropped for the COPY and rebuilt after it (identically). */
const BULK_TABLES = ['transactions', 'usage_records', 'survey_answers', 'deals'];

/**
 * Runs `load` with the big tables' secondary indexes and foreign keys dropped,
 * then recreates them from the definitions read from the catalog before the
 * drop: COPY into an indexed 30M-row table with two foreign keys checked row by
 * row took more than 10 minutes on the shared machine.
 */
async function withoutBulkIndexes<T>(c: pg.Client, load: () => Promise<T>): Promise<T> {
  const { rows: idx } = await c.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)`,
    [BULK_TABLES],
  );
  const { rows: fks } = await c.query<{ tbl: string; name: string; def: string }>(
    `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE contype = 'f' AND conrelid::regclass::text = ANY($1)`,
    [BULK_TABLES],
  );
  for (const f of fks) await c.query(`ALTER TABLE ${f.tbl} DROP CONSTRAINT "${f.name}"`);
  for (const i of idx) await c.query(`DROP INDEX "${i.name}"`);
  const out = await load();
  await c.query(`SET maintenance_work_mem = '512MB'`);
  for (const i of idx) await c.query(i.def);
  for (const f of fks) await c.query(`ALTER TABLE ${f.tbl} ADD CONSTRAINT "${f.name}" ${f.def}`);
  return out;
}

/** The marker written as the database comment once a load completed: a half-loaded database is never reused. */
function marker(d: SegBenchData): string {
  return `cxs-segspeed customers=${d.customers} seed=42 scale=${d.transactionScale} complete`;
}

/**
 * Returns the URL of a bench database loaded with the demo company at this
 * size. The load (COPY, minutes at 1M/30M) happens once: a database whose
 * comment carries the completion marker is reused, after running any
 * migrations added since (e.g. a new index). SEG_BENCH_RELOAD=1 forces a load.
 */
export async function ensureSegBenchDatabase(d: SegBenchData): Promise<{ url: string; transactions: number; reused: boolean }> {
  const admin = new pg.Client({ connectionString: benchServerUrl('postgres') });
  await admin.connect();
  const { rows } = await admin.query<{ comment: string | null }>(
    `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
    [d.name],
  );
  await admin.end();
  let url: string;
  const reused = rows[0]?.comment === marker(d) && process.env.SEG_BENCH_RELOAD !== '1';
  if (reused) {
    url = benchServerUrl(d.name);
    const applied = await runMigrations(url);
    if (applied.length) {
      process.stdout.write(`# ${d.name}: applied ${applied.join(', ')}\n`);
      // As after a load: a migration that rewrote a table left its visibility map empty (index-only scans
      // would visit the heap until autovacuum came by) and its new columns without statistics.
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`VACUUM (ANALYZE) transactions, usage_records, survey_answers, customers`);
      await c.end();
    }
  } else {
    process.stdout.write(`# loading ${d.name} (${d.customers} customers, transaction scale ${d.transactionScale}) once; later runs reuse it\n`);
    url = await recreateDatabase(d.name);
    await runMigrations(url);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const [ms, counts] = await time(() =>
      withoutBulkIndexes(c, () => loadDemoCompany(c, { customers: d.customers, seed: 42, queueRuns: false, transactionScale: d.transactionScale, rollups: d.rollups })),
    );
    // A steady-state database: autovacuum would have set the visibility map of these insert-only
    // tables by now (index-only scans depend on it); do it once here rather than wait for it.
    await c.query(`VACUUM (ANALYZE) transactions, usage_records, survey_answers, customers`);
    await c.query(`COMMENT ON DATABASE "${d.name}" IS '${marker(d)}'`);
    await c.end();
    report(`load ${d.name} (${counts.customers} customers, ${counts.transactions} transactions)`, ms / 1000, 's');
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const exact = await c.query<{ n: string }>(`SELECT COUNT(*)::text AS n FROM transactions`);
  await c.end();
  return { url, transactions: Number(exact.rows[0].n), reused };
}
