import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { open, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ForbiddenError } from '@casl/ability';
import { subject, type AppAbility } from '@cxs/authz';
import type { ImportDetected, ImportDto, ImportQuarantineRowDto, ImportFormat, ImportMapping, ImportPresetDto, ImportProblemDto, ImportSource } from '@cxs/contracts';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { localise, type Lang } from '../../common/messages.js';
import { ApiException, notFound } from '../../common/api-exception.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { AuditService } from '../audit/audit.service.js';
import { afterImportUndone } from './after-import.js';
import { inspectSample, SAMPLE_BYTES } from './format.js';
import { ImportQueueService } from './import-queue.service.js';
import type { CreateImportPresetDto, JsonImportDto, UpdateImportDto } from './import.dto.js';
import { guessMapping, SOURCES, sourceDto } from './sources.js';

/** Largest file accepted by one upload. */
export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

export interface Actor {
  userId: string | null;
  apiTokenId: string | null;
}

const SELECT = `
  SELECT i.*, i.id::text AS id, u.name AS creator_name, tk.name AS token_name,
    EXTRACT(EPOCH FROM (COALESCE(i.finished_at, now()) - i.started_at)) AS elapsed
  FROM imports i LEFT JOIN users u ON u.id = i.created_by LEFT JOIN api_tokens tk ON tk.id = i.api_token_id`;

type Row = Record<string, any>;

function iso(d: unknown): string | null {
  return d ? new Date(d as string).toISOString() : null;
}

export function toImportDto(r: Row): ImportDto {
  const size = Number(r.file_size);
  const read = Number(r.bytes_read);
  const elapsed = r.elapsed === null || r.elapsed === undefined ? null : Number(r.elapsed);
  return {
    id: r.id,
    source: r.source,
    status: r.status,
    mode: r.mode,
    dryRun: r.dry_run,
    fileName: r.file_name,
    fileSize: size,
    format: r.format,
    detected: r.detected,
    mapping: r.mapping,
    headers: r.headers,
    preview: r.preview,
    bytesRead: read,
    progress: size > 0 ? Math.min(100, Math.round((read / size) * 1000) / 10) : r.finished_at ? 100 : 0,
    rowsPerSecond: elapsed && elapsed > 0 && r.rows_in > 0 ? Math.round(r.rows_in / elapsed) : null,
    rowsIn: r.rows_in,
    rowsImported: r.rows_imported,
    rowsQuarantined: r.rows_quarantined,
    rowsRejected: r.rows_rejected,
    rowsInserted: r.rows_inserted,
    rowsUpdated: r.rows_updated,
    rowsUnchanged: r.rows_unchanged,
    placeholdersCreated: r.placeholders_created,
    errorCount: r.error_count,
    warningCount: r.warning_count,
    error: r.error,
    createdBy: r.created_by ? { id: r.created_by, name: r.creator_name } : null,
    apiTokenName: r.token_name ?? null,
    createdAt: iso(r.created_at)!,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
    undoneAt: iso(r.undone_at),
    canUndo: r.status === 'succeeded' && !r.dry_run,
  };
}

/** Spreadsheets run cells that start with = + - @ (and tab/CR) as formulas: prefix them so an export is inert. */
export function safeCsvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

const DOMAIN_TABLES_CHILD_FIRST = ['transactions', 'deals', 'usage_records', 'survey_answers', 'interviews', 'customers', 'products'];

