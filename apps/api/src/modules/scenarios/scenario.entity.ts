import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../database/columns.js';
import { ProductEntity } from '../products/product.entity.js';
import { SegmentEntity } from '../segments/segment.entity.js';
import { UserEntity } from '../users/user.entity.js';

/** What the segment's customers are trying to get done; products hang on its steps. */
@Entity('scenarios')
@Index('ix_scenarios_segment', ['segmentId', 'position'])
export class ScenarioEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT', type: 'bigint', primaryKeyConstraintName: 'pk_scenarios' })
  id: string;

  @Column({ type: 'bigint' })
  segmentId: string;

  @ManyToOne(() => SegmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'segment_id', foreignKeyConstraintName: 'fk_scenarios_segment' })
  segment?: SegmentEntity;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'integer', default: 0 })
  position: number;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

/** An ordered step of a scenario. */
@Entity('scenario_steps')
@Index('ix_scenario_steps_scenario', ['scenarioId', 'position'])
export class ScenarioStepEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT', type: 'bigint', primaryKeyConstraintName: 'pk_scenario_steps' })
  id: string;

  @Column({ type: 'bigint' })
  scenarioId: string;

  @ManyToOne(() => ScenarioEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'scenario_id', foreignKeyConstraintName: 'fk_scenario_steps_scenario' })
  scenario?: ScenarioEntity;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'integer', default: 0 })
  position: number;
}

/**
 * A product owner's product attached to a scenario step, with the job it does
 * there. The segment's CX-owner endorses or rejects it.
 */
@Entity('scenario_attachments')
@Unique('uq_scenario_attachments_step_product', ['stepId', 'productId'])
@Check('ck_scenario_attachments_status', `"status" IN ('proposed','endorsed','rejected')`)
export class AttachmentEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT', type: 'bigint', primaryKeyConstraintName: 'pk_scenario_attachments' })
  id: string;

  @Column({ type: 'bigint' })
  stepId: string;

  @ManyToOne(() => ScenarioStepEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'step_id', foreignKeyConstraintName: 'fk_scenario_attachments_step' })
  step?: ScenarioStepEntity;

  @Index('ix_scenario_attachments_product')
  @Column({ type: 'bigint' })
  productId: string;

  @ManyToOne(() => ProductEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id', foreignKeyConstraintName: 'fk_scenario_attachments_product' })
  product?: ProductEntity;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** The job-map steps this product does the job for (the coverage matrix). */
  @Column({ type: 'varchar', length: 16, array: true, default: () => "'{}'" })
  jobSteps: string[];

  @Column({ type: 'varchar', length: 16, default: 'proposed' })
  status: string;

  @Column({ type: 'text', nullable: true })
  reviewNote: string | null;

  @Column({ type: 'uuid', nullable: true })
  attachedBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'attached_by', foreignKeyConstraintName: 'fk_scenario_attachments_attached_by' })
  attachedByUser?: UserEntity | null;

  @CreatedAt()
  createdAt: Date;
}
