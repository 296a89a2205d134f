import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { DataSource, EntityManager } from 'typeorm';
import type { ImportFormat, ImportMapping, ImportMode, ImportSource } from '@cxs/contracts';
import { lockForKeyShare, maySkipRowTriggers, withoutRowTriggers, type ReferenceCheck, type RowQuery } from '../../database/set-checked.js';
import type { AuditService } from '../audit/audit.service.js';
import { FileRejected, stagingColumns, type Note, type ParseSummary } from './parse-file.js';
import { parseChunks } from './parse-source.js';
import { sqlRows } from './sql.js';
import { SOURCES, type SourceDef } from './sources.js';

export class ImportCancelled extends Error {
  constructor() {
    super('Cancelled by the user; nothing from this file was kept.');
  }
}

export interface RunHooks {
  /** Called inside the import's transaction after the merge (P&L rollups). */
  afterMerge?(manager: EntityManager, source: ImportSource, importId: string): Promise<void>;
  /** Test seam: called with each progress tick. */
  onProgress?(bytesRead: number, rowsIn: number): void;
}

interface ImportRow {
  id: string;
  source: ImportSource;
  status: string;
  mode: ImportMode;
  dry_run: boolean;
  file_path: string | null;
  file_size: string;
  format: ImportFormat;
  mapping: ImportMapping;
  created_by: string | null;
}

const PROGRESS_MS = 250;

function q(id: string): string {
  return `"${id}"`;
}

/** The SQL that turns the validated staging rows into domain rows, for one source. */
export function mergeSql(def: SourceDef) {
  const cols = Object.keys(def.exprs);
  const from = [
    'stg s',
    def.customer === 'optional'
      ? 'LEFT JOIN customers c ON c.external_id = s.customer_external_id'
      : def.customer
        ? 'JOIN customers c ON c.external_id = s.customer_external_id'
        : '',
    def.product ? 'LEFT JOIN products p ON p.external_id = s.product_external_id' : '',
    def.owner ? "LEFT JOIN users u ON lower(u.email) = lower(s.owner_email) AND u.role = 'product_owner'" : '',
  ]
    .filter(Boolean)
    .join(' ');
  const keyCond = def.key.map((k) => `t.${q(k)} = ${def.exprs[k]}`).join(' AND ');
  const valueCols = cols.filter((c) => !def.key.includes(c));
  const update = `
    WITH src AS (
      SELECT t.id AS tid, ${valueCols.map((c) => `${def.exprs[c]} AS ${q(c)}`).join(', ')}
      FROM ${from} JOIN ${def.table} t ON ${keyCond}
      WHERE NOT s.bad
    ), changed AS (
      SELECT src.* FROM src JOIN ${def.table} t ON t.id = src.tid
      WHERE (${valueCols.map((c) => `t.${q(c)}`).join(', ')}) IS DISTINCT FROM (${valueCols.map((c) => `src.${q(c)}`).join(', ')})
    ), saved AS (
      INSERT INTO import_changes (import_id, table_name, row_id, before)
      SELECT $1, '${def.table}', t.id, to_jsonb(t) FROM ${def.table} t JOIN changed ON changed.tid = t.id
    )
    UPDATE ${def.table} t SET ${valueCols.map((c) => `${q(c)} = changed.${q(c)}`).join(', ')}${def.touch ? `, ${def.touch}` : ''}
    FROM changed WHERE t.id = changed.tid`;
  const insert = `
    INSERT INTO ${def.table} (${cols.map(q).join(', ')}, import_id)
    SELECT ${cols.map((c) => def.exprs[c]).join(', ')}, $1
    FROM ${from}
    WHERE NOT s.bad AND NOT EXISTS (SELECT 1 FROM ${def.table} t WHERE ${keyCond})`;
  return { update, insert };
}

/** The foreign key columns the merge fills from its joins, with the table each join reads. */
function joinedReferences(def: SourceDef): Record<string, string> {
  const refs: Record<string, string> = {};
  if (def.customer) refs.customer_id = 'customers';
  if (def.product) refs.product_id = 'products';
  if (def.owner) refs.owner_id = 'users';
  return refs;
}

/** How the foreign keys of an import's new rows were checked. */
export type { ReferenceCheck };

