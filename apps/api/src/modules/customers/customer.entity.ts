import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, MoneyColumn, UpdatedAt } from '../../database/columns.js';

@Entity('customers')
// The customer list's default order (name, then id): a page is an index range, not a sort of every customer.
@Index('ix_customers_name_id', ['name', 'id'])
@Check('ck_customers_size_band', `"size_band" IS NULL OR "size_band" IN ('S','M','L')`)
@Check('ck_customers_business_model', `"business_model" IS NULL OR "business_model" IN ('B2B','B2C','B2B2C')`)
@Check('ck_customers_employees', `"employees" IS NULL OR "employees" >= 0`)
export class CustomerEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'BY DEFAULT', type: 'bigint', primaryKeyConstraintName: 'pk_customers' })
  id: string;

  @Index('uq_customers_external_id', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  externalId: string;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Index('ix_customers_industry')
  @Column({ type: 'varchar', length: 100, nullable: true })
  industry: string | null;

  @Column({ type: 'varchar', length: 1, nullable: true })
  sizeBand: string | null;

  @Column({ type: 'integer', nullable: true })
  employees: number | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  region: string | null;

  @Column({ type: 'varchar', length: 5, nullable: true })
  businessModel: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  acquisitionChannel: string | null;

  @MoneyColumn({ nullable: true })
  cac: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  supportLevel: string | null;

  @Column({ type: 'date', nullable: true })
  firstSeen: string | null;

  @Column({ type: 'varchar', length: 320, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  phone: string | null;

  /** Created from a transaction whose customer the CRM did not have, so revenue is never lost. */
  @Column({ type: 'boolean', default: false })
  notInCrm: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  erasedAt: Date | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;

  /** The import that created this row (undoing the import removes it); null for rows that came otherwise. */
  @Index('ix_customers_import_id')
  @Column({ type: 'bigint', nullable: true })
  importId: string | null;
}
