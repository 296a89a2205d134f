import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CustomerEntity } from '../customers/customer.entity.js';

export interface OutcomeRating {
  step: string;
  outcome: string;
  importance: number;
  satisfaction: number;
}

/** A JTBD interview: business and people context, triggers, jobs and rated outcomes. */
@Entity('interviews')
export class InterviewEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT', type: 'bigint', primaryKeyConstraintName: 'pk_interviews' })
  id: string;

  @Index('uq_interviews_external_id', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  externalId: string;

  @Index('ix_interviews_customer_id')
  @Column({ type: 'bigint', nullable: true })
  customerId: string | null;

  @ManyToOne(() => CustomerEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_interviews_customer' })
  customer?: CustomerEntity | null;

  @Column({ type: 'date' })
  interviewedOn: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  businessContext: Record<string, unknown>;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  peopleContext: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  triggers: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  jobs: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  outcomeRatings: OutcomeRating[];

  /** The import that created this row (undoing the import removes it); null for rows that came otherwise. */
  @Index('ix_interviews_import_id')
  @Column({ type: 'bigint', nullable: true })
  importId: string | null;
}
