import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, MoneyColumn, UpdatedAt } from '../../database/columns.js';
import { OutcomeEntity } from '../job-maps/outcome.entity.js';
import { ProductEntity } from '../products/product.entity.js';
import { ScenarioEntity } from '../scenarios/scenario.entity.js';
import { SegmentEntity } from '../segments/segment.entity.js';
import { UserEntity } from '../users/user.entity.js';

/** A piece of work on a segment's value stream, moved across the stages. */
@Entity('initiatives')
@Index('ix_initiatives_segment', ['segmentId', 'stage', 'position'])
@Check('ck_initiatives_stage', `"stage" IN ('research','development','marketing','sales','onboarding','service')`)
@Check('ck_initiatives_status', `"status" IN ('planned','in_progress','blocked','done')`)
@Check('ck_initiatives_dates', `"done_on" IS NULL OR "started_on" IS NULL OR "done_on" >= "started_on"`)
export class InitiativeEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT', type: 'bigint', primaryKeyConstraintName: 'pk_initiatives' })
  id: string;

  @Column({ type: 'bigint' })
  segmentId: string;

  @ManyToOne(() => SegmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'segment_id', foreignKeyConstraintName: 'fk_initiatives_segment' })
  segment?: SegmentEntity;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_initiatives_owner' })
  owner?: UserEntity | null;

  @Column({ type: 'varchar', length: 16 })
  stage: string;

  @Column({ type: 'varchar', length: 16, default: 'planned' })
  status: string;

  @MoneyColumn({ nullable: true })
  cost: string | null;

  @Column({ type: 'text', nullable: true })
  expectedEffect: string | null;

  @Column({ type: 'bigint', nullable: true })
  scenarioId: string | null;

  @ManyToOne(() => ScenarioEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'scenario_id', foreignKeyConstraintName: 'fk_initiatives_scenario' })
  scenario?: ScenarioEntity | null;

  @Column({ type: 'bigint', nullable: true })
  outcomeId: string | null;

  @ManyToOne(() => OutcomeEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'outcome_id', foreignKeyConstraintName: 'fk_initiatives_outcome' })
  outcome?: OutcomeEntity | null;

  @Column({ type: 'bigint', nullable: true })
  productId: string | null;

  @ManyToOne(() => ProductEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'product_id', foreignKeyConstraintName: 'fk_initiatives_product' })
  product?: ProductEntity | null;

  /** Set when the initiative first goes in progress; lead time runs from here to done. */
  @Column({ type: 'date', nullable: true })
  startedOn: string | null;

  @Column({ type: 'date', nullable: true })
  doneOn: string | null;

  @Column({ type: 'integer', default: 0 })
  position: number;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
