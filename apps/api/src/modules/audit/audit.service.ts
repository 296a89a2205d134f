import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditEntryEntity } from './audit-entry.entity.js';

export interface AuditInput {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
  /** The segment this change belongs to, for the segment's history. */
  segmentId?: string | null;
}

/** Appends to the audit log inside the caller's transaction, so a rolled-back change leaves no entry. */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, input: AuditInput): Promise<void> {
    await manager.insert(AuditEntryEntity, {
      actorId: input.actorId,
      action: input.action,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      before: (input.before ?? null) as object,
      after: (input.after ?? null) as object,
      requestId: input.requestId ?? null,
      segmentId: input.segmentId ?? (input.subjectType === 'Segment' ? input.subjectId : null),
    });
  }
}
