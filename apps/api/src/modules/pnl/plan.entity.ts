import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAt, MoneyColumn, UpdatedAt } from '../../database/columns.js';
import { SegmentEntity } from '../segments/segment.entity.js';
import { UserEntity } from '../users/user.entity.js';

/** Targets for one segment and period: a CX-owner proposes, the director approves (possibly changed). */
@Entity('segment_plans')
@Unique('uq_segment_plans_segment_period', ['segmentId', 'periodKind', 'periodStart'])
@Check('ck_segment_plans_kind', `"period_kind" IN ('month','quarter','year')`)
@Check('ck_segment_plans_status', `"status" IN ('proposed','approved')`)
export class SegmentPlanEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT', type: 'bigint', primaryKeyConstraintName: 'pk_segment_plans' })
  id: string;

  @Column({ type: 'bigint' })
  segmentId: string;

  @ManyToOne(() => SegmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'segment_id', foreignKeyConstraintName: 'fk_segment_plans_segment' })
  segment?: SegmentEntity;

  @Column({ type: 'varchar', length: 8 })
  periodKind: string;

  @Column({ type: 'date' })
  periodStart: string;

  @MoneyColumn()
  revenueTarget: string;

  @MoneyColumn()
  marginTarget: string;

  @Column({ type: 'integer' })
  customersTarget: number;

  @Column({ type: 'varchar', length: 16, default: 'proposed' })
  status: string;

  @Index('ix_segment_plans_proposed_by')
  @Column({ type: 'uuid', nullable: true })
  proposedBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'proposed_by', foreignKeyConstraintName: 'fk_segment_plans_proposed_by' })
  proposer?: UserEntity | null;

  @Column({ type: 'uuid', nullable: true })
  approvedBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'approved_by', foreignKeyConstraintName: 'fk_segment_plans_approved_by' })
  approver?: UserEntity | null;

  @Column({ type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** The director's comment on approving or changing the targets. */
  @Column({ type: 'text', nullable: true })
  decisionComment: string | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