/**
 * The INSERT of new rows with the foreign keys checked once for the whole set
 * instead of by two trigger calls per row (at 1M rows the RI triggers cost
 * about 6 s of backend CPU on top of 9 s for the insert itself).
 *
 * Every foreign key value of the insert comes from a join to the referenced
 * table inside the same statement, so it exists; what the per-row RI trigger
 * adds is a FOR KEY SHARE lock on the referenced row until commit, so nobody can
 * delete it meanwhile. We take exactly those locks set-wise (one statement per
 * referenced table), then run the insert with `session_replication_role =
 * replica` for that one statement, which skips triggers. The constraints stay
 * declared and keep guarding every other writer.
 *
 * Used only when it is provably equivalent and permitted: the role may set
 * session_replication_role (a superuser, or — PostgreSQL 15+ — a database
 * owner granted `SET ON PARAMETER session_replication_role` once by the DBA:
 * docs/adr/0009), and the target table has no foreign key other than those
 * filled from the joins and no trigger other than the RI ones. Otherwise the
 * plain insert runs with its triggers: same result, slower.
 */
export async function insertSetChecked(
  client: pg.PoolClient,
  def: SourceDef,
  insertSql: string,
  importId: string,
  trace: (what: string) => void,
): Promise<{ inserted: number; checkedBy: Exclude<ReferenceCheck, 'none'> }> {
  const refs = joinedReferences(def);
  const rowsOf: RowQuery = (sql, params) => client.query(sql, params).then((r) => r.rows);
  if (!(await maySkipRowTriggers(rowsOf, def.table, Object.entries(refs).map(([col, table]) => `${col}>${table}`)))) {
    return { inserted: (await client.query(insertSql, [importId])).rowCount ?? 0, checkedBy: 'row-triggers' };
  }
  const ext = (col: string) => `s.${q(col)}`;
  if (def.customer) await lockForKeyShare(rowsOf, 'c', `customers c WHERE EXISTS (SELECT 1 FROM stg s WHERE NOT s.bad AND ${ext('customer_external_id')} = c.external_id)`);
  if (def.product) await lockForKeyShare(rowsOf, 'p', `products p WHERE EXISTS (SELECT 1 FROM stg s WHERE NOT s.bad AND ${ext('product_external_id')} = p.external_id)`);
  if (def.owner) {
    await lockForKeyShare(rowsOf, 'u', `users u WHERE u.role = 'product_owner' AND EXISTS (SELECT 1 FROM stg s WHERE NOT s.bad AND lower(u.email) = lower(s.owner_email))`);
  }
  trace('references locked');
  const inserted = await withoutRowTriggers(rowsOf, async () => (await client.query(insertSql, [importId])).rowCount ?? 0);
  return { inserted, checkedBy: 'set' };
}

function issueJson(column: string, valueSql: string, code: string, reasonSql: string): string {
  return `jsonb_build_array(jsonb_build_object('column', '${column}', 'value', ${valueSql}, 'code', '${code}', 'reason', ${reasonSql}))`;
}

/**
 * A staged row as the file wrote it, for the quarantine of a row that failed a database-stage check (duplicate key,
 * unknown reference): its parsed values rendered back in the file's conventions (decimal comma, date format), so the
 * downloaded quarantine reads like the rows that failed parsing (kept verbatim) and imports again with the same
 * settings. Numbers lose only their thousands separators.
 */
function stagingRaw(fields: readonly { key: string; type: string }[], format: Partial<ImportFormat> | null | undefined): string {
  const pgDate: Record<string, string> = { 'YYYY-MM-DD': 'YYYY-MM-DD', 'DD.MM.YYYY': 'DD.MM.YYYY', 'MM/DD/YYYY': 'MM/DD/YYYY', 'DD/MM/YYYY': 'DD/MM/YYYY' };
  const dateFmt = pgDate[format?.dateFormat ?? 'YYYY-MM-DD'] ?? 'YYYY-MM-DD';
  const comma = format?.decimal === ',';
  const render = (f: { key: string; type: string }) => {
    const col = `s.${q(f.key)}`;
    if (f.type === 'date') return `to_char(${col}, '${dateFmt}')`;
    if ((f.type === 'money' || f.type === 'decimal') && comma) return `replace(${col}::text, '.', ',')`;
    return `to_jsonb(${col})`;
  };
  return `jsonb_build_object(${fields.map((f) => `'${f.key}', ${render(f)}`).join(', ')})`;
}

/**
 * Runs one queued import as a single transaction on one connection:
 * stream the file (decode → parse → validate) into a temporary staging table
 * with COPY, check keys and references in SQL, record problems and
 * quarantine, then merge (update changed rows keeping their before-image,
 * insert new ones). A dry run rolls the merge back to a savepoint and keeps
 * only the report. Progress and cancel go through a second connection.
 */
