import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MoneyColumn } from '../../database/columns.js';
import { CustomerEntity } from '../customers/customer.entity.js';
import { ProductEntity } from '../products/product.entity.js';

@Entity('deals')
@Check('ck_deals_status', `"status" IN ('won','lost','open')`)
@Check('ck_deals_dates', `"closed_on" IS NULL OR "closed_on" >= "opened_on"`)
export class DealEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT', type: 'bigint', primaryKeyConstraintName: 'pk_deals' })
  id: string;

  @Index('uq_deals_external_id', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  externalId: string;

  @Index('ix_deals_customer_id')
  @Column({ type: 'bigint' })
  customerId: string;

  @ManyToOne(() => CustomerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_deals_customer' })
  customer?: CustomerEntity;

  @Column({ type: 'bigint', nullable: true })
  productId: string | null;

  @ManyToOne(() => ProductEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'product_id', foreignKeyConstraintName: 'fk_deals_product' })
  product?: ProductEntity | null;

  @Column({ type: 'date' })
  openedOn: string;

  @Column({ type: 'date', nullable: true })
  closedOn: string | null;

  @Column({ type: 'varchar', length: 8 })
  status: string;

  @MoneyColumn({ default: 0 })
  amount: string;

  /** The import that created this row (undoing the import removes it); null for rows that came otherwise. */
  @Index('ix_deals_import_id')
  @Column({ type: 'bigint', nullable: true })
  importId: string | null;
}
