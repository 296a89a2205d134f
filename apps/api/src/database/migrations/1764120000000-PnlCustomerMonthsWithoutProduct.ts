import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * pnl_customer_months loses its product grain: one row per (customer, month, segment) instead of one per product
 * too. An import of a month in which each customer bought several products wrote ~4.5 rows per customer into this
 * indexed table (most of the refresh time after a 1M-row import); money per (segment, product, month) is now
 * aggregated straight from the changed months' transactions. Derived data: the rows are folded in place.
 */
export class PnlCustomerMonthsWithoutProduct1764120000000 implements MigrationInterface {
  name = 'PnlCustomerMonthsWithoutProduct1764120000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TEMP TABLE pnl_cm_fold ON COMMIT DROP AS
      SELECT customer_id, month, segment_id, SUM(net_revenue) AS net_revenue, SUM(expansion_revenue) AS expansion_revenue,
             SUM(discounts) AS discounts, SUM(refunds) AS refunds, SUM(cogs) AS cogs, SUM(tx_count)::int AS tx_count,
             MIN(first_tx_on) AS first_tx_on, MAX(last_tx_on) AS last_tx_on
      FROM pnl_customer_months GROUP BY 1, 2, 3`);
    await queryRunner.query(`TRUNCATE "pnl_customer_months"`);
    await queryRunner.query(`ALTER TABLE "pnl_customer_months" DROP CONSTRAINT "pk_pnl_customer_months"`);
    await queryRunner.query(`ALTER TABLE "pnl_customer_months" DROP COLUMN "product_id"`);
    await queryRunner.query(`ALTER TABLE "pnl_customer_months" ADD CONSTRAINT "pk_pnl_customer_months" PRIMARY KEY ("customer_id", "month", "segment_id")`);
    await queryRunner.query(`INSERT INTO "pnl_customer_months" SELECT customer_id, month, segment_id, net_revenue, expansion_revenue, discounts, refunds, cogs, tx_count, first_tx_on, last_tx_on FROM pnl_cm_fold`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The product split cannot be recovered from the folded rows: the next full refresh (refreshRollups({ all: true }))
    // rebuilds them; until then each row stands for its products together (product 0).
    await queryRunner.query(`ALTER TABLE "pnl_customer_months" DROP CONSTRAINT "pk_pnl_customer_months"`);
    await queryRunner.query(`ALTER TABLE "pnl_customer_months" ADD "product_id" bigint NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE "pnl_customer_months" ALTER COLUMN "product_id" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "pnl_customer_months" ADD CONSTRAINT "pk_pnl_customer_months" PRIMARY KEY ("customer_id", "month", "segment_id", "product_id")`);
  }
}
