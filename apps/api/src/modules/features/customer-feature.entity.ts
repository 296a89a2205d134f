import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MoneyColumn } from '../../database/columns.js';
import { CustomerEntity } from '../customers/customer.entity.js';

/** Features of one customer as of a date over a lookback window (see features.sql.ts for definitions). */
@Entity('customer_features')
export class CustomerFeatureEntity {
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_customer_features' })
  asOf: string;

  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'pk_customer_features' })
  lookbackMonths: number;

  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_customer_features' })
  customerId: string;

  @ManyToOne(() => CustomerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_customer_features_customer' })
  customer?: CustomerEntity;

  @Column({ type: 'integer', nullable: true })
  recencyDays: number | null;

  @Column({ type: 'integer' })
  frequency: number;

  @MoneyColumn()
  monetary: string;

  @MoneyColumn({ nullable: true })
  avgCheck: string | null;

  @MoneyColumn()
  ltv: string;

  @Column({ type: 'double precision', nullable: true })
  tenureMonths: number | null;

  @MoneyColumn({ nullable: true })
  arpuMonth: string | null;

  @Column({ type: 'double precision' })
  refundShare: number;

  @Column({ type: 'double precision' })
  discountShare: number;

  @Column({ type: 'double precision' })
  overdueShare: number;

  @Column({ type: 'integer' })
  expansionCount: number;

  @Column({ type: 'integer' })
  activeUsersLast: number;

  @Column({ type: 'double precision' })
  activeUsersGrowth: number;

  @Column({ type: 'integer' })
  modulesUsed: number;

  @Column({ type: 'double precision', nullable: true })
  npsLast: number | null;

  @Column({ type: 'double precision', nullable: true })
  npsMean: number | null;

  @MoneyColumn()
  cac: string;
}
