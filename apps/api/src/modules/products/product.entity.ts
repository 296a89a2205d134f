import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, MoneyColumn, UpdatedAt } from '../../database/columns.js';
import { UserEntity } from '../users/user.entity.js';

@Entity('products')
@Check('ck_products_tier', `"tier" IN ('basic','professional','enterprise')`)
@Check('ck_products_cost_share', `"cost_share" IS NULL OR ("cost_share" >= 0 AND "cost_share" <= 1)`)
export class ProductEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT', type: 'bigint', primaryKeyConstraintName: 'pk_products' })
  id: string;

  @Index('uq_products_external_id', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  externalId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 16 })
  tier: string;

  @MoneyColumn({ default: 0 })
  price: string;

  @MoneyColumn({ nullable: true })
  unitCost: string | null;

  @Column({ type: 'numeric', precision: 5, scale: 4, nullable: true })
  costShare: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  modules: string[];

  @Index('ix_products_owner_id')
  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_products_owner' })
  owner?: UserEntity | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;

  /** The import that created this row (undoing the import removes it); null for rows that came otherwise. */
  @Index('ix_products_import_id')
  @Column({ type: 'bigint', nullable: true })
  importId: string | null;
}
