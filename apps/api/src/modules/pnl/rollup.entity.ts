import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { MoneyColumn } from '../../database/columns.js';

// Monthly rollups behind every P&L page (never a scan of transactions per view).
// segment_id 0 = "unsegmented" (no membership on the transaction's date),
// product_id 0 = a line without a product. No foreign keys: rollups are
// derived data, rebuilt by refreshRollups() and never edited by hand.

/**
 * Money per (customer, month, segment on the transaction date): the base the other rollups are built from. No product
 * grain: money per product comes from the transactions of the changed months (pnl_segment_product_months).
 */
@Entity('pnl_customer_months')
@Index('ix_pnl_customer_months_segment_month', ['segmentId', 'month'])
export class PnlCustomerMonthEntity {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_pnl_customer_months' })
  customerId: string;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_pnl_customer_months' })
  month: string;

  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_pnl_customer_months' })
  segmentId: string;

  @MoneyColumn()
  netRevenue: string;

  @MoneyColumn()
  expansionRevenue: string;

  @MoneyColumn()
  discounts: string;

  @MoneyColumn()
  refunds: string;

  @MoneyColumn()
  cogs: string;

  @Column({ type: 'integer' })
  txCount: number;

  @Column({ type: 'date' })
  firstTxOn: string;

  @Column({ type: 'date' })
  lastTxOn: string;
}

/** Money per (segment, month, cohort = month of the customer's first-ever transaction): new revenue for any period. */
@Entity('pnl_segment_months')
export class PnlSegmentMonthEntity {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_pnl_segment_months' })
  segmentId: string;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_pnl_segment_months' })
  month: string;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_pnl_segment_months' })
  cohortMonth: string;

  @MoneyColumn()
  netRevenue: string;

  @MoneyColumn()
  expansionRevenue: string;

  @MoneyColumn()
  discounts: string;

  @MoneyColumn()
  refunds: string;

  @MoneyColumn()
  cogs: string;

  @Column({ type: 'integer' })
  txCount: number;

  @Column({ type: 'integer' })
  customers: number;
}

/** Money per (segment, product, month): product revenue by segment, no double counting across scenarios. */
@Entity('pnl_segment_product_months')
@Index('ix_pnl_segment_product_months_product', ['productId', 'month'])
export class PnlSegmentProductMonthEntity {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_pnl_segment_product_months' })
  segmentId: string;

  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_pnl_segment_product_months' })
  productId: string;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_pnl_segment_product_months' })
  month: string;

  @MoneyColumn()
  netRevenue: string;

  @MoneyColumn()
  discounts: string;

  @MoneyColumn()
  refunds: string;

  @MoneyColumn()
  cogs: string;

  @Column({ type: 'integer' })
  customers: number;
}

/** Customer state per (segment, month): counts, acquisition cost, churn. */
@Entity('pnl_segment_stats')
export class PnlSegmentStatEntity {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_pnl_segment_stats' })
  segmentId: string;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_pnl_segment_stats' })
  month: string;

  @Column({ type: 'integer', default: 0 })
  membersAtStart: number;

  @Column({ type: 'integer', default: 0 })
  membersAtEnd: number;

  @Column({ type: 'integer', default: 0 })
  movedIn: number;

  @Column({ type: 'integer', default: 0 })
  movedOut: number;

  @Column({ type: 'integer', default: 0 })
  newCustomers: number;

  @MoneyColumn({ default: 0 })
  acquisitionCost: string;

  @Column({ type: 'integer', default: 0 })
  churned: number;
}

/** Active customers per (segment, month, support level): cost to serve = count × the director's cost table, at read time. */
@Entity('pnl_segment_serve_months')
export class PnlSegmentServeMonthEntity {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_pnl_segment_serve_months' })
  segmentId: string;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_pnl_segment_serve_months' })
  month: string;

  @PrimaryColumn({ type: 'varchar', length: 32, primaryKeyConstraintName: 'pk_pnl_segment_serve_months' })
  supportLevel: string;

  @Column({ type: 'integer' })
  customers: number;
}

/**
 * Per (segment, period start, length in months) for the lengths of the period picker's month / quarter / year
 * (1, 3, 12) and every start month with data: active customers (distinct, by the segment on the transaction
 * date) and the NRR/GRR cohort (members on the period's first day with revenue in the period before).
 * Other lengths are computed live on request.
 */
@Entity('pnl_segment_periods')
export class PnlSegmentPeriodEntity {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_pnl_segment_periods' })
  segmentId: string;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_pnl_segment_periods' })
  periodStart: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_pnl_segment_periods' })
  months: number;

  @Column({ type: 'integer', default: 0 })
  activeCustomers: number;

  @Column({ type: 'integer', default: 0 })
  cohortCustomers: number;

  @MoneyColumn({ default: 0 })
  previousRevenue: string;

  @MoneyColumn({ default: 0 })
  currentRevenue: string;

  @MoneyColumn({ default: 0 })
  cappedRevenue: string;
}

/** Each customer's first-ever month and the segment of that first transaction (cohorts, new customers, CAC). */
@Entity('pnl_customer_firsts')
export class PnlCustomerFirstEntity {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_pnl_customer_firsts' })
  customerId: string;

  @Column({ type: 'date' })
  firstMonth: string;

  @Column({ type: 'bigint' })
  firstSegmentId: string;
}

/**
 * Each customer's net revenue as a cumulative monthly series from their first month: revenue_cents[k] = net revenue of
 * months first_month … first_month + k − 1 (all segments, in cents), up to their last month with data. Revenue of any
 * window is two lookups, so NRR/GRR cohorts and churn need no rescan of pnl_customer_months, and an import
 * only rewrites the tails of the customers it touched.
 */
@Entity('pnl_customer_series')
export class PnlCustomerSeriesEntity {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_pnl_customer_series' })
  customerId: string;

  @Column({ type: 'date' })
  firstMonth: string;

  /** Integer cents: fixed-width elements, so a lookup is O(1) (numeric[] elements are walked one by one). */
  @Column({ type: 'bigint', array: true })
  revenueCents: string[];
}

/** One row: the rollups' version (bumped by every refresh; keys the API's response cache) and the months covered. */
@Entity('pnl_rollup_state')
@Check('ck_pnl_rollup_state_singleton', `"id" = 1`)
export class PnlRollupStateEntity {
  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'pk_pnl_rollup_state' })
  id: number;

  @Column({ type: 'bigint', default: 0 })
  version: string;

  @Column({ type: 'date', nullable: true })
  firstMonth: string | null;

  @Column({ type: 'date', nullable: true })
  lastMonth: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  refreshedAt: Date | null;
}
