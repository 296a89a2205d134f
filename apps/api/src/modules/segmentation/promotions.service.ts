import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ForbiddenError } from '@casl/ability';
import { subject, type AppAbility } from '@cxs/authz';
import type { PromotionDto } from '@cxs/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { ApiException, notFound } from '../../common/api-exception.js';
import { AuditService } from '../audit/audit.service.js';
import { dayBefore, refreshRollups } from '../pnl/rollups.js';
import type { ProposePromotionDto } from './segmentation.dto.js';

const SELECT = `
  SELECT p.id::text AS id, p.run_id::text AS "runId", m.name AS "modelName", p.label, p.target_segment_id::text AS "targetSegmentId",
         ts.name AS "targetSegmentName", ts.owner_id::text AS "targetSegmentOwnerId",
         CASE WHEN p.target_segment_id IS NULL THEN NULL ELSE (SELECT COUNT(*)::int FROM segment_memberships tm WHERE tm.segment_id = p.target_segment_id
           AND tm.valid_from <= p.effective_date - 1 AND (tm.valid_to IS NULL OR tm.valid_to >= p.effective_date - 1)) END AS "targetSegmentMembers",
         p.new_segment_name AS "newSegmentName", to_char(p.effective_date, 'YYYY-MM-DD') AS "effectiveDate",
         p.status, p.note, (SELECT COUNT(*)::int FROM segmentation_run_members rm WHERE rm.run_id = p.run_id AND rm.label = p.label) AS customers,
         pu.name AS "proposedByName", du.name AS "decidedByName", p.decided_at AS "decidedAt", p.segment_id::text AS "segmentId",
         p.members_moved AS "membersMoved", p.created_at AS "createdAt"
  FROM segment_promotions p
  JOIN segmentation_runs r ON r.id = p.run_id JOIN segmentation_models m ON m.id = r.model_id
  LEFT JOIN segments ts ON ts.id = p.target_segment_id
  LEFT JOIN users pu ON pu.id = p.proposed_by LEFT JOIN users du ON du.id = p.decided_by`;

const iso = (d: string | Date | null) => (d === null ? null : new Date(d).toISOString());
const toDto = (r: PromotionDto): PromotionDto => ({ ...r, decidedAt: iso(r.decidedAt), createdAt: iso(r.createdAt)! });

/**
 * Promotion of a run's group (cluster, RFM group, rule level) to a managed
 * segment: the analyst proposes, the director approves and names the
 * CX-owner. Memberships stay exclusive: each promoted customer's membership
 * that is open on the promotion date closes the day before it.
 */