export async function runImport(ds: DataSource, audit: AuditService, importId: string, hooks: RunHooks = {}): Promise<void> {
  const [imp] = await sqlRows<ImportRow>(
    ds,
    `UPDATE imports SET status = 'running', started_at = now(), finished_at = NULL, error = NULL, bytes_read = 0, rows_in = 0, cancel_requested = false
     WHERE id = $1 AND status = 'queued'
     RETURNING id::text, source, status, mode, dry_run, file_path, file_size, format, mapping, created_by`,
    [importId],
  );
  if (!imp) return; // cancelled before it started, or already handled
  const def = SOURCES[imp.source];
  const qr = ds.createQueryRunner();
  await qr.connect();
  const client = (qr as unknown as { databaseConnection: pg.PoolClient }).databaseConnection;
  const abort = new AbortController();
  let bytesRead = 0;
  let rowsIn = 0;
  let phase = 'running';
  let ticking = true;
  const tick = async () => {
    if (!ticking) return;
    hooks.onProgress?.(bytesRead, rowsIn);
    const [row] = await sqlRows<{ cancel_requested: boolean }>(
      ds,
      `UPDATE imports SET bytes_read = $2, rows_in = $3, status = $4 WHERE id = $1 AND status IN ('running','merging') RETURNING cancel_requested`,
      [importId, bytesRead, rowsIn, phase],
    ).catch(() => [undefined]);
    if (row?.cancel_requested && !abort.signal.aborted) abort.abort(new ImportCancelled());
  };
  const timer = setInterval(() => void tick(), PROGRESS_MS);
  const t0 = Date.now();
  const trace = (what: string) => {
    if (process.env.CXS_IMPORT_TRACE) process.stderr.write(`import ${importId}: ${what} at ${Date.now() - t0} ms\n`);
  };
  const checkCancel = () => {
    if (abort.signal.aborted) throw abort.signal.reason;
  };
  try {
    if (!imp.file_path) throw new Error('The uploaded file is no longer available; upload it again.');
    await qr.startTransaction();
    await client.query(`SET LOCAL work_mem = '64MB'`);
    await client.query(`DELETE FROM import_problems WHERE import_id = $1`, [importId]);
    await client.query(`DELETE FROM import_quarantine WHERE import_id = $1`, [importId]);
    await client.query(
      `CREATE TEMP TABLE stg (row_no integer NOT NULL, bad boolean NOT NULL, issues jsonb, raw jsonb, ${def.fields
        .map((f) => `${q(f.key)} ${f.sql}`)
        .join(', ')}) ON COMMIT DROP`,
    );

    // ── 1. stream the file into staging (parsed in a worker thread, COPY with backpressure) ──
    let summary: ParseSummary | null = null;
    const input = { filePath: imp.file_path, source: imp.source, mapping: imp.mapping, format: imp.format, today: new Date().toISOString().slice(0, 10) };
    // Fault-injection seam for the SIGKILL tests: a pause per parsed chunk keeps the
    // streaming phase long enough to be caught at ≥ 50 % on any machine. Unset in production.
    const throttleMs = Number(process.env.CXS_IMPORT_TEST_THROTTLE_MS ?? 0);
    async function* copyInput(): AsyncGenerator<Buffer | string> {
      for await (const ev of parseChunks(input, abort.signal)) {
        if (ev.kind === 'chunk') {
          if (throttleMs > 0) await new Promise((r) => setTimeout(r, throttleMs));
          bytesRead = ev.bytesRead;
          rowsIn = ev.rowsIn;
          yield typeof ev.data === 'string' ? ev.data : Buffer.from(ev.data.buffer, ev.data.byteOffset, ev.data.byteLength);
        } else summary = ev;
      }
    }
    const copy = client.query(copyStreams.from(`COPY stg (${stagingColumns(imp.source).map(q).join(', ')}) FROM STDIN WITH (FORMAT csv)`));
    await pipeline(Readable.from(copyInput()), copy, { signal: abort.signal });
    const { headers, notes, badRows } = summary as unknown as ParseSummary;
    // Rows with problems: the parser's, plus those the SQL checks below mark (counted from their row counts, not by a scan).
    let bad = badRows;
    rowsIn = (summary as unknown as ParseSummary).rowsIn;
    bytesRead = (summary as unknown as ParseSummary).bytesRead;
    trace('staged');
    // Statistics on the staging table let the planner hash-join a big file instead of looping over it.
    await client.query('ANALYZE stg');
    checkCancel();
    phase = 'merging';
    await tick();
    checkCancel();

    // ── 2. checks only SQL can make: references and keys repeated in the file ──
    const markBad = async (where: string, issue: string, params: unknown[] = []) => {
      bad += (await client.query(`UPDATE stg s SET bad = true, issues = ${issue}, raw = ${stagingRaw(def.fields, imp.format)} WHERE NOT s.bad AND ${where}`, params)).rowCount ?? 0;
    };
    if (def.customer === 'required' || def.customer === 'optional') {
      await markBad(
        `s.customer_external_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.external_id = s.customer_external_id)`,
        issueJson(def.fields.find((f) => f.key === 'customer_external_id')!.key, 's.customer_external_id', 'UNKNOWN_CUSTOMER', `'no customer with this external id'`),
      );
    }
    if (def.product) {
      await markBad(
        `s.product_external_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM products p WHERE p.external_id = s.product_external_id)`,
        issueJson('product_external_id', 's.product_external_id', 'UNKNOWN_PRODUCT', `'no product with this external id'`),
      );
    }
    if (def.owner) {
      await markBad(
        `s.owner_email IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE lower(u.email) = lower(s.owner_email) AND u.role = 'product_owner')`,
        issueJson('owner_email', 's.owner_email', 'UNKNOWN_OWNER', `'no product owner with this email'`),
      );
    }
    const keyList = def.stagingKey.map((k) => `s.${q(k)}`).join(', ');
    const keyText = def.stagingKey.length === 1 ? `s.${q(def.stagingKey[0])}::text` : `concat_ws(' / ', ${keyList})`;
    bad += (await client.query(`
      WITH d AS (
        SELECT row_no, first_value(row_no) OVER w AS first_row, row_number() OVER w AS rn
        FROM stg s WHERE NOT bad WINDOW w AS (PARTITION BY ${keyList} ORDER BY row_no)
      )
      UPDATE stg s SET bad = true, raw = ${stagingRaw(def.fields, imp.format)},
        issues = ${issueJson(def.stagingKey.join(' + '), keyText, 'DUPLICATE_KEY', `'same key as row ' || d.first_row || ' (the first one is kept)'`)}
      FROM d WHERE d.row_no = s.row_no AND d.rn > 1`)).rowCount ?? 0;
    checkCancel();
    // Map issue columns back to the file's headers, where the field is mapped.
    const headerOf = (key: string) => imp.mapping[key] ?? key;
    await client.query(
      `INSERT INTO import_problems (import_id, row_number, column_name, value, code, reason, severity)
       SELECT $1, s.row_no, COALESCE($2::jsonb ->> (i ->> 'column'), i ->> 'column'), i ->> 'value', i ->> 'code', i ->> 'reason', 'error'
       FROM stg s CROSS JOIN LATERAL jsonb_array_elements(s.issues) i WHERE s.bad`,
      [importId, JSON.stringify(Object.fromEntries(def.fields.map((f) => [f.key, headerOf(f.key)])))],
    );
    const insertNotes = async (list: Note[]) => {
      if (!list.length) return;
      await client.query(
        `INSERT INTO import_problems (import_id, row_number, column_name, value, code, reason, severity)
         SELECT $1, x.row, x.col, x.val, x.code, x.reason, 'warning'
         FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[]) AS x(row, col, val, code, reason)`,
        [importId, list.map((n) => n.row), list.map((n) => n.issue.column), list.map((n) => n.issue.value), list.map((n) => n.issue.code), list.map((n) => n.issue.reason)],
      );
    };
    await insertNotes(notes);
    trace('checked');
    const valid = rowsIn - bad;

    const counts = { rowsIn, rowsImported: 0, rowsQuarantined: 0, rowsRejected: 0, rowsInserted: 0, rowsUpdated: 0, rowsUnchanged: 0, placeholdersCreated: 0 };
    let status: string;
    let error: string | null = null;
    if (imp.mode === 'reject_file' && bad > 0) {
      counts.rowsRejected = rowsIn;
      status = imp.dry_run ? 'validated' : 'failed';
      error = `Rejected: ${bad} of ${rowsIn} rows have errors, so nothing was imported (mode: reject the whole file).`;
    } else {
      counts.rowsQuarantined = bad;
      counts.rowsImported = valid;
      if (!imp.dry_run && bad > 0) {
        await client.query(`INSERT INTO import_quarantine (import_id, row_number, data) SELECT $1, row_no, raw FROM stg WHERE bad ORDER BY row_no`, [importId]);
      }
      // Customers billed but absent from the CRM, found in one pass: a warning per customer on the first row
      // naming it (kept even by a dry run), then the placeholder. Set-based: there may be a million of them.
      if (def.customer === 'placeholder') {
        await client.query(
          `CREATE TEMP TABLE stg_missing ON COMMIT DROP AS
           SELECT s.customer_external_id AS ext, min(s.row_no) AS row FROM stg s
           WHERE NOT s.bad AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.external_id = s.customer_external_id)
           GROUP BY 1`,
        );
        await client.query(
          `INSERT INTO import_problems (import_id, row_number, column_name, value, code, reason, severity)
           SELECT $1, m.row, $2, m.ext, 'NOT_IN_CRM', 'customer is not in the CRM: created as a placeholder flagged "not in CRM"', 'warning'
           FROM stg_missing m ORDER BY m.row`,
          [importId, headerOf('customer_external_id')],
        );
      }
      await client.query('SAVEPOINT merge');
      if (def.customer === 'placeholder') {
        const r = await client.query(
          `INSERT INTO customers (external_id, name, not_in_crm, import_id)
           SELECT m.ext, m.ext, true, $1::bigint FROM stg_missing m ORDER BY m.row`,
          [importId],
        );
        counts.placeholdersCreated = r.rowCount ?? 0;
      }
      const sql = mergeSql(def);
      trace('placeholders');
      counts.rowsUpdated = (await client.query(sql.update, [importId])).rowCount ?? 0;
      trace('updated');
      checkCancel();
      const ins = await insertSetChecked(client, def, sql.insert, importId, trace);
      counts.rowsInserted = ins.inserted;

      counts.rowsUnchanged = valid - counts.rowsInserted - counts.rowsUpdated;
      trace(`inserted (references checked by ${ins.checkedBy})`);
      checkCancel();
      if (!imp.dry_run) await hooks.afterMerge?.(qr.manager, imp.source, importId);
      trace('after-merge hooks (P&L rollups)');
      if (imp.dry_run) await client.query('ROLLBACK TO SAVEPOINT merge');
      status = imp.dry_run ? 'validated' : 'succeeded';
    }
    const problems = (
      await client.query<{ errors: number; warnings: number }>(
        `SELECT count(*) FILTER (WHERE severity = 'error')::int AS errors, count(*) FILTER (WHERE severity = 'warning')::int AS warnings FROM import_problems WHERE import_id = $1`,
        [importId],
      )
    ).rows[0];
    ticking = false;
    clearInterval(timer);
    checkCancel();
    const final = { ...counts, status, errorCount: problems.errors, warningCount: problems.warnings, error };
    await client.query(
      `UPDATE imports SET status = $2, error = $3, bytes_read = file_size, rows_in = $4, rows_imported = $5, rows_quarantined = $6, rows_rejected = $7,
         rows_inserted = $8, rows_updated = $9, rows_unchanged = $10, placeholders_created = $11, error_count = $12, warning_count = $13, finished_at = now(),
         headers = $14, file_path = CASE WHEN $15::boolean THEN NULL ELSE file_path END
       WHERE id = $1`,
      [importId, status, error, rowsIn, counts.rowsImported, counts.rowsQuarantined, counts.rowsRejected, counts.rowsInserted, counts.rowsUpdated, counts.rowsUnchanged,
        counts.placeholdersCreated, problems.errors, problems.warnings, JSON.stringify(headers), status === 'succeeded'],
    );
    if (!imp.dry_run) {
      await audit.record(qr.manager, { actorId: imp.created_by, action: 'import.run', subjectType: 'Import', subjectId: importId, after: { source: imp.source, mode: imp.mode, ...final } });
    }
    await qr.commitTransaction();
    trace('committed');
    if (status === 'succeeded') {
      // The rows are in (and undo works from import_changes): the upload is no longer needed and may hold personal data.
      await rm(imp.file_path!, { force: true }).catch(() => undefined);
    }
  } catch (err) {
    ticking = false;
    clearInterval(timer);
    if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
    const e = abort.signal.aborted ? (abort.signal.reason as Error) : (err as Error);
    const cancelled = e instanceof ImportCancelled;
    const message = e instanceof FileRejected || cancelled ? e.message : `The import failed and nothing was kept: ${e.message}`;
    await ds.query(`UPDATE imports SET status = $2, error = $3, finished_at = now() WHERE id = $1`, [importId, cancelled ? 'cancelled' : 'failed', message]);
    if (e instanceof FileRejected) {
      for (const i of e.issues) {
        await ds.query(`INSERT INTO import_problems (import_id, row_number, column_name, value, code, reason, severity) VALUES ($1, 1, $2, $3, $4, $5, 'error')`, [
          importId,
          i.column,
          i.value,
          i.code,
          i.reason,
        ]);
      }
      await ds.query(`UPDATE imports SET error_count = $2 WHERE id = $1`, [importId, e.issues.length]);
    }
  } finally {
    clearInterval(timer);
    await qr.release();
  }
}
