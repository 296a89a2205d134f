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
// (customer_id, occurred_on) INCLUDE (amount_cents, discount_cents, overdue, type): TypeORM cannot declare a
// covering index, so migration TransactionCentsCoveringIndex owns it (synchronize: false). The feature
// aggregate reads only this index (ADR 0010).
@Index('ix_transactions_customer_date', { synchronize: false })
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

  /**
   * `amount` and `discount` in cents, computed and stored by PostgreSQL (exact: numeric(14,2) × 100 is an
   * integer). The per-customer feature aggregate sums and compares these bigints instead of numerics.
   */
  @Column({ type: 'bigint', generatedType: 'STORED', asExpression: '(amount * 100)::bigint', insert: false, update: false, select: false })
  amountCents: string;

  @Column({ type: 'bigint', generatedType: 'STORED', asExpression: '(discount * 100)::bigint', insert: false, update: false, select: false })
  discountCents: string;

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
