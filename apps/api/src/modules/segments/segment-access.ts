import { HttpStatus } from '@nestjs/common';
import { ForbiddenError } from '@casl/ability';
import { subject, type Action, type AppAbility, type Subject } from '@cxs/authz';
import type { EntityManager } from 'typeorm';
import { ApiException, notFound } from '../../common/api-exception.js';

/** The few segment facts every check under a segment needs. */
export interface SegmentRef {
  id: string;
  ownerId: string | null;
  status: string;
}

/** Loads a segment (optionally locking it, to serialise reorders and lifecycle changes). Missing → 404. */
export async function loadSegmentRef(m: EntityManager, id: string, lock = false): Promise<SegmentRef> {
  const [row] = await m.query(`SELECT id::text AS id, owner_id AS "ownerId", status FROM segments WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  if (!row) throw notFound('Segment');
  return row;
}

/**
 * May this user change `subjectType` under this segment? Things that hang
 * under a segment carry the segment's owner as `segmentOwnerId` (the rule in
 * packages/authz). Archived segments are read-only for everyone.
 */
export function assertCanChangeUnder(ability: AppAbility, action: Action, subjectType: Subject, seg: SegmentRef): void {
  ForbiddenError.from(ability).throwUnlessCan(action, subject(subjectType, { segmentOwnerId: seg.ownerId }));
  assertActive(seg);
}

export function assertActive(seg: SegmentRef): void {
  if (seg.status === 'archived') throw new ApiException(HttpStatus.CONFLICT, 'SEGMENT_ARCHIVED', 'An archived segment cannot be edited');
}

/**
 * Reorders rows of `table` whose `parentColumn` is `parentId` to the order of
 * `ids`, which must be exactly the parent's rows (no more, no fewer).
 */
export async function applyOrder(m: EntityManager, table: 'scenarios' | 'scenario_steps', parentColumn: 'segment_id' | 'scenario_id', parentId: string, ids: string[]): Promise<void> {
  const rows: { id: string }[] = await m.query(`SELECT id::text AS id FROM ${table} WHERE ${parentColumn} = $1`, [parentId]);
  const current = new Set(rows.map((r) => r.id));
  const given = new Set(ids);
  if (given.size !== ids.length || given.size !== current.size || ids.some((id) => !current.has(id))) {
    throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'ids must list every item exactly once', [
      { field: 'ids', message: `expected the ${current.size} ids of this list, each once` },
    ]);
  }
  await m.query(
    `UPDATE ${table} t SET position = o.ord::int FROM unnest($1::bigint[]) WITH ORDINALITY AS o(id, ord) WHERE t.id = o.id AND t.${parentColumn} = $2`,
    [ids, parentId],
  );
}
