import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../database/columns.js';
import { CustomerEntity } from '../customers/customer.entity.js';
import { UserEntity } from '../users/user.entity.js';
import { SegmentationModelEntity, SegmentationModelVersionEntity } from './model.entity.js';

export const RUN_STATUSES = ['queued', 'computing_features', 'clustering', 'saving', 'succeeded', 'failed', 'cancelled'] as const;
export const RUN_ACTIVE_STATUSES = ['queued', 'computing_features', 'clustering', 'saving'] as const;

/** One execution of a model version. Results (clusters, overlay, k-choice, PCA sample) and members are written in one transaction. */
@Entity('segmentation_runs')
@Check('ck_segmentation_runs_status', `"status" IN ('queued','computing_features','clustering','saving','succeeded','failed','cancelled')`)
@Check('ck_segmentation_runs_trigger', `"trigger" IN ('manual','schedule')`)
@Check('ck_segmentation_runs_progress', `"progress" >= 0 AND "progress" <= 100`)
@Index('ix_segmentation_runs_model', ['modelId', 'createdAt'])
@Index('ix_segmentation_runs_status', ['status'])
export class SegmentationRunEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT', type: 'bigint', primaryKeyConstraintName: 'pk_segmentation_runs' })
  id: string;

  @Column({ type: 'bigint' })
  modelId: string;

  @ManyToOne(() => SegmentationModelEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'model_id', foreignKeyConstraintName: 'fk_segmentation_runs_model' })
  model?: SegmentationModelEntity;

  @Column({ type: 'bigint' })
  modelVersionId: string;

  @ManyToOne(() => SegmentationModelVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'model_version_id', foreignKeyConstraintName: 'fk_segmentation_runs_model_version' })
  modelVersion?: SegmentationModelVersionEntity;

  @Column({ type: 'varchar', length: 8 })
  kind: string;

  @Column({ type: 'varchar', length: 24, default: 'queued' })
  status: string;

  @Column({ type: 'smallint', default: 0 })
  progress: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'boolean', default: false })
  cancelRequested: boolean;

  @Column({ type: 'varchar', length: 16, default: 'manual' })
  trigger: string;

  @Column({ type: 'date' })
  asOf: string;

  @Column({ type: 'smallint' })
  lookbackMonths: number;

  @Column({ type: 'integer' })
  seed: number;

  @Column({ type: 'integer', nullable: true })
  customerCount: number | null;

  @Column({ type: 'jsonb', nullable: true })
  results: object | null;

  @Column({ type: 'uuid', nullable: true })
  requestedBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'requested_by', foreignKeyConstraintName: 'fk_segmentation_runs_requested_by' })
  requester?: UserEntity | null;

  @CreatedAt()
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}

/** A customer's cluster in a run (and PCA coordinates for the sampled scatter). */
@Entity('segmentation_run_members')
@Index('ix_segmentation_run_members_label', ['runId', 'label'])
export class SegmentationRunMemberEntity {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_segmentation_run_members' })
  runId: string;

  @ManyToOne(() => SegmentationRunEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id', foreignKeyConstraintName: 'fk_segmentation_run_members_run' })
  run?: SegmentationRunEntity;

  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_segmentation_run_members' })
  customerId: string;

  @ManyToOne(() => CustomerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_segmentation_run_members_customer' })
  customer?: CustomerEntity;

  @Column({ type: 'varchar', length: 64 })
  label: string;
}
