import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MoneyColumn } from '../../database/columns.js';
import { CustomerEntity } from '../customers/customer.entity.js';
import { ProductEntity } from '../products/product.entity.js';

/**
 * A billing line. `amount` is what was charged after `discount`; `discount` is
 * what was given away (its own P&L line, never subtracted twice). Refunds are
 * negative amounts.
 */
@Entity('transactions')
@Check('ck_transactions_type', `"type" IN ('payment','refund','expansion','downgrade')`)
@Check('ck_transactions_discount', `"discount" >= 0`)
@Index('ix_transactions_customer_date', ['customerId', 'occurredOn'])
@Index('ix_transactions_date', ['occurredOn'])
export class TransactionEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT', type: 'bigint', primaryKeyConstraintName: 'pk_transactions' })
  id: string;

  @Index('uq_transactions_external_id', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  externalId: string;

  @Column({ type: 'bigint' })
  customerId: string;

  @ManyToOne(() => CustomerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id', foreignKeyConstraintName: 'fk_transactions_customer' })
  customer?: CustomerEntity;

  @Index('ix_transactions_product_id')
  @Column({ type: 'bigint', nullable: true })
  productId: string | null;

  @ManyToOne(() => ProductEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'product_id', foreignKeyConstraintName: 'fk_transactions_product' })
  product?: ProductEntity | null;

  @Column({ type: 'date' })
  occurredOn: string;

  @MoneyColumn()
  amount: string;

  @Column({ type: 'numeric', precision: 12, scale: 3, default: 1 })
  quantity: string;

  @MoneyColumn({ default: 0 })
  discount: string;

  @MoneyColumn({ nullable: true })
  cost: string | null;

  @Column({ type: 'varchar', length: 16 })
  type: string;

  @Column({ type: 'boolean', default: false })
  overdue: boolean;

  @Column({ type: 'varchar', length: 100, nullable: true })
  orderId: string | null;

  /** The import that created this row (undoing the import removes it); null for rows that came otherwise. */
  @Index('ix_transactions_import_id')
  @Column({ type: 'bigint', nullable: true })
  importId: string | null;
}
