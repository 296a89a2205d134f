import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AppAbility } from '@cxs/authz';
import { VALUE_STREAM_STAGES, type FlowFigures, type InitiativeDto, type ValueStreamBoardDto } from '@cxs/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { ApiException, notFound } from '../../common/api-exception.js';
import { AuditService } from '../audit/audit.service.js';
import { assertCanChangeUnder, loadSegmentRef, type SegmentRef } from '../segments/segment-access.js';
import type { CreateInitiativeDto, OrderStageDto, UpdateInitiativeDto } from './value-stream.dto.js';

const SELECT = `
  SELECT i.id::text AS id, i.segment_id::text AS "segmentId", i.title, i.owner_id AS "ownerId", u.name AS "ownerName", i.stage, i.status,
         i.cost::text AS cost, i.expected_effect AS "expectedEffect", i.scenario_id::text AS "scenarioId", s.title AS "scenarioTitle",
         i.outcome_id::text AS "outcomeId",
         CASE WHEN o.id IS NULL THEN NULL ELSE concat_ws(' ', CASE o.direction WHEN 'minimise' THEN 'Minimise' ELSE 'Maximise' END, o.metric, o.object, o.context) END AS "outcomeStatement",
         i.product_id::text AS "productId", p.name AS "productName", i.started_on::text AS "startedOn", i.done_on::text AS "doneOn", i.position
  FROM initiatives i LEFT JOIN users u ON u.id = i.owner_id LEFT JOIN scenarios s ON s.id = i.scenario_id
  LEFT JOIN job_outcomes o ON o.id = i.outcome_id LEFT JOIN products p ON p.id = i.product_id`;

/** Months in the flow window (this month and the five before it). */
const FLOW_MONTHS = 6;

