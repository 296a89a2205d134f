import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each customer's cumulative monthly net revenue (pnl_customer_series): NRR/GRR cohorts and churn read it instead
 * of rescanning two years of pnl_customer_months on every refresh, and an import rewrites only the tails of the
 * customers it touched. Derived data (no foreign keys); existing installations fill it on the next full refresh.
 */
export class CreatePnlCustomerSeries1764020000000 implements MigrationInterface {
  name = 'CreatePnlCustomerSeries1764020000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "pnl_customer_series" ("customer_id" bigint NOT NULL, "first_month" date NOT NULL, "revenue_cents" bigint array NOT NULL, CONSTRAINT "pk_pnl_customer_series" PRIMARY KEY ("customer_id"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "pnl_customer_series"`);
  }
}
