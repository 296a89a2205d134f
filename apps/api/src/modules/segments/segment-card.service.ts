import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ForbiddenError } from '@casl/ability';
import { subject, type AppAbility } from '@cxs/authz';
import { CARD_FIELDS, type CardEntry, type CardField, type EvidenceRef, type SegmentCard, type SegmentCardResponse } from '@cxs/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { ApiException, notFound } from '../../common/api-exception.js';
import { AuditService } from '../audit/audit.service.js';
import { assertActive, loadSegmentRef } from './segment-access.js';
import type { EvidenceRefDto, UpdateSegmentCardDto } from './segment-card.dto.js';

interface StoredCard {
  behaviourFactorEvidence?: EvidenceRef[];
  fields?: Partial<Record<CardField, CardEntry>>;
  growthPotential?: SegmentCard['growthPotential'];
}

const emptyEntry = (): CardEntry => ({ text: '', evidence: [] });

@Injectable()
export class SegmentCardService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(id: string, m: EntityManager = this.db.manager): Promise<SegmentCardResponse> {
    const [row] = await m.query(
      `SELECT id::text AS id, name, owner_id AS "ownerId", status, description, behaviour_factor AS "behaviourFactor", card, updated_at AS "updatedAt"
       FROM segments WHERE id = $1`,
      [id],
    );
    if (!row) throw notFound('Segment');
    const stored = (row.card ?? {}) as StoredCard;
    const fields = Object.fromEntries(CARD_FIELDS.map((f) => [f, stored.fields?.[f] ?? emptyEntry()])) as Record<CardField, CardEntry>;
    return {
      segmentId: row.id,
      name: row.name,
      ownerId: row.ownerId,
      status: row.status,
      updatedAt: new Date(row.updatedAt).toISOString(),
      card: {
        behaviourFactor: row.behaviourFactor,
        behaviourFactorEvidence: stored.behaviourFactorEvidence ?? [],
        description: row.description,
        fields,
        growthPotential: stored.growthPotential ?? { level: null, reason: '', evidence: [] },
      },
    };
  }

  /** Interview and survey citations must point at records that exist (metrics are named, not stored). */
  private async assertEvidenceExists(m: EntityManager, refs: EvidenceRefDto[]): Promise<void> {
    for (const kind of ['interview', 'survey'] as const) {
      const ids = [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.ref))];
      if (ids.length === 0) continue;
      const bad = ids.filter((id) => !/^[1-9][0-9]{0,17}$/.test(id));
      const table = kind === 'interview' ? 'interviews' : 'survey_answers';
      const found: { id: string }[] = bad.length ? [] : await m.query(`SELECT id::text AS id FROM ${table} WHERE id = ANY($1::bigint[])`, [ids]);
      const missing = ids.filter((id) => !found.some((f) => f.id === id));
      if (missing.length) {
        throw new ApiException(HttpStatus.BAD_REQUEST, 'EVIDENCE_NOT_FOUND', `No ${kind} with id ${missing.join(', ')}`, missing.map((value) => ({ field: 'evidence', value, message: `${kind} not found` })));
      }
    }
  }

  /** The CX-owner of the segment (or the director) edits the card; every change is audited with before and after. */
  async update(ability: AppAbility, id: string, dto: UpdateSegmentCardDto, actorId: string): Promise<SegmentCardResponse> {
    return this.db.transaction(async (m) => {
      const seg = await loadSegmentRef(m, id, true);
      ForbiddenError.from(ability).throwUnlessCan('update', subject('Segment', { ownerId: seg.ownerId }));
      assertActive(seg);
      const before = await this.get(id, m);
      const refs = [
        ...(dto.behaviourFactorEvidence ?? []),
        ...Object.values(dto.fields ?? {}).flatMap((e) => (e as CardEntry | undefined)?.evidence ?? []),
        ...(dto.growthPotential?.evidence ?? []),
      ];
      await this.assertEvidenceExists(m, refs);
      const next: StoredCard = {
        behaviourFactorEvidence: dto.behaviourFactorEvidence ?? before.card.behaviourFactorEvidence,
        fields: { ...before.card.fields, ...stripUndefined(dto.fields ?? {}) },
        growthPotential: dto.growthPotential ?? before.card.growthPotential,
      };
      await m.query(
        `UPDATE segments SET card = $2::jsonb, name = COALESCE($3, name),
           description = CASE WHEN $4::boolean THEN $5 ELSE description END,
           behaviour_factor = CASE WHEN $6::boolean THEN $7 ELSE behaviour_factor END, updated_at = now()
         WHERE id = $1`,
        [id, JSON.stringify(next), dto.name?.trim() ?? null, dto.description !== undefined, dto.description ?? null, dto.behaviourFactor !== undefined, dto.behaviourFactor ?? null],
      );
      const after = await this.get(id, m);
      await this.audit.record(m, { actorId, action: 'segment.card.update', subjectType: 'Segment', subjectId: id, before: before.card, after: after.card });
      return after;
    });
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
