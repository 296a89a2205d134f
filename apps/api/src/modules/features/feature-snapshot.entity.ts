import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One computation of every customer's features for (as-of date, lookback). */
@Entity('feature_snapshots')
export class FeatureSnapshotEntity {
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_feature_snapshots' })
  asOf: string;

  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'pk_feature_snapshots' })
  lookbackMonths: number;

  @Column({ type: 'integer' })
  customers: number;

  /** Customers with transactions in the window whose net revenue is ≤ 0 (only refunds): reported, not hidden. */
  @Column({ type: 'integer' })
  nonPositiveMonetary: number;

  @Column({ type: 'timestamptz' })
  computedAt: Date;
}
