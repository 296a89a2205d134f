import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CustomerEntity } from '../customers/customer.entity.js';

@Entity('survey_answers')
@Check('ck_survey_answers_nps', `"nps" IS NULL OR ("nps" >= 0 AND "nps" <= 10)`)
@Check('ck_survey_answers_csat', `"csat" IS NULL OR ("csat" >= 1 AND "csat" <= 5)`)
export class SurveyAnswerEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT', type: 'bigint', primaryKeyConstraintName: 'pk_survey_answers' })
  id: string;

  @Index('uq_survey_answers_external_id', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  externalId: string;

  @Index('ix_survey_answers_customer_id')
  @Column({ type: 'bigint' })
  customerId: string;

  @ManyToOne(() => CustomerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_survey_answers_customer' })
  customer?: CustomerEntity;

  @Column({ type: 'date' })
  answeredOn: string;

  @Column({ type: 'smallint', nullable: true })
  nps: number | null;

  @Column({ type: 'smallint', nullable: true })
  csat: number | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** The import that created this row (undoing the import removes it); null for rows that came otherwise. */
  @Index('ix_survey_answers_import_id')
  @Column({ type: 'bigint', nullable: true })
  importId: string | null;
}
