import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ForbiddenError } from '@casl/ability';
import { subject, type AppAbility } from '@cxs/authz';
import type { PlanDto } from '@cxs/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { ApiException, notFound } from '../../common/api-exception.js';
import { scopeToSql } from '../../authz/scope.js';
import { AuditService } from '../audit/audit.service.js';
import type { ApprovePlanDto, CreatePlanDto, UpdatePlanDto } from './pnl.dto.js';
import { ACTUAL_KEYS, PLAN_ACTUAL_COLUMNS, PLAN_ACTUAL_JOINS } from './plan-actuals.js';
import { monthDate, monthIndex } from './period.js';
import { SettingsService } from './settings.service.js';

const SELECT = `
  SELECT p.id::text AS id, p.segment_id::text AS "segmentId", s.name AS "segmentName", p.period_kind AS "periodKind",
         to_char(p.period_start, 'YYYY-MM') AS "periodStart", p.revenue_target::text AS "revenueTarget", p.margin_target::text AS "marginTarget",
         p.customers_target AS "customersTarget", p.status, pu.name AS "proposedByName", au.name AS "approvedByName",
         p.approved_at AS "approvedAt", p.note, p.decision_comment AS "decisionComment", ${PLAN_ACTUAL_COLUMNS}
  FROM segment_plans p JOIN segments s ON s.id = p.segment_id
  LEFT JOIN users pu ON pu.id = p.proposed_by LEFT JOIN users au ON au.id = p.approved_by
  ${PLAN_ACTUAL_JOINS}`;

type PlanRow = Omit<PlanDto, 'actual'> & Record<(typeof ACTUAL_KEYS)[number], string | number | null> & { approvedAt: string | Date | null };

function toDto(r: PlanRow): PlanDto {
  const actual = Object.fromEntries(ACTUAL_KEYS.map((k) => [k, r[k]])) as PlanDto['actual'];
  const base = Object.fromEntries(Object.entries(r).filter(([k]) => !(ACTUAL_KEYS as readonly string[]).includes(k))) as Omit<PlanDto, 'actual'>;
  return { ...base, approvedAt: r.approvedAt ? new Date(r.approvedAt).toISOString() : null, actual };
}