/** The value stream of a segment: initiatives across stages, and its flow figures. */
@Injectable()
export class ValueStreamsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async board(segmentId: string, m: EntityManager = this.db.manager): Promise<ValueStreamBoardDto> {
    // Two round trips in parallel; the flow statement also says whether the segment exists.
    const [initiatives, flow] = await Promise.all([
      m.query(`${SELECT} WHERE i.segment_id = $1 ORDER BY i.stage, i.position, i.id`, [segmentId]) as Promise<InitiativeDto[]>,
      this.flow(m, segmentId),
    ]);
    if (!flow) throw notFound('Segment');
    return { segmentId, stages: [...VALUE_STREAM_STAGES], initiatives, flow };
  }

  /** Work in progress now; throughput per month and median lead time over the window. All in SQL. */
  private async flow(m: EntityManager, segmentId: string): Promise<FlowFigures | null> {
    const [row] = await m.query(
      `WITH w AS (SELECT (date_trunc('month', CURRENT_DATE) - make_interval(months => $2 - 1))::date AS start)
       SELECT EXISTS (SELECT 1 FROM segments WHERE id = $1) AS "segmentExists",
         (SELECT COUNT(*)::int FROM initiatives WHERE segment_id = $1 AND status IN ('in_progress','blocked')) AS "inProgress",
         (SELECT json_agg(json_build_object('month', to_char(g.m, 'YYYY-MM'), 'done',
                   (SELECT COUNT(*)::int FROM initiatives i WHERE i.segment_id = $1 AND i.status = 'done' AND date_trunc('month', i.done_on) = g.m)) ORDER BY g.m)
          FROM w, generate_series(w.start, date_trunc('month', CURRENT_DATE), interval '1 month') AS g(m)) AS throughput,
         (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY i.done_on - i.started_on)
          FROM initiatives i, w WHERE i.segment_id = $1 AND i.status = 'done' AND i.started_on IS NOT NULL AND i.done_on >= w.start) AS "leadTimeDays"`,
      [segmentId, FLOW_MONTHS],
    );
    if (!row.segmentExists) return null;
    const throughput: FlowFigures['throughput'] = row.throughput ?? [];
    const total = throughput.reduce((s, t) => s + t.done, 0);
    return {
      inProgress: row.inProgress,
      throughput,
      throughputPerMonth: Math.round((total / FLOW_MONTHS) * 100) / 100,
      leadTimeDays: row.leadTimeDays === null ? null : Math.round(Number(row.leadTimeDays) * 10) / 10,
    };
  }

  private async get(m: EntityManager, id: string): Promise<InitiativeDto> {
    const [row] = await m.query(`${SELECT} WHERE i.id = $1`, [id]);
    if (!row) throw notFound('Initiative');
    return row;
  }

  private async segmentOf(m: EntityManager, id: string): Promise<SegmentRef> {
    const [row] = await m.query(`SELECT segment_id::text AS id FROM initiatives WHERE id = $1`, [id]);
    if (!row) throw notFound('Initiative');
    return loadSegmentRef(m, row.id, true);
  }

  /** Links must stay inside the segment (its scenarios and outcomes); products may be any, owners any active user. */
  private async assertLinks(m: EntityManager, segmentId: string, dto: Partial<CreateInitiativeDto>): Promise<void> {
    const [r] = await m.query(
      `SELECT ($2::bigint IS NULL OR EXISTS (SELECT 1 FROM scenarios WHERE id = $2 AND segment_id = $1)) AS scenario,
              ($3::bigint IS NULL OR EXISTS (SELECT 1 FROM job_outcomes WHERE id = $3 AND segment_id = $1)) AS outcome,
              ($4::bigint IS NULL OR EXISTS (SELECT 1 FROM products WHERE id = $4)) AS product,
              ($5::uuid IS NULL OR EXISTS (SELECT 1 FROM users WHERE id = $5 AND is_active)) AS owner`,
      [segmentId, dto.scenarioId ?? null, dto.outcomeId ?? null, dto.productId ?? null, dto.ownerId ?? null],
    );
    const bad = (['scenario', 'outcome', 'product', 'owner'] as const).filter((k) => !r[k]);
    if (bad.length) {
      throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', `Unknown ${bad.join(', ')} for this segment`, bad.map((k) => ({ field: `${k}Id`, message: `not found in this segment` })));
    }
  }

  async create(ability: AppAbility, segmentId: string, dto: CreateInitiativeDto, actorId: string): Promise<InitiativeDto> {
    return this.db.transaction(async (m) => {
      const seg = await loadSegmentRef(m, segmentId, true);
      assertCanChangeUnder(ability, 'create', 'ValueStream', seg);
      await this.assertLinks(m, segmentId, dto);
      const status = dto.status ?? 'planned';
      const [row] = await m.query(
        `INSERT INTO initiatives (segment_id, title, stage, status, owner_id, cost, expected_effect, scenario_id, outcome_id, product_id, started_on, done_on, position)
         VALUES ($1, $2, $3::varchar, $4::varchar, $5, $6, $7, $8, $9, $10,
                 CASE WHEN $4::varchar IN ('in_progress','blocked','done') THEN CURRENT_DATE END, CASE WHEN $4::varchar = 'done' THEN CURRENT_DATE END,
                 (SELECT COALESCE(MAX(position) + 1, 0) FROM initiatives WHERE segment_id = $1 AND stage = $3::varchar))
         RETURNING id::text AS id`,
        [segmentId, dto.title.trim(), dto.stage, status, dto.ownerId ?? null, dto.cost ?? null, dto.expectedEffect ?? null, dto.scenarioId ?? null, dto.outcomeId ?? null, dto.productId ?? null],
      );
      const after = await this.get(m, row.id);
      await this.audit.record(m, { actorId, action: 'initiative.create', subjectType: 'Initiative', subjectId: row.id, segmentId, after });
      return after;
    });
  }

  /** Edits or moves an initiative; going in progress starts its lead-time clock, going done stops it. */
  async update(ability: AppAbility, id: string, dto: UpdateInitiativeDto, actorId: string): Promise<InitiativeDto> {
    return this.db.transaction(async (m) => {
      const seg = await this.segmentOf(m, id);
      assertCanChangeUnder(ability, 'update', 'ValueStream', seg);
      await this.assertLinks(m, seg.id, dto);
      const before = await this.get(m, id);
      const cols: Record<string, unknown> = {
        title: dto.title?.trim(),
        stage: dto.stage,
        status: dto.status,
        position: dto.position,
        owner_id: dto.ownerId,
        cost: dto.cost,
        expected_effect: dto.expectedEffect,
        scenario_id: dto.scenarioId,
        outcome_id: dto.outcomeId,
        product_id: dto.productId,
      };
      const set = Object.entries(cols).filter(([, v]) => v !== undefined);
      if (set.length) {
        await m.query(`UPDATE initiatives SET ${set.map(([k], i) => `${k} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`, [id, ...set.map(([, v]) => v)]);
      }
      if (dto.status) {
        await m.query(
          `UPDATE initiatives SET
             started_on = CASE WHEN status IN ('in_progress','blocked','done') THEN COALESCE(started_on, CURRENT_DATE) ELSE started_on END,
             done_on = CASE WHEN status = 'done' THEN COALESCE(done_on, CURRENT_DATE) ELSE NULL END
           WHERE id = $1`,
          [id],
        );
      }
      const after = await this.get(m, id);
      await this.audit.record(m, { actorId, action: before.stage !== after.stage ? 'initiative.move' : 'initiative.update', subjectType: 'Initiative', subjectId: id, segmentId: seg.id, before, after });
      return after;
    });
  }

  /**
   * One stage column after a drop: `ids` must hold every initiative the column
   * had (none may vanish from it) plus any moved in from another stage of the
   * same segment. Moved ones change stage (audited as a move); positions
   * follow the order given; the column the mover left keeps its order.
   */
  async orderStage(ability: AppAbility, segmentId: string, dto: OrderStageDto, actorId: string): Promise<ValueStreamBoardDto> {
    return this.db.transaction(async (m) => {
      const seg = await loadSegmentRef(m, segmentId, true);
      assertCanChangeUnder(ability, 'update', 'ValueStream', seg);
      const rows: { id: string; stage: string; position: number }[] = await m.query(
        `SELECT id::text AS id, stage, position FROM initiatives WHERE segment_id = $1 AND (stage = $2::varchar OR id = ANY($3::bigint[])) ORDER BY position, id`,
        [segmentId, dto.stage, dto.ids],
      );
      const known = new Map(rows.map((r) => [r.id, r]));
      const unknown = dto.ids.filter((id) => !known.has(id));
      if (unknown.length) {
        throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', `Initiative ${unknown.join(', ')} is not on this segment's board`, unknown.map((value) => ({ field: 'ids', value, message: 'not an initiative of this segment' })));
      }
      const given = new Set(dto.ids);
      const missing = rows.filter((r) => r.stage === dto.stage && !given.has(r.id)).map((r) => r.id);
      if (given.size !== dto.ids.length || missing.length) {
        throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'ids must list every initiative of the column exactly once', [
          { field: 'ids', value: missing.join(', '), message: missing.length ? `missing ${missing.join(', ')} of stage ${dto.stage}` : 'an id appears twice' },
        ]);
      }
      const before = rows.map((r) => ({ id: r.id, stage: r.stage, position: r.position }));
      await m.query(
        `UPDATE initiatives t SET stage = $3::varchar, position = o.ord::int - 1, updated_at = CASE WHEN t.stage <> $3::varchar THEN now() ELSE t.updated_at END
         FROM unnest($1::bigint[]) WITH ORDINALITY AS o(id, ord) WHERE t.id = o.id AND t.segment_id = $2`,
        [dto.ids, segmentId, dto.stage],
      );
      const moved = before.filter((r) => r.stage !== dto.stage).map((r) => r.id);
      await this.audit.record(m, {
        actorId,
        action: moved.length ? 'initiative.move' : 'initiative.reorder',
        subjectType: 'ValueStream',
        subjectId: segmentId,
        segmentId,
        before,
        after: { stage: dto.stage, ids: dto.ids, moved },
      });
      return this.board(segmentId, m);
    });
  }

  async remove(ability: AppAbility, id: string, actorId: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const seg = await this.segmentOf(m, id);
      assertCanChangeUnder(ability, 'delete', 'ValueStream', seg);
      const before = await this.get(m, id);
      await m.query(`DELETE FROM initiatives WHERE id = $1`, [id]);
      await this.audit.record(m, { actorId, action: 'initiative.delete', subjectType: 'Initiative', subjectId: id, segmentId: seg.id, before });
    });
  }
}