@Injectable()
export class ImportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly queue: ImportQueueService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  sources() {
    return { items: Object.values(SOURCES).map(sourceDto) };
  }

  private uploadDir(): string {
    const dir = path.join(this.config.dataDir, 'imports');
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  async list(source?: ImportSource): Promise<ImportDto[]> {
    const rows = await this.db.query(`${SELECT} ${source ? 'WHERE i.source = $1' : ''} ORDER BY i.id DESC LIMIT 200`, source ? [source] : []);
    return rows.map(toImportDto);
  }

  private async load(id: string): Promise<Row> {
    const [row] = await this.db.query(`${SELECT} WHERE i.id = $1`, [id]);
    if (!row) throw notFound('Import');
    return row;
  }

  async get(ability: AppAbility, id: string): Promise<ImportDto> {
    const row = await this.load(id);
    ForbiddenError.from(ability).throwUnlessCan('read', subject('Import', { createdBy: row.created_by }));
    return toImportDto(row);
  }

  /** Streams the request body to disk (never whole in memory), then inspects its first megabyte. */
  async uploadStream(body: Readable, query: { source: ImportSource; fileName?: string; preset?: string; mode?: 'reject_file' | 'quarantine'; start?: string }, actor: Actor): Promise<ImportDto> {
    const file = path.join(this.uploadDir(), `${randomUUID()}.upload`);
    let size = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _e, cb) {
        size += chunk.length;
        if (size > MAX_UPLOAD_BYTES) return cb(new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, 'FILE_TOO_LARGE', `Files up to ${MAX_UPLOAD_BYTES / 1024 ** 3} GiB can be imported`));
        cb(null, chunk);
      },
    });
    try {
      await pipeline(body, limit, createWriteStream(file));
    } catch (err) {
      await rm(file, { force: true });
      throw err;
    }
    if (size === 0) {
      await rm(file, { force: true });
      throw new ApiException(HttpStatus.BAD_REQUEST, 'EMPTY_FILE', 'The file is empty');
    }
    return this.createFromFile(file, size, query.fileName ?? `${query.source}.csv`, query, actor);
  }

  /** JSON rows become a canonical CSV (ISO dates, dot decimals, field names as headers) and follow the same path. */
  async uploadJson(dto: JsonImportDto, query: { source: ImportSource; mode?: 'reject_file' | 'quarantine' }, actor: Actor): Promise<ImportDto> {
    const def = SOURCES[query.source];
    const keys = def.fields.map((f) => f.key);
    const unknown = new Set<string>();
    for (const r of dto.rows) for (const k of Object.keys(r)) if (!keys.includes(k)) unknown.add(k);
    const headers = [...keys, ...unknown];
    const cell = (v: unknown) => {
      if (v === null || v === undefined) return '';
      const s = Array.isArray(v) && v.every((x) => typeof x === 'string') ? v.join('|') : typeof v === 'object' ? JSON.stringify(v) : String(v);
      return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const lines = [headers.join(','), ...dto.rows.map((r) => headers.map((h) => cell(r[h])).join(','))];
    const file = path.join(this.uploadDir(), `${randomUUID()}.upload`);
    const text = lines.join('\n') + '\n';
    await writeFile(file, text);
    return this.createFromFile(file, Buffer.byteLength(text), `${query.source}.json`, { ...query, start: 'true', json: true }, actor);
  }

  private async createFromFile(
    file: string,
    size: number,
    fileName: string,
    query: { source: ImportSource; preset?: string; mode?: 'reject_file' | 'quarantine'; start?: string; json?: boolean },
    actor: Actor,
  ): Promise<ImportDto> {
    const fh = await open(file, 'r');
    const sample = Buffer.alloc(Math.min(size, SAMPLE_BYTES));
    try {
      await fh.read(sample, 0, sample.length, 0);
    } finally {
      await fh.close();
    }
    const info = inspectSample(sample, size <= SAMPLE_BYTES);
    const def = SOURCES[query.source];
    let mapping: ImportMapping = query.json ? Object.fromEntries(def.fields.map((f) => [f.key, f.key])) : guessMapping(def, info.headers);
    let format: ImportFormat = {
      delimiter: info.detected.delimiter,
      encoding: info.detected.encoding,
      decimal: info.detected.decimal,
      thousands: info.detected.thousands,
      dateFormat: info.detected.dateFormat,
    };
    if (query.json) format = { delimiter: ',', encoding: 'utf-8', decimal: '.', thousands: '', dateFormat: 'YYYY-MM-DD' };
    if (query.preset) {
      const [preset] = await this.db.query(`SELECT source, mapping, format FROM import_presets WHERE id = $1`, [query.preset]);
      if (!preset || preset.source !== query.source) throw notFound('Preset');
      mapping = preset.mapping;
      format = { ...format, ...preset.format };
    }
    const start = query.start === 'true';
    const id = await this.db.transaction(async (m) => {
      const [row] = await m.query(
        `INSERT INTO imports (source, status, mode, file_name, file_path, file_size, format, detected, mapping, headers, preview, created_by, api_token_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id::text AS id`,
        [
          query.source,
          start ? 'queued' : 'draft',
          query.mode ?? 'quarantine',
          fileName.slice(0, 300),
          file,
          size,
          JSON.stringify(format),
          JSON.stringify(info.detected satisfies ImportDetected),
          JSON.stringify(mapping),
          JSON.stringify(info.headers),
          JSON.stringify(info.preview),
          actor.userId,
          actor.apiTokenId,
        ],
      );
      await this.audit.record(m, {
        actorId: actor.userId,
        action: 'import.upload',
        subjectType: 'Import',
        subjectId: row.id,
        after: { source: query.source, fileName, size, apiTokenId: actor.apiTokenId },
      });
      return row.id as string;
    });
    if (start) await this.queue.enqueue(id);
    return toImportDto(await this.load(id));
  }

  private async lockForChange(ability: AppAbility, id: string, action: 'update' | 'delete', allowed: string[]): Promise<Row> {
    const row = await this.load(id);
    ForbiddenError.from(ability).throwUnlessCan(action, subject('Import', { createdBy: row.created_by }));
    if (!allowed.includes(row.status)) {
      throw new ApiException(HttpStatus.CONFLICT, 'IMPORT_STATE', `This import is ${row.status}; that is possible only when it is ${allowed.join(' or ')}`);
    }
    return row;
  }

  async update(ability: AppAbility, id: string, dto: UpdateImportDto, actorId: string): Promise<ImportDto> {
    const row = await this.lockForChange(ability, id, 'update', ['draft', 'validated', 'failed']);
    if (!row.file_path) throw new ApiException(HttpStatus.CONFLICT, 'FILE_GONE', 'The uploaded file is no longer available; upload it again');
    const def = SOURCES[row.source as ImportSource];
    if (dto.mapping) {
      const fields = new Set(def.fields.map((f) => f.key));
      const bad = Object.keys(dto.mapping).filter((k) => !fields.has(k) || typeof dto.mapping![k] !== 'string');
      if (bad.length) {
        throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', `Unknown fields in mapping: ${bad.join(', ')}`, bad.map((b) => ({ field: `mapping.${b}`, message: 'not a field of this source' })));
      }
    }
    const mapping = dto.mapping ? Object.fromEntries(Object.entries(dto.mapping).filter(([, h]) => h)) : row.mapping;
    const format = { ...row.format, ...(dto.format ?? {}) };
    return this.db.transaction(async (m) => {
      await m.query(`UPDATE imports SET mapping = $2, format = $3, mode = $4, status = 'draft', error = NULL WHERE id = $1`, [
        id,
        JSON.stringify(mapping),
        JSON.stringify(format),
        dto.mode ?? row.mode,
      ]);
      await this.audit.record(m, { actorId, action: 'import.update', subjectType: 'Import', subjectId: id, before: { mapping: row.mapping, format: row.format, mode: row.mode }, after: { mapping, format, mode: dto.mode ?? row.mode } });
      const [after] = await m.query(`${SELECT} WHERE i.id = $1`, [id]);
      return toImportDto(after);
    });
  }

  /** Queue a run: a dry run checks everything and rolls back; a real run imports. */
  async queueRun(ability: AppAbility, id: string, dryRun: boolean, mode: string | undefined, actorId: string): Promise<ImportDto> {
    const row = await this.lockForChange(ability, id, 'update', ['draft', 'validated', 'failed']);
    if (!row.file_path) throw new ApiException(HttpStatus.CONFLICT, 'FILE_GONE', 'The uploaded file is no longer available; upload it again');
    await this.db.transaction(async (m) => {
      await m.query(
        `UPDATE imports SET status = 'queued', dry_run = $2, mode = $3, error = NULL, bytes_read = 0, rows_in = 0, started_at = NULL, finished_at = NULL, cancel_requested = false WHERE id = $1`,
        [id, dryRun, mode ?? row.mode],
      );
      await this.audit.record(m, { actorId, action: dryRun ? 'import.validate' : 'import.start', subjectType: 'Import', subjectId: id, after: { mode: mode ?? row.mode } });
    });
    await this.queue.enqueue(id);
    return toImportDto(await this.load(id));
  }

  async cancel(ability: AppAbility, id: string, actorId: string): Promise<ImportDto> {
    const row = await this.lockForChange(ability, id, 'update', ['queued', 'running', 'merging']);
    await this.db.transaction(async (m) => {
      if (row.status === 'queued') {
        await m.query(`UPDATE imports SET status = 'cancelled', error = 'Cancelled before it started; nothing was imported.', finished_at = now() WHERE id = $1 AND status = 'queued'`, [id]);
      }
      // A running job sees the flag at its next progress tick and rolls back.
      await m.query(`UPDATE imports SET cancel_requested = true WHERE id = $1`, [id]);
      await this.audit.record(m, { actorId, action: 'import.cancel', subjectType: 'Import', subjectId: id });
    });
    return toImportDto(await this.load(id));
  }

  async problems(ability: AppAbility, id: string, offset = 0, limit = 100): Promise<{ items: ImportProblemDto[]; total: number }> {
    await this.get(ability, id);
    const items = await this.db.query(
      `SELECT row_number AS row, column_name AS column, value, code, reason, severity FROM import_problems WHERE import_id = $1 ORDER BY row_number, id OFFSET $2 LIMIT $3`,
      [id, offset, Math.min(limit, 1000)],
    );
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM import_problems WHERE import_id = $1`, [id]);
    return { items, total };
  }

  /** The report as CSV: file, row, column, value, reason in `lang` (cells made inert for spreadsheets). */
  async *reportCsv(ability: AppAbility, id: string, lang: Lang = 'en'): AsyncGenerator<string> {
    const imp = await this.get(ability, id);
    yield '\ufefffile,row,column,value,severity,code,reason\n';
    let after = 0;
    for (;;) {
      const rows = await this.db.query(
        `SELECT id::bigint AS id, row_number, column_name, value, severity, code, reason FROM import_problems WHERE import_id = $1 AND id > $2 ORDER BY id LIMIT 5000`,
        [id, after],
      );
      if (!rows.length) break;
      after = Number(rows[rows.length - 1].id);
      yield rows.map((r: Row) => [imp.fileName, r.row_number, r.column_name, r.value, r.severity, r.code, localise(r.reason, lang)].map(safeCsvCell).join(',')).join('\n') + '\n';
    }
  }

  /** A page of quarantined rows with the problems of each (errors and warnings of the same row). */
  async quarantineRows(ability: AppAbility, id: string, offset = 0, limit = 100): Promise<{ items: ImportQuarantineRowDto[]; total: number }> {
    const imp = await this.get(ability, id);
    const def = SOURCES[imp.source];
    // A row is resolved once a later import that still stands brought in (or updated) the row with its external id.
    const resolvedBy = def.key.length === 1 && def.key[0] === 'external_id'
      ? `(SELECT max(x.i)::text FROM (
           SELECT t.import_id AS i FROM ${def.table} t WHERE t.external_id = q.data ->> 'external_id' AND t.import_id > q.import_id
           UNION ALL
           SELECT ch.import_id FROM import_changes ch JOIN ${def.table} t ON t.id = ch.row_id
           WHERE ch.table_name = '${def.table}' AND t.external_id = q.data ->> 'external_id' AND ch.import_id > q.import_id) x
         JOIN imports later ON later.id = x.i AND later.status = 'succeeded')`
      : 'NULL::text';
    const items = await this.db.query(
      `SELECT q.row_number AS row, q.data,
         COALESCE((SELECT json_agg(json_build_object('column', p.column_name, 'code', p.code, 'reason', p.reason, 'severity', p.severity) ORDER BY p.id)
                   FROM import_problems p WHERE p.import_id = q.import_id AND p.row_number = q.row_number), '[]'::json) AS problems,
         ${resolvedBy} AS "resolvedBy"
       FROM import_quarantine q WHERE q.import_id = $1 ORDER BY q.row_number, q.id OFFSET $2 LIMIT $3`,
      [id, offset, Math.min(limit, 1000)],
    );
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM import_quarantine WHERE import_id = $1`, [id]);
    return { items, total };
  }

  /** Quarantined rows with field names as headers: fix them and import the file again. */
  async *quarantineCsv(ability: AppAbility, id: string): AsyncGenerator<string> {
    const imp = await this.get(ability, id);
    const keys = SOURCES[imp.source].fields.map((f) => f.key);
    yield '\ufeff' + ['row', ...keys].join(',') + '\n';
    let after = 0;
    for (;;) {
      const rows = await this.db.query(`SELECT id::bigint AS id, row_number, data FROM import_quarantine WHERE import_id = $1 AND id > $2 ORDER BY id LIMIT 5000`, [id, after]);
      if (!rows.length) break;
      after = Number(rows[rows.length - 1].id);
      yield rows.map((r: Row) => [r.row_number, ...keys.map((k) => r.data[k])].map(safeCsvCell).join(',')).join('\n') + '\n';
    }
  }

  /**
   * Undo: restore the rows it updated, delete the rows it inserted — only if
   * no newer import changed those rows and no row from elsewhere refers to a
   * customer or product it created (that data would be lost or orphaned).
   */
  async undo(ability: AppAbility, id: string, actorId: string): Promise<ImportDto> {
    const row = await this.lockForChange(ability, id, 'delete', ['succeeded']);
    return this.db.transaction(async (m) => {
      await m.query(`SELECT 1 FROM imports WHERE id = $1 FOR UPDATE`, [id]);
      const touched = DOMAIN_TABLES_CHILD_FIRST.map(
        (t) => `SELECT '${t}'::text AS table_name, id AS row_id FROM ${t} WHERE import_id = $1`,
      ).join(' UNION ALL ');
      const [newer] = await m.query(
        `WITH mine AS (${touched} UNION ALL SELECT table_name, row_id FROM import_changes WHERE import_id = $1)
         SELECT i2.id::text AS id FROM import_changes c2 JOIN imports i2 ON i2.id = c2.import_id
         JOIN mine ON mine.table_name = c2.table_name AND mine.row_id = c2.row_id
         WHERE i2.id > $1 AND i2.status = 'succeeded' LIMIT 1`,
        [id],
      );
      if (newer) {
        throw new ApiException(HttpStatus.CONFLICT, 'IMPORT_HAS_DEPENDANTS', `Import #${newer.id} changed rows this import brought in; undo that one first`);
      }
      const [dependant] = await m.query(
        `SELECT 'customer' AS kind FROM customers c WHERE c.import_id = $1 AND (
            EXISTS (SELECT 1 FROM transactions x WHERE x.customer_id = c.id AND x.import_id IS DISTINCT FROM $1)
         OR EXISTS (SELECT 1 FROM deals x WHERE x.customer_id = c.id AND x.import_id IS DISTINCT FROM $1)
         OR EXISTS (SELECT 1 FROM usage_records x WHERE x.customer_id = c.id AND x.import_id IS DISTINCT FROM $1)
         OR EXISTS (SELECT 1 FROM survey_answers x WHERE x.customer_id = c.id AND x.import_id IS DISTINCT FROM $1)
         OR EXISTS (SELECT 1 FROM interviews x WHERE x.customer_id = c.id AND x.import_id IS DISTINCT FROM $1)
         OR EXISTS (SELECT 1 FROM segment_memberships x WHERE x.customer_id = c.id))
         UNION ALL
         SELECT 'product' FROM products p WHERE p.import_id = $1 AND (
            EXISTS (SELECT 1 FROM transactions x WHERE x.product_id = p.id AND x.import_id IS DISTINCT FROM $1)
         OR EXISTS (SELECT 1 FROM deals x WHERE x.product_id = p.id AND x.import_id IS DISTINCT FROM $1))
         LIMIT 1`,
        [id],
      );
      if (dependant) {
        throw new ApiException(HttpStatus.CONFLICT, 'IMPORT_HAS_DEPENDANTS', `Other data now refers to a ${dependant.kind} this import created; undo or remove that data first`);
      }
      const restored: Record<string, number> = {};
      for (const table of DOMAIN_TABLES_CHILD_FIRST) {
        // Generated columns (transactions' cents) follow their sources and cannot be assigned.
        const cols = this.db
          .getMetadata(table)
          .columns.filter((c) => !c.generatedType)
          .map((c) => c.databaseName)
          .filter((c) => c !== 'id');
        const res = await m.query(
          `UPDATE ${table} t SET ${cols.map((c) => `"${c}" = r."${c}"`).join(', ')}
           FROM import_changes ch CROSS JOIN LATERAL jsonb_populate_record(NULL::${table}, ch.before) r
           WHERE ch.import_id = $1 AND ch.table_name = '${table}' AND t.id = ch.row_id`,
          [id],
        );
        restored[table] = res[1] ?? 0;
      }
      const removed: Record<string, number> = {};
      for (const table of DOMAIN_TABLES_CHILD_FIRST) {
        const res = await m.query(`DELETE FROM ${table} WHERE import_id = $1`, [id]);
        removed[table] = res[1] ?? 0;
      }
      await afterImportUndone(m, row.source as ImportSource);
      await m.query(`UPDATE imports SET status = 'undone', undone_at = now(), undone_by = $2 WHERE id = $1`, [id, actorId]);
      await this.audit.record(m, { actorId, action: 'import.undo', subjectType: 'Import', subjectId: id, before: { status: row.status }, after: { restored, removed } });
      const [after] = await m.query(`${SELECT} WHERE i.id = $1`, [id]);
      return toImportDto(after);
    });
  }

  // ─── presets ───

  async presets(source?: ImportSource): Promise<ImportPresetDto[]> {
    const rows = await this.db.query(
      `SELECT id::text AS id, source, name, mapping, format, created_at AS "createdAt" FROM import_presets ${source ? 'WHERE source = $1' : ''} ORDER BY source, name`,
      source ? [source] : [],
    );
    return rows.map((r: Row) => ({ ...r, createdAt: iso(r.createdAt) }));
  }

  async createPreset(dto: CreateImportPresetDto, actorId: string): Promise<ImportPresetDto> {
    const fields = new Set(SOURCES[dto.source].fields.map((f) => f.key));
    const bad = Object.entries(dto.mapping).filter(([k, v]) => !fields.has(k) || typeof v !== 'string');
    if (bad.length) throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', `Unknown fields in mapping: ${bad.map(([k]) => k).join(', ')}`);
    return this.db.transaction(async (m) => {
      const [dup] = await m.query(`SELECT 1 FROM import_presets WHERE source = $1 AND name = $2`, [dto.source, dto.name.trim()]);
      if (dup) throw new ApiException(HttpStatus.CONFLICT, 'PRESET_EXISTS', `A preset named "${dto.name.trim()}" already exists for ${dto.source}`);
      const [row] = await m.query(
        `INSERT INTO import_presets (source, name, mapping, format, created_by) VALUES ($1, $2, $3, $4, $5)
         RETURNING id::text AS id, source, name, mapping, format, created_at AS "createdAt"`,
        [dto.source, dto.name.trim(), JSON.stringify(dto.mapping), JSON.stringify(dto.format ?? {}), actorId],
      );
      await this.audit.record(m, { actorId, action: 'import_preset.create', subjectType: 'Import', subjectId: `preset:${row.id}`, after: row });
      return { ...row, createdAt: iso(row.createdAt) };
    });
  }

  async deletePreset(id: string, actorId: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const [row] = await m.query(`SELECT id::text AS id, source, name, mapping FROM import_presets WHERE id = $1`, [id]);
      if (!row) throw notFound('Preset');
      await m.query(`DELETE FROM import_presets WHERE id = $1`, [id]);
      await this.audit.record(m, { actorId, action: 'import_preset.delete', subjectType: 'Import', subjectId: `preset:${id}`, before: row });
    });
  }
}
