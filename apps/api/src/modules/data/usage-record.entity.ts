import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CustomerEntity } from '../customers/customer.entity.js';

/** Product analytics per customer and month (period = first day of the month). */
@Entity('usage_records')
@Unique('uq_usage_records_customer_period', ['customerId', 'period'])
@Check('ck_usage_records_non_negative', `"active_users" >= 0 AND "events" >= 0 AND "modules_used" >= 0`)
export class UsageRecordEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT', type: 'bigint', primaryKeyConstraintName: 'pk_usage_records' })
  id: string;

  @Column({ type: 'bigint' })
  customerId: string;

  @ManyToOne(() => CustomerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_usage_records_customer' })
  customer?: CustomerEntity;

  @Column({ type: 'date' })
  period: string;

  @Column({ type: 'integer', default: 0 })
  activeUsers: number;

  @Column({ type: 'integer', default: 0 })
  events: number;

  @Column({ type: 'integer', default: 0 })
  modulesUsed: number;

  /** The import that created this row (undoing the import removes it); null for rows that came otherwise. */
  @Index('ix_usage_records_import_id')
  @Column({ type: 'bigint', nullable: true })
  importId: string | null;
}
