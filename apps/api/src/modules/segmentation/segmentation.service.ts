import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ForbiddenError } from '@casl/ability';
import { subject, type AppAbility } from '@cxs/authz';
import { compareRuns } from '@cxs/segmentation-engine';
import type {
  LabelDistributionDto,
  ModelDto,
  ModelSpec,
  ModelVersionDto,
  RulePreviewDto,
  RunComparisonDto,
  RunDto,
  RunMemberDto,
  RunResultsDto,
} from '@cxs/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { ApiException, notFound } from '../../common/api-exception.js';
import { AuditService } from '../audit/audit.service.js';
import { FeaturesService } from '../features/features.service.js';
import type { CreateModelDto, MembersQueryDto, UpdateModelDto } from './segmentation.dto.js';
import { specSeed, validateSpec } from './model-spec.js';
import { RunQueueService } from './run-queue.service.js';
import { levelsToSql, paramCollector, RuleError } from './rules.sql.js';

const MODEL_SELECT = `
  SELECT m.id::text AS id, m.name, m.description, m.kind, m.status, m.schedule, to_char(m.next_run_on, 'YYYY-MM-DD') AS "nextRunOn",
         v.version AS "latestVersion", v.id::text AS "latestVersionId", v.spec, m.created_at AS "createdAt", m.updated_at AS "updatedAt"
  FROM segmentation_models m
  JOIN LATERAL (SELECT id, version, spec FROM segmentation_model_versions WHERE model_id = m.id ORDER BY version DESC LIMIT 1) v ON TRUE`;

const RUN_SELECT = `
  SELECT r.id::text AS id, r.model_id::text AS "modelId", m.name AS "modelName", r.model_version_id::text AS "modelVersionId", v.version,
         r.kind, r.status, r.progress, r.error, r.trigger, to_char(r.as_of, 'YYYY-MM-DD') AS "asOf", r.lookback_months AS "lookbackMonths",
         r.seed, r.customer_count AS "customerCount", r.created_at AS "createdAt", r.started_at AS "startedAt", r.finished_at AS "finishedAt",
         u.name AS "requestedByName"
  FROM segmentation_runs r
  JOIN segmentation_models m ON m.id = r.model_id
  JOIN segmentation_model_versions v ON v.id = r.model_version_id
  LEFT JOIN users u ON u.id = r.requested_by`;

const iso = (d: string | Date | null) => (d === null ? null : new Date(d).toISOString());
const toModel = (r: ModelDto): ModelDto => ({ ...r, createdAt: iso(r.createdAt)!, updatedAt: iso(r.updatedAt)! });
const toRun = (r: RunDto): RunDto => ({ ...r, createdAt: iso(r.createdAt)!, startedAt: iso(r.startedAt), finishedAt: iso(r.finishedAt) });

const MEMBER_SORT: Record<string, string> = {
  name: 'c.name',
  label: 'rm.label',
  ltv: 'cf.ltv',
  monetary: 'cf.monetary',
  frequency: 'cf.frequency',
  recency: 'cf.recency_days',
};

