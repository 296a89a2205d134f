import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ForbiddenError } from '@casl/ability';
import { subject, type AppAbility } from '@cxs/authz';
import type { SegmentDto, SegmentHistoryEntry } from '@cxs/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { ApiException, notFound } from '../../common/api-exception.js';
import { AuditService } from '../audit/audit.service.js';
import { refreshRollups } from '../pnl/rollups.js';
import { UserEntity } from '../users/user.entity.js';
import type { AssignOwnerDto, CreateSegmentDto, UpdateSegmentDto } from './segment.dto.js';
import { SegmentEntity } from './segment.entity.js';

const SELECT = `
  SELECT s.id::text AS id, s.name, s.description, s.behaviour_factor AS "behaviourFactor", s.owner_id AS "ownerId",
         u.name AS "ownerName", s.status,
         -- ISO 8601 in SQL, exactly as Date#toISOString writes it: no Date parsing per row on the list.
         to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
         (SELECT COUNT(*)::int FROM segment_memberships sm
           WHERE sm.segment_id = s.id AND sm.valid_from <= CURRENT_DATE AND (sm.valid_to IS NULL OR sm.valid_to >= CURRENT_DATE)) AS "memberCount"
  FROM segments s LEFT JOIN users u ON u.id = s.owner_id`;

function toDto(r: SegmentDto): SegmentDto {
  return r;
}

@Injectable()
export class SegmentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<SegmentDto[]> {
    const rows = await this.db.query(`${SELECT} ORDER BY s.status, s.name`);
    return rows.map(toDto);
  }

  /** `{"items": SegmentDto[]}` as JSON text, aggregated in SQL: the list the admin asks for on every segment-page visit. */
  async listJson(): Promise<string> {
    const [row] = await this.db.query(`SELECT json_build_object('items', COALESCE(json_agg(x ORDER BY x.status, x.name), '[]'))::text AS body FROM (${SELECT}) x`);
    return row.body;
  }

  async get(id: string, manager: EntityManager = this.db.manager): Promise<SegmentDto> {
    const [row] = await manager.query(`${SELECT} WHERE s.id = $1`, [id]);
    if (!row) throw notFound('Segment');
    return toDto(row);
  }

  private async assertOwnerCandidate(m: EntityManager, ownerId: string | null | undefined): Promise<void> {
    if (!ownerId) return;
    const user = await m.findOneBy(UserEntity, { id: ownerId });
    if (!user || !user.isActive || user.role !== 'cx_owner') {
      throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'ownerId must be an active CX-owner', [
        { field: 'ownerId', message: 'must be an active user with role cx_owner' },
      ]);
    }
  }

  async create(dto: CreateSegmentDto, actorId: string): Promise<SegmentDto> {
    return this.db.transaction(async (m) => {
      await this.assertOwnerCandidate(m, dto.ownerId);
      const saved = await m.save(
        m.create(SegmentEntity, { name: dto.name.trim(), description: dto.description ?? null, behaviourFactor: dto.behaviourFactor ?? null, ownerId: dto.ownerId ?? null }),
      );
      const after = await this.get(saved.id, m);
      await this.audit.record(m, { actorId, action: 'segment.create', subjectType: 'Segment', subjectId: saved.id, after });
      return after;
    });
  }

  /** Row-level check on the locked row: a CX-owner may edit only a segment whose ownerId is theirs. */
  async update(ability: AppAbility, id: string, dto: UpdateSegmentDto, actorId: string): Promise<SegmentDto> {
    return this.db.transaction(async (m) => {
      const seg = await m.findOne(SegmentEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!seg) throw notFound('Segment');
      ForbiddenError.from(ability).throwUnlessCan('update', subject('Segment', { ownerId: seg.ownerId }));
      if (seg.status === 'archived') throw new ApiException(HttpStatus.CONFLICT, 'SEGMENT_ARCHIVED', 'An archived segment cannot be edited');
      const before = await this.get(id, m);
      if (dto.name !== undefined) seg.name = dto.name.trim();
      if (dto.description !== undefined) seg.description = dto.description;
      if (dto.behaviourFactor !== undefined) seg.behaviourFactor = dto.behaviourFactor;
      await m.save(seg);
      const after = await this.get(id, m);
      await this.audit.record(m, { actorId, action: 'segment.update', subjectType: 'Segment', subjectId: id, before, after });
      return after;
    });
  }

  async assignOwner(ability: AppAbility, id: string, dto: AssignOwnerDto, actorId: string): Promise<SegmentDto> {
    return this.db.transaction(async (m) => {
      const seg = await m.findOne(SegmentEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!seg) throw notFound('Segment');
      ForbiddenError.from(ability).throwUnlessCan('assignOwner', subject('Segment', { ownerId: seg.ownerId }));
      await this.assertOwnerCandidate(m, dto.ownerId);
      const before = await this.get(id, m);
      seg.ownerId = dto.ownerId;
      await m.save(seg);
      const after = await this.get(id, m);
      await this.audit.record(m, { actorId, action: 'segment.assign_owner', subjectType: 'Segment', subjectId: id, before, after });
      return after;
    });
  }

  /** Runs in the caller's transaction when given one (an approved proposal), else in its own. */
  async archive(ability: AppAbility, id: string, actorId: string, tx?: EntityManager): Promise<SegmentDto> {
    const run = async (m: EntityManager): Promise<SegmentDto> => {
      const seg = await m.findOne(SegmentEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!seg) throw notFound('Segment');
      ForbiddenError.from(ability).throwUnlessCan('archive', subject('Segment', { ownerId: seg.ownerId }));
      if (seg.status === 'archived') return this.get(id, m);
      const before = await this.get(id, m);
      // Open memberships end today; history stays as it was.
      const closed: { id: string }[] = await m.query(
        `WITH u AS (UPDATE segment_memberships SET valid_to = CURRENT_DATE WHERE segment_id = $1 AND valid_to IS NULL RETURNING customer_id) SELECT customer_id::text AS id FROM u`,
        [id],
      );
      // Memberships changed: the P&L rollups of these customers follow (same transaction).
      if (closed.length) await refreshRollups(m, { customerIds: closed.map((c) => c.id) });
      seg.status = 'archived';
      seg.archivedAt = new Date();
      await m.save(seg);
      const after = await this.get(id, m);
      await this.audit.record(m, { actorId, action: 'segment.archive', subjectType: 'Segment', subjectId: id, before, after });
      return after;
    };
    return tx ? run(tx) : this.db.transaction(run);
  }

  /** Everything that changed on the segment and under it (card, scenarios, job map, board, proposals), newest first. */
  async history(id: string): Promise<{ items: SegmentHistoryEntry[] }> {
    await this.get(id);
    const rows = await this.db.query(
      `SELECT a.id::text AS id, a.at, a.action, a.subject_type AS "subjectType", a.subject_id AS "subjectId", a.before, a.after, u.name AS "actorName"
       FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
       WHERE a.segment_id = $1 ORDER BY a.at DESC, a.id DESC LIMIT 200`,
      [id],
    );
    return { items: rows.map((r: SegmentHistoryEntry & { at: Date }) => ({ ...r, at: new Date(r.at).toISOString() })) };
  }
}