/** Plans: the CX-owner proposes targets for their segments; the director approves them, changed or not. */
@Injectable()
export class PlansService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly settings: SettingsService,
  ) {}

  /** Plans of the segments the caller may see (a CX-owner: their own), each with its actual and variance. */
  async list(ability: AppAbility, segmentId?: string, status?: 'proposed' | 'approved'): Promise<PlanDto[]> {
    const scope = scopeToSql(ability, 'read', 'Plan', { segmentOwnerId: (v, p) => `s.owner_id = ${p(v)}::uuid` }, 3);
    if (!scope) return [];
    const rows = await this.db.query(
      `${SELECT} WHERE ($1::bigint IS NULL OR p.segment_id = $1) AND ($2::varchar IS NULL OR p.status = $2) AND ${scope.sql}
       ORDER BY p.period_start DESC, s.name, p.period_kind`,
      [segmentId ?? null, status ?? null, ...scope.params],
    );
    return rows.map(toDto);
  }

  private async get(m: EntityManager, id: string): Promise<PlanDto> {
    const [row] = await m.query(`${SELECT} WHERE p.id = $1`, [id]);
    if (!row) throw notFound('Plan');
    return toDto(row);
  }

  private async segmentOwner(m: EntityManager, segmentId: string): Promise<string | null> {
    const [seg] = await m.query(`SELECT owner_id AS "ownerId" FROM segments WHERE id = $1`, [segmentId]);
    if (!seg) throw notFound('Segment');
    return seg.ownerId;
  }

  async create(ability: AppAbility, dto: CreatePlanDto, actorId: string): Promise<PlanDto> {
    const { fiscalYearStartMonth } = await this.settings.get();
    const start = monthIndex(dto.periodStart);
    const len = dto.periodKind === 'month' ? 1 : dto.periodKind === 'quarter' ? 3 : 12;
    if (len > 1 && (((start - (fiscalYearStartMonth - 1)) % len) + len) % len !== 0) {
      throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', `A ${dto.periodKind} starts on a fiscal ${dto.periodKind} boundary`, [
        { field: 'periodStart', message: `must be the first month of a fiscal ${dto.periodKind}` },
      ]);
    }
    return this.db.transaction(async (m) => {
      const ownerId = await this.segmentOwner(m, dto.segmentId);
      if (!ability.can('read', subject('Plan', { segmentOwnerId: ownerId }))) throw notFound('Segment');
      ForbiddenError.from(ability).throwUnlessCan('create', subject('Plan', { segmentOwnerId: ownerId }));
      // The director's own targets are approved as set; an owner's are a proposal.
      const approved = ability.can('approve', subject('Plan', { segmentOwnerId: ownerId }));
      const [dup] = await m.query(`SELECT id FROM segment_plans WHERE segment_id = $1 AND period_kind = $2 AND period_start = $3`, [
        dto.segmentId,
        dto.periodKind,
        monthDate(start),
      ]);
      if (dup) throw new ApiException(HttpStatus.CONFLICT, 'PLAN_EXISTS', 'This segment already has a plan for that period; edit it instead');
      const [row] = await m.query(
        `INSERT INTO segment_plans (segment_id, period_kind, period_start, revenue_target, margin_target, customers_target, status, proposed_by, approved_by, approved_at, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id::text AS id`,
        [dto.segmentId, dto.periodKind, monthDate(start), dto.revenueTarget, dto.marginTarget, dto.customersTarget, approved ? 'approved' : 'proposed', actorId, approved ? actorId : null, approved ? new Date() : null, dto.note ?? null],
      );
      const after = await this.get(m, row.id);
      await this.audit.record(m, { actorId, action: 'plan.create', subjectType: 'Plan', subjectId: row.id, after });
      return after;
    });
  }

  /** An owner's change to an approved plan turns it back into a proposal; the director's keeps its status. */
  async update(ability: AppAbility, id: string, dto: UpdatePlanDto, actorId: string): Promise<PlanDto> {
    return this.db.transaction(async (m) => {
      const [row] = await m.query(`SELECT p.id, s.owner_id AS "ownerId", p.status FROM segment_plans p JOIN segments s ON s.id = p.segment_id WHERE p.id = $1 FOR UPDATE OF p`, [id]);
      if (!row || !ability.can('read', subject('Plan', { segmentOwnerId: row.ownerId }))) throw notFound('Plan');
      ForbiddenError.from(ability).throwUnlessCan('update', subject('Plan', { segmentOwnerId: row.ownerId }));
      const before = await this.get(m, id);
      const director = ability.can('approve', subject('Plan', { segmentOwnerId: row.ownerId }));
      await m.query(
        `UPDATE segment_plans SET revenue_target = COALESCE($2, revenue_target), margin_target = COALESCE($3, margin_target),
                customers_target = COALESCE($4, customers_target), note = COALESCE($5, note), updated_at = now(),
                status = CASE WHEN $6 THEN status ELSE 'proposed' END,
                approved_by = CASE WHEN $6 THEN approved_by END, approved_at = CASE WHEN $6 THEN approved_at END,
                proposed_by = CASE WHEN $6 THEN proposed_by ELSE $7 END
         WHERE id = $1`,
        [id, dto.revenueTarget ?? null, dto.marginTarget ?? null, dto.customersTarget ?? null, dto.note ?? null, director, actorId],
      );
      const after = await this.get(m, id);
      await this.audit.record(m, { actorId, action: 'plan.update', subjectType: 'Plan', subjectId: id, before, after });
      return after;
    });
  }

  /**
   * The director approves a plan as proposed, or changes its targets in the same step; a change needs a comment
   * (the owner sees why their proposal was changed).
   */
  async approve(ability: AppAbility, id: string, dto: ApprovePlanDto, actorId: string): Promise<PlanDto> {
    return this.db.transaction(async (m) => {
      const [row] = await m.query(`SELECT p.id, s.owner_id AS "ownerId" FROM segment_plans p JOIN segments s ON s.id = p.segment_id WHERE p.id = $1 FOR UPDATE OF p`, [id]);
      if (!row) throw notFound('Plan');
      ForbiddenError.from(ability).throwUnlessCan('approve', subject('Plan', { segmentOwnerId: row.ownerId }));
      const before = await this.get(m, id);
      const changed: string[] = [];
      if (dto.revenueTarget !== undefined && Number(dto.revenueTarget) !== Number(before.revenueTarget)) changed.push('revenueTarget');
      if (dto.marginTarget !== undefined && Number(dto.marginTarget) !== Number(before.marginTarget)) changed.push('marginTarget');
      if (dto.customersTarget !== undefined && dto.customersTarget !== before.customersTarget) changed.push('customersTarget');
      const comment = dto.comment?.trim() || null;
      if (changed.length > 0 && !comment) {
        throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', `Changing ${changed.join(', ')} needs a comment for the CX-owner`, [
          { field: 'comment', message: `required when changing ${changed.join(', ')}` },
        ]);
      }
      await m.query(
        `UPDATE segment_plans SET revenue_target = COALESCE($2, revenue_target), margin_target = COALESCE($3, margin_target),
                customers_target = COALESCE($4, customers_target), decision_comment = $5,
                status = 'approved', approved_by = $6, approved_at = now(), updated_at = now() WHERE id = $1`,
        [id, dto.revenueTarget ?? null, dto.marginTarget ?? null, dto.customersTarget ?? null, comment, actorId],
      );
      const after = await this.get(m, id);
      await this.audit.record(m, { actorId, action: 'plan.approve', subjectType: 'Plan', subjectId: id, before, after });
      return after;
    });
  }
}
