import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../database/columns.js';
import { UserEntity } from '../users/user.entity.js';
import { SegmentEntity } from './segment.entity.js';

/** A CX-owner's proposal to archive, merge or split their segment; the director decides. */
@Entity('segment_proposals')
@Index('ix_segment_proposals_status', ['status', 'createdAt'])
@Check('ck_segment_proposals_kind', `"kind" IN ('archive','merge','split')`)
@Check('ck_segment_proposals_status', `"status" IN ('open','approved','rejected')`)
export class SegmentProposalEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT', type: 'bigint', primaryKeyConstraintName: 'pk_segment_proposals' })
  id: string;

  @Index('ix_segment_proposals_segment')
  @Column({ type: 'bigint' })
  segmentId: string;

  @ManyToOne(() => SegmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'segment_id', foreignKeyConstraintName: 'fk_segment_proposals_segment' })
  segment?: SegmentEntity;

  @Column({ type: 'varchar', length: 16 })
  kind: string;

  /** merge: { otherSegmentId, name }; split: { rule, matchingName, restName }. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload: Record<string, unknown>;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: string;

  @Column({ type: 'uuid', nullable: true })
  proposedBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'proposed_by', foreignKeyConstraintName: 'fk_segment_proposals_proposed_by' })
  proposer?: UserEntity | null;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'decided_by', foreignKeyConstraintName: 'fk_segment_proposals_decided_by' })
  decider?: UserEntity | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  decisionNote: string | null;

  @CreatedAt()
  createdAt: Date;
}