@Injectable()
export class PromotionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<{ items: PromotionDto[] }> {
    const rows = await this.db.query(`${SELECT} ORDER BY (p.status = 'proposed') DESC, p.id DESC LIMIT 200`);
    return { items: rows.map(toDto) };
  }

  async get(id: string, m: EntityManager = this.db.manager): Promise<PromotionDto> {
    const [row] = await m.query(`${SELECT} WHERE p.id = $1`, [id]);
    if (!row) throw notFound('Promotion');
    return toDto(row);
  }

  async propose(ability: AppAbility, dto: ProposePromotionDto, actorId: string): Promise<PromotionDto> {
    ForbiddenError.from(ability).throwUnlessCan('propose', subject('Promotion', {}));
    if (!dto.targetSegmentId === !dto.newSegmentName) {
      throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'Give either targetSegmentId (update a segment) or newSegmentName (create one), not both', [
        { field: 'targetSegmentId', message: 'exactly one of targetSegmentId and newSegmentName' },
      ]);
    }
    return this.db.transaction(async (m) => {
      // The run row is locked so two proposals of the same group cannot both pass the check below.
      const [run] = await m.query(`SELECT status FROM segmentation_runs WHERE id = $1 FOR UPDATE`, [dto.runId]);
      if (!run) throw notFound('Run');
      if (run.status !== 'succeeded') throw new ApiException(HttpStatus.CONFLICT, 'RUN_NOT_READY', 'Only a succeeded run can be promoted');
      const [pending] = await m.query(`SELECT id::text AS id FROM segment_promotions WHERE run_id = $1 AND label = $2 AND status = 'proposed' ORDER BY id LIMIT 1`, [dto.runId, dto.label]);
      if (pending) {
        throw new ApiException(HttpStatus.CONFLICT, 'PROMOTION_PENDING', `Group "${dto.label}" of this run is already proposed (promotion #${pending.id}): the director decides on it first.`);
      }
      const [{ n }] = await m.query(`SELECT COUNT(*)::int AS n FROM segmentation_run_members WHERE run_id = $1 AND label = $2`, [dto.runId, dto.label]);
      if (n === 0) throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', `The run has no customers labelled "${dto.label}"`, [{ field: 'label', message: 'no such group in the run' }]);
      if (dto.targetSegmentId) {
        const [seg] = await m.query(`SELECT status FROM segments WHERE id = $1`, [dto.targetSegmentId]);
        if (!seg) throw notFound('Segment');
        if (seg.status === 'archived') throw new ApiException(HttpStatus.CONFLICT, 'SEGMENT_ARCHIVED', 'An archived segment cannot receive members');
      }
      const [row] = await m.query(
        `INSERT INTO segment_promotions (run_id, label, target_segment_id, new_segment_name, effective_date, note, proposed_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::text AS id`,
        [dto.runId, dto.label, dto.targetSegmentId ?? null, dto.newSegmentName?.trim() ?? null, dto.effectiveDate, dto.note ?? null, actorId],
      );
      const after = await this.get(row.id, m);
      await this.audit.record(m, { actorId, action: 'promotion.propose', subjectType: 'Promotion', subjectId: row.id, after });
      return after;
    });
  }

  async approve(ability: AppAbility, id: string, ownerId: string, actorId: string): Promise<PromotionDto> {
    return this.db.transaction(async (m) => {
      const [p] = await m.query(`SELECT id, run_id::text AS "runId", label, target_segment_id::text AS "targetSegmentId", new_segment_name AS "newSegmentName",
        to_char(effective_date, 'YYYY-MM-DD') AS "effectiveDate", status FROM segment_promotions WHERE id = $1 FOR UPDATE`, [id]);
      if (!p) throw notFound('Promotion');
      ForbiddenError.from(ability).throwUnlessCan('approve', subject('Promotion', {}));
      if (p.status !== 'proposed') throw new ApiException(HttpStatus.CONFLICT, 'PROMOTION_DECIDED', `This promotion was already ${p.status}`);
      const [owner] = await m.query(`SELECT id FROM users WHERE id = $1 AND role = 'cx_owner' AND is_active`, [ownerId]);
      if (!owner) throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'ownerId must be an active CX-owner', [{ field: 'ownerId', message: 'must be an active user with role cx_owner' }]);
      const before = await this.get(id, m);
      let segmentId: string = p.targetSegmentId;
      if (segmentId) {
        const [seg] = await m.query(`SELECT status FROM segments WHERE id = $1 FOR UPDATE`, [segmentId]);
        if (!seg || seg.status === 'archived') throw new ApiException(HttpStatus.CONFLICT, 'SEGMENT_ARCHIVED', 'The target segment is archived or gone');
        await m.query(`UPDATE segments SET owner_id = $2, updated_at = now() WHERE id = $1`, [segmentId, ownerId]);
      } else {
        const [seg] = await m.query(
          `INSERT INTO segments (name, description, owner_id, source) VALUES ($1, $2, $3, 'run') RETURNING id::text AS id`,
          [p.newSegmentName, `Promoted from run ${p.runId}, group ${p.label}`, ownerId],
        );
        segmentId = seg.id;
      }
      const eff = p.effectiveDate;
      // The promoted group: customers of the run's label.
      await m.query(`CREATE TEMP TABLE promo_members ON COMMIT DROP AS SELECT customer_id FROM segmentation_run_members WHERE run_id = $1 AND label = $2`, [p.runId, p.label]);
      // Customers already in this segment on the date with an open membership keep it as is.
      await m.query(
        `DELETE FROM promo_members pm USING segment_memberships sm
         WHERE sm.customer_id = pm.customer_id AND sm.segment_id = $1 AND sm.valid_from <= $2::date AND sm.valid_to IS NULL`,
        [segmentId, eff],
      );
      // Updating an existing segment: its members outside the group leave it the day before.
      await m.query(
        `UPDATE segment_memberships sm SET valid_to = $2::date - 1
         WHERE sm.segment_id = $1 AND sm.valid_from < $2::date AND (sm.valid_to IS NULL OR sm.valid_to >= $2::date)
           AND NOT EXISTS (SELECT 1 FROM segmentation_run_members rm WHERE rm.run_id = $3 AND rm.label = $4 AND rm.customer_id = sm.customer_id)`,
        [segmentId, eff, p.runId, p.label],
      );
      await m.query(
        `DELETE FROM segment_memberships sm WHERE sm.segment_id = $1 AND sm.valid_from >= $2::date
           AND NOT EXISTS (SELECT 1 FROM segmentation_run_members rm WHERE rm.run_id = $3 AND rm.label = $4 AND rm.customer_id = sm.customer_id)`,
        [segmentId, eff, p.runId, p.label],
      );
      // Exclusive memberships: what a promoted customer belonged to on the date closes the day before; later ones give way.
      await m.query(
        `UPDATE segment_memberships sm SET valid_to = $1::date - 1 FROM promo_members pm
         WHERE sm.customer_id = pm.customer_id AND sm.valid_from < $1::date AND (sm.valid_to IS NULL OR sm.valid_to >= $1::date)`,
        [eff],
      );
      await m.query(`DELETE FROM segment_memberships sm USING promo_members pm WHERE sm.customer_id = pm.customer_id AND sm.valid_from >= $1::date`, [eff]);
      const inserted = await m.query(
        `INSERT INTO segment_memberships (segment_id, customer_id, valid_from) SELECT $1, customer_id, $2::date FROM promo_members RETURNING id`,
        [segmentId, eff],
      );
      const moved = Array.isArray(inserted) ? inserted.length : 0;
      await m.query(
        `UPDATE segment_promotions SET status = 'approved', decided_by = $2, decided_at = now(), segment_id = $3, members_moved = $4 WHERE id = $1`,
        [id, actorId, segmentId, moved],
      );
      // The P&L follows memberships: rebuild the rollups of every customer whose membership changed, in this transaction.
      const touched: { id: string }[] = await m.query(
        `SELECT DISTINCT customer_id::text AS id FROM segment_memberships WHERE segment_id = $1 OR customer_id IN (SELECT customer_id FROM segmentation_run_members WHERE run_id = $2 AND label = $3)`,
        [segmentId, p.runId, p.label],
      );
      // Nothing before the day the old memberships close can change: refresh from there (months before stay as they are).
      if (touched.length) await refreshRollups(m, { customerIds: touched.map((r) => r.id), since: dayBefore(eff) });
      const after = await this.get(id, m);
      await this.audit.record(m, { actorId, action: 'promotion.approve', subjectType: 'Promotion', subjectId: id, before, after });
      await this.audit.record(m, { actorId, action: 'segment.promote', subjectType: 'Segment', subjectId: segmentId, after: { promotionId: id, ownerId, effectiveDate: eff, membersMoved: moved } });
      return after;
    });
  }

  async reject(ability: AppAbility, id: string, actorId: string): Promise<PromotionDto> {
    return this.db.transaction(async (m) => {
      const [p] = await m.query(`SELECT status FROM segment_promotions WHERE id = $1 FOR UPDATE`, [id]);
      if (!p) throw notFound('Promotion');
      ForbiddenError.from(ability).throwUnlessCan('approve', subject('Promotion', {}));
      if (p.status !== 'proposed') throw new ApiException(HttpStatus.CONFLICT, 'PROMOTION_DECIDED', `This promotion was already ${p.status}`);
      const before = await this.get(id, m);
      await m.query(`UPDATE segment_promotions SET status = 'rejected', decided_by = $2, decided_at = now() WHERE id = $1`, [id, actorId]);
      const after = await this.get(id, m);
      await this.audit.record(m, { actorId, action: 'promotion.reject', subjectType: 'Promotion', subjectId: id, before, after });
      return after;
    });
  }
}
