import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../database/columns.js';
import { UserEntity } from '../users/user.entity.js';

/** A segmentation model (ABCDX k-means, RFM or rules). Its parameters live in immutable versions. */
@Entity('segmentation_models')
@Check('ck_segmentation_models_kind', `"kind" IN ('abcdx','rfm','rule')`)
@Check('ck_segmentation_models_status', `"status" IN ('active','archived')`)
@Check('ck_segmentation_models_schedule', `"schedule" IS NULL OR "schedule" IN ('monthly')`)
export class SegmentationModelEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT', type: 'bigint', primaryKeyConstraintName: 'pk_segmentation_models' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 8 })
  kind: string;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  schedule: string | null;

  /** Next scheduled run date (the as-of date it will use is the last day of the previous month). */
  @Column({ type: 'date', nullable: true })
  nextRunOn: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_segmentation_models_created_by' })
  creator?: UserEntity | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

/** One saved state of a model's parameters. Never updated: saving creates the next version. */
@Entity('segmentation_model_versions')
@Unique('uq_segmentation_model_versions_model_version', ['modelId', 'version'])
@Check('ck_segmentation_model_versions_version', `"version" >= 1`)
export class SegmentationModelVersionEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT', type: 'bigint', primaryKeyConstraintName: 'pk_segmentation_model_versions' })
  id: string;

  @Column({ type: 'bigint' })
  modelId: string;

  @ManyToOne(() => SegmentationModelEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'model_id', foreignKeyConstraintName: 'fk_segmentation_model_versions_model' })
  model?: SegmentationModelEntity;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  spec: object;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_segmentation_model_versions_created_by' })
  creator?: UserEntity | null;

  @CreatedAt()
  createdAt: Date;
}