@Injectable()
export class SegmentationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly queue: RunQueueService,
    private readonly features: FeaturesService,
  ) {}

  // ── models ──

  async listModels(): Promise<{ items: ModelDto[] }> {
    const rows = await this.db.query(`${MODEL_SELECT} ORDER BY m.status, m.name, m.id`);
    return { items: rows.map(toModel) };
  }

  async getModel(id: string, m: EntityManager = this.db.manager): Promise<ModelDto> {
    const [row] = await m.query(`${MODEL_SELECT} WHERE m.id = $1`, [id]);
    if (!row) throw notFound('Model');
    return toModel(row);
  }

  async versions(id: string): Promise<{ items: ModelVersionDto[] }> {
    await this.getModel(id);
    const rows = await this.db.query(
      `SELECT v.id::text AS id, v.version, v.spec, v.created_at AS "createdAt", u.name AS "createdByName"
       FROM segmentation_model_versions v LEFT JOIN users u ON u.id = v.created_by WHERE v.model_id = $1 ORDER BY v.version DESC`,
      [id],
    );
    return { items: rows.map((r: ModelVersionDto) => ({ ...r, createdAt: iso(r.createdAt)! })) };
  }

  async createModel(ability: AppAbility, dto: CreateModelDto, actorId: string): Promise<ModelDto> {
    ForbiddenError.from(ability).throwUnlessCan('create', subject('Model', {}));
    const spec = validateSpec(dto.kind, dto.spec);
    return this.db.transaction(async (m) => {
      const [row] = await m.query(
        `INSERT INTO segmentation_models (name, description, kind, created_by) VALUES ($1, $2, $3, $4) RETURNING id::text AS id`,
        [dto.name.trim(), dto.description ?? null, dto.kind, actorId],
      );
      await m.query(`INSERT INTO segmentation_model_versions (model_id, version, spec, created_by) VALUES ($1, 1, $2, $3)`, [row.id, JSON.stringify(spec), actorId]);
      const after = await this.getModel(row.id, m);
      await this.audit.record(m, { actorId, action: 'model.create', subjectType: 'Model', subjectId: row.id, after });
      return after;
    });
  }

  private async lockModel(m: EntityManager, ability: AppAbility, id: string, action: 'update' | 'archive') {
    const [row] = await m.query(`SELECT id::text AS id, kind, status, created_by AS "createdBy" FROM segmentation_models WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) throw notFound('Model');
    ForbiddenError.from(ability).throwUnlessCan(action, subject('Model', { createdBy: row.createdBy }));
    return row as { id: string; kind: string; status: string };
  }

  /** Saving never edits a version: it appends the next one. */
  async saveVersion(ability: AppAbility, id: string, rawSpec: unknown, actorId: string): Promise<ModelDto> {
    return this.db.transaction(async (m) => {
      const model = await this.lockModel(m, ability, id, 'update');
      if (model.status === 'archived') throw new ApiException(HttpStatus.CONFLICT, 'MODEL_ARCHIVED', 'An archived model cannot get new versions');
      const spec = validateSpec(model.kind, rawSpec);
      const before = await this.getModel(id, m);
      await m.query(
        `INSERT INTO segmentation_model_versions (model_id, version, spec, created_by)
         SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3 FROM segmentation_model_versions WHERE model_id = $1`,
        [id, JSON.stringify(spec), actorId],
      );
      await m.query(`UPDATE segmentation_models SET updated_at = now() WHERE id = $1`, [id]);
      const after = await this.getModel(id, m);
      await this.audit.record(m, { actorId, action: 'model.version', subjectType: 'Model', subjectId: id, before, after });
      return after;
    });
  }

  async updateModel(ability: AppAbility, id: string, dto: UpdateModelDto, actorId: string): Promise<ModelDto> {
    return this.db.transaction(async (m) => {
      await this.lockModel(m, ability, id, 'update');
      const before = await this.getModel(id, m);
      if (dto.name !== undefined) await m.query(`UPDATE segmentation_models SET name = $2 WHERE id = $1`, [id, dto.name.trim()]);
      if (dto.description !== undefined) await m.query(`UPDATE segmentation_models SET description = $2 WHERE id = $1`, [id, dto.description]);
      if (dto.schedule !== undefined) {
        // Monthly: next run on the 1st of next month, as of the last day of the month before.
        await m.query(
          `UPDATE segmentation_models SET schedule = $2, next_run_on = CASE WHEN $2::text IS NULL THEN NULL ELSE (date_trunc('month', CURRENT_DATE) + interval '1 month')::date END WHERE id = $1`,
          [id, dto.schedule],
        );
      }
      await m.query(`UPDATE segmentation_models SET updated_at = now() WHERE id = $1`, [id]);
      const after = await this.getModel(id, m);
      await this.audit.record(m, { actorId, action: 'model.update', subjectType: 'Model', subjectId: id, before, after });
      return after;
    });
  }

  async archiveModel(ability: AppAbility, id: string, actorId: string): Promise<ModelDto> {
    return this.db.transaction(async (m) => {
      await this.lockModel(m, ability, id, 'archive');
      const before = await this.getModel(id, m);
      await m.query(`UPDATE segmentation_models SET status = 'archived', schedule = NULL, next_run_on = NULL, updated_at = now() WHERE id = $1`, [id]);
      const after = await this.getModel(id, m);
      await this.audit.record(m, { actorId, action: 'model.archive', subjectType: 'Model', subjectId: id, before, after });
      return after;
    });
  }

  // ── runs ──

  async startRun(ability: AppAbility, modelId: string, versionId: string | undefined, actorId: string): Promise<RunDto> {
    ForbiddenError.from(ability).throwUnlessCan('create', subject('Run', {}));
    const run = await this.db.transaction(async (m) => {
      const [model] = await m.query(`SELECT id::text AS id, kind, status FROM segmentation_models WHERE id = $1 FOR SHARE`, [modelId]);
      if (!model) throw notFound('Model');
      if (model.status === 'archived') throw new ApiException(HttpStatus.CONFLICT, 'MODEL_ARCHIVED', 'This model is archived: an archived model cannot run');
      const [version] = versionId
        ? await m.query(`SELECT id::text AS id, spec FROM segmentation_model_versions WHERE id = $1 AND model_id = $2`, [versionId, modelId])
        : await m.query(`SELECT id::text AS id, spec FROM segmentation_model_versions WHERE model_id = $1 ORDER BY version DESC LIMIT 1`, [modelId]);
      if (!version) throw new ApiException(HttpStatus.NOT_FOUND, 'NOT_FOUND', `Model version ${versionId} not found for model ${modelId}`);
      const spec = version.spec as ModelSpec;
      const [row] = await m.query(
        `INSERT INTO segmentation_runs (model_id, model_version_id, kind, as_of, lookback_months, seed, requested_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::text AS id`,
        [modelId, version.id, model.kind, spec.asOf, spec.lookbackMonths, specSeed(spec), actorId],
      );
      const after = await this.getRun(row.id, m);
      await this.audit.record(m, { actorId, action: 'run.start', subjectType: 'Run', subjectId: row.id, after });
      return after;
    });
    await this.queue.enqueue(run.id);
    return run;
  }

  async rerun(ability: AppAbility, runId: string, actorId: string): Promise<RunDto> {
    const run = await this.getRun(runId);
    return this.startRun(ability, run.modelId, run.modelVersionId, actorId);
  }

  async listRuns(modelId?: string): Promise<{ items: RunDto[] }> {
    const rows = modelId ? await this.db.query(`${RUN_SELECT} WHERE r.model_id = $1 ORDER BY r.id DESC LIMIT 200`, [modelId]) : await this.db.query(`${RUN_SELECT} ORDER BY r.id DESC LIMIT 200`);
    return { items: rows.map(toRun) };
  }

  async getRun(id: string, m: EntityManager = this.db.manager): Promise<RunDto> {
    const [row] = await m.query(`${RUN_SELECT} WHERE r.id = $1`, [id]);
    if (!row) throw notFound('Run');
    return toRun(row);
  }

  async cancelRun(ability: AppAbility, id: string, actorId: string): Promise<RunDto> {
    const result = await this.db.transaction(async (m) => {
      const [row] = await m.query(`SELECT id, status FROM segmentation_runs WHERE id = $1 FOR UPDATE`, [id]);
      if (!row) throw notFound('Run');
      ForbiddenError.from(ability).throwUnlessCan('update', subject('Run', {}));
      if (!['queued', 'computing_features', 'clustering', 'saving'].includes(row.status)) {
        throw new ApiException(HttpStatus.CONFLICT, 'RUN_FINISHED', `The run has already ${row.status === 'succeeded' ? 'finished' : row.status}: nothing to cancel`);
      }
      const before = await this.getRun(id, m);
      await m.query(
        `UPDATE segmentation_runs SET cancel_requested = TRUE, status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,
           finished_at = CASE WHEN status = 'queued' THEN now() ELSE finished_at END WHERE id = $1`,
        [id],
      );
      const after = await this.getRun(id, m);
      await this.audit.record(m, { actorId, action: 'run.cancel', subjectType: 'Run', subjectId: id, before, after });
      return after;
    });
    if (this.queue.isRunning(id)) {
      await this.queue.stop(id);
      await this.db.query(`UPDATE segmentation_runs SET status = 'cancelled', finished_at = now() WHERE id = $1 AND status <> 'succeeded'`, [id]);
      return this.getRun(id);
    }
    return result;
  }

  async results(id: string): Promise<RunResultsDto> {
    const run = await this.getRun(id);
    if (run.status !== 'succeeded') {
      throw new ApiException(HttpStatus.CONFLICT, 'RUN_NOT_READY', run.status === 'failed' ? `The run failed: ${run.error}` : `The run is ${run.status.replace('_', ' ')}: results appear when it succeeds`);
    }
    const [row] = await this.db.query(`SELECT results FROM segmentation_runs WHERE id = $1`, [id]);
    return { run, ...row.results };
  }

  private memberWhere(id: string, q: MembersQueryDto) {
    const params: unknown[] = [id];
    const where = ['rm.run_id = $1'];
    if (q.label) {
      params.push(q.label);
      where.push(`rm.label = $${params.length}`);
    }
    if (q.q) {
      params.push(`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(c.name ILIKE $${params.length} OR c.external_id ILIKE $${params.length})`);
    }
    return { params, where: where.join(' AND ') };
  }

  async members(id: string, q: MembersQueryDto): Promise<{ items: RunMemberDto[]; total: number }> {
    const run = await this.getRun(id);
    const { params, where } = this.memberWhere(id, q);
    const base = `FROM segmentation_run_members rm JOIN customers c ON c.id = rm.customer_id
      LEFT JOIN customer_features cf ON cf.customer_id = rm.customer_id AND cf.as_of = '${run.asOf}'::date AND cf.lookback_months = ${Number(run.lookbackMonths)}
      WHERE ${where}`;
    const sort = MEMBER_SORT[q.sort ?? 'ltv'] ?? 'cf.ltv';
    const dir = q.dir === 'asc' ? 'ASC' : 'DESC';
    const [{ total }] = await this.db.query(`SELECT COUNT(*)::int AS total ${base}`, params);
    const items = await this.db.query(
      `SELECT rm.customer_id::text AS "customerId", c.name, c.industry, rm.label, cf.ltv::text AS ltv, cf.monetary::text AS monetary,
              cf.frequency, cf.recency_days AS "recencyDays"
       ${base} ORDER BY ${sort} ${dir} NULLS LAST, rm.customer_id LIMIT ${q.limit ?? 200} OFFSET ${q.offset ?? 0}`,
      params,
    );
    return { items, total };
  }

  async membersCsv(id: string, q: MembersQueryDto): Promise<string> {
    const run = await this.getRun(id);
    const { params, where } = this.memberWhere(id, q);
    const all = await this.db.query(
      `SELECT rm.customer_id::text AS id, c.external_id, c.name, c.industry, rm.label, cf.ltv::text AS ltv, cf.monetary::text AS monetary, cf.frequency, cf.recency_days
       FROM segmentation_run_members rm JOIN customers c ON c.id = rm.customer_id
       LEFT JOIN customer_features cf ON cf.customer_id = rm.customer_id AND cf.as_of = $${params.length + 1}::date AND cf.lookback_months = $${params.length + 2}
       WHERE ${where} ORDER BY rm.label, rm.customer_id`,
      [...params, run.asOf, run.lookbackMonths],
    );
    // Cells starting with = + - @ are prefixed with ' so a spreadsheet never runs them as formulas.
    const cell = (v: unknown) => {
      if (v === null || v === undefined) return '';
      let s = String(v);
      if (/^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s)) s = `'${s}`;
      return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const header = 'customer_id,external_id,name,industry,label,ltv,monetary,frequency,recency_days';
    return [header, ...all.map((r: Record<string, unknown>) => [r.id, r.external_id, r.name, r.industry, r.label, r.ltv, r.monetary, r.frequency, r.recency_days].map(cell).join(','))].join('\n') + '\n';
  }

  /** Migration between two runs over their common customers, with LTV (as of the later run) moved per cell. */
  async compare(aId: string, bId: string): Promise<RunComparisonDto> {
    const [a, b] = [await this.getRun(aId), await this.getRun(bId)];
    for (const r of [a, b]) if (r.status !== 'succeeded') throw new ApiException(HttpStatus.CONFLICT, 'RUN_NOT_READY', `Run ${r.id} has not succeeded: only finished runs can be compared`);
    const load = async (r: RunDto) => {
      const rows: { id: string; label: string; ltv: number | null }[] = await this.db.query(
        `SELECT rm.customer_id::text AS id, rm.label, cf.ltv::float8 AS ltv FROM segmentation_run_members rm
         LEFT JOIN customer_features cf ON cf.customer_id = rm.customer_id AND cf.as_of = $2 AND cf.lookback_months = $3
         WHERE rm.run_id = $1 ORDER BY rm.customer_id`,
        [r.id, r.asOf, r.lookbackMonths],
      );
      return rows;
    };
    const ra = await load(a);
    const rb = await load(b);
    const cmp = compareRuns({ ids: ra.map((x) => x.id), labels: ra.map((x) => x.label) }, { ids: rb.map((x) => x.id), labels: rb.map((x) => x.label) }, rb.map((x) => x.ltv ?? 0));
    return {
      a,
      b,
      labelsA: cmp.labelsA,
      labelsB: cmp.labelsB,
      counts: cmp.counts,
      revenue: (cmp.valueSums ?? cmp.counts.map((row) => row.map(() => 0))).map((row) => row.map((v) => v.toFixed(2))),
      common: cmp.common,
      unchanged: cmp.unchanged,
      entrants: { count: cmp.entrants.count, byLabel: cmp.entrants.byLabel },
      leavers: { count: cmp.leavers.count, byLabel: cmp.leavers.byLabel },
      adjustedRandIndex: cmp.adjustedRandIndex,
    };
  }

  /** Latest succeeded ABCDX run: customers and LTV per label (for the director's portfolio). */
  async latestDistribution(): Promise<LabelDistributionDto> {
    const [run] = await this.db.query(
      `SELECT r.id::text AS id, m.name, to_char(r.as_of, 'YYYY-MM-DD') AS "asOf", r.finished_at AS "finishedAt", r.lookback_months AS lb
       FROM segmentation_runs r JOIN segmentation_models m ON m.id = r.model_id
       WHERE r.kind = 'abcdx' AND r.status = 'succeeded' ORDER BY r.finished_at DESC, r.id DESC LIMIT 1`,
    );
    if (!run) return { runId: null, modelName: null, asOf: null, finishedAt: null, items: [] };
    const items = await this.db.query(
      `SELECT rm.label, COUNT(*)::int AS customers, (COUNT(*)::float8 / SUM(COUNT(*)) OVER ())::float8 AS share, COALESCE(SUM(cf.ltv), 0)::numeric(14,2)::text AS revenue
       FROM segmentation_run_members rm LEFT JOIN customer_features cf ON cf.customer_id = rm.customer_id AND cf.as_of = $2 AND cf.lookback_months = $3
       WHERE rm.run_id = $1 GROUP BY rm.label ORDER BY rm.label`,
      [run.id, run.asOf, run.lb],
    );
    return { runId: run.id, modelName: run.name, asOf: run.asOf, finishedAt: iso(run.finishedAt), items };
  }

  /** Live count for the rule builder: how many customers each level takes (first match wins) and a few of them. */
  async previewRules(rawSpec: unknown): Promise<RulePreviewDto> {
    const spec = validateSpec('rule', rawSpec);
    if (spec.kind !== 'rule') throw new Error('unreachable');
    await this.features.ensure(spec.asOf, spec.lookbackMonths);
    const { params, param } = paramCollector(3);
    let expr: string;
    try {
      expr = levelsToSql(spec.levels, param);
    } catch (err) {
      if (err instanceof RuleError) throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', err.message, [{ field: err.field, message: err.message.slice(err.field.length + 2) }]);
      throw err;
    }
    const sql = `SELECT cf.customer_id, c.name, ${expr} AS label FROM customer_features cf JOIN customers c ON c.id = cf.customer_id WHERE cf.as_of = $1 AND cf.lookback_months = $2`;
    const args = [spec.asOf, spec.lookbackMonths, ...params];
    const counts: { label: string | null; count: number }[] = await this.db.query(`SELECT label, COUNT(*)::int AS count FROM (${sql}) x GROUP BY label`, args);
    const sample = await this.db.query(`SELECT customer_id::text AS "customerId", name, label FROM (${sql}) x WHERE label IS NOT NULL ORDER BY customer_id LIMIT 20`, args);
    const total = counts.reduce((s, c) => s + c.count, 0);
    return {
      count: counts.filter((c) => c.label !== null).reduce((s, c) => s + c.count, 0),
      total,
      byLevel: spec.levels.map((l) => ({ label: l.label, count: counts.find((c) => c.label === l.label)?.count ?? 0 })),
      sample,
    };
  }
}
