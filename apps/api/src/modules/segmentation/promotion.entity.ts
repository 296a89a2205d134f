import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../database/columns.js';
import { SegmentEntity } from '../segments/segment.entity.js';
import { UserEntity } from '../users/user.entity.js';
import { SegmentationRunEntity } from './run.entity.js';

/** An analyst's proposal to make a run's cluster / RFM group / rule result a managed segment; the director decides. */
@Entity('segment_promotions')
@Check('ck_segment_promotions_status', `"status" IN ('proposed','approved','rejected')`)
@Check('ck_segment_promotions_target', `"target_segment_id" IS NOT NULL OR "new_segment_name" IS NOT NULL`)
@Index('ix_segment_promotions_status', ['status', 'createdAt'])
export class SegmentPromotionEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT', type: 'bigint', primaryKeyConstraintName: 'pk_segment_promotions' })
  id: string;

  @Column({ type: 'bigint' })
  runId: string;

  @ManyToOne(() => SegmentationRunEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id', foreignKeyConstraintName: 'fk_segment_promotions_run' })
  run?: SegmentationRunEntity;

  @Column({ type: 'varchar', length: 64 })
  label: string;

  /** Update an existing segment's membership… */
  @Column({ type: 'bigint', nullable: true })
  targetSegmentId: string | null;

  @ManyToOne(() => SegmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'target_segment_id', foreignKeyConstraintName: 'fk_segment_promotions_target_segment' })
  targetSegment?: SegmentEntity | null;

  /** …or create a new one with this name. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  newSegmentName: string | null;

  @Column({ type: 'date' })
  effectiveDate: string;

  @Column({ type: 'varchar', length: 16, default: 'proposed' })
  status: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'uuid', nullable: true })
  proposedBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'proposed_by', foreignKeyConstraintName: 'fk_segment_promotions_proposed_by' })
  proposer?: UserEntity | null;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'decided_by', foreignKeyConstraintName: 'fk_segment_promotions_decided_by' })
  decider?: UserEntity | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** The segment that received the members (set on approval). */
  @Column({ type: 'bigint', nullable: true })
  segmentId: string | null;

  @ManyToOne(() => SegmentEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'segment_id', foreignKeyConstraintName: 'fk_segment_promotions_segment' })
  segment?: SegmentEntity | null;

  @Column({ type: 'integer', nullable: true })
  membersMoved: number | null;

  @CreatedAt()
  createdAt: Date;
}
