import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * P&L at 200k customers / 10M transactions: NRR/GRR and active customers precomputed per segment × period start
 * × length (1, 3, 12 months), each customer's first month kept between refreshes (incremental cohorts), one state
 * row (version for the response cache, months covered), and the index the rollup build and the cohort lookups
 * need: memberships by customer and date.
 */
export class AddPnlPeriodRollups1763955000000 implements MigrationInterface {
  name = 'AddPnlPeriodRollups1763955000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "pnl_segment_periods" ("segment_id" bigint NOT NULL, "period_start" date NOT NULL, "months" integer NOT NULL, "active_customers" integer NOT NULL DEFAULT '0', "cohort_customers" integer NOT NULL DEFAULT '0', "previous_revenue" numeric(14,2) NOT NULL DEFAULT '0', "current_revenue" numeric(14,2) NOT NULL DEFAULT '0', "capped_revenue" numeric(14,2) NOT NULL DEFAULT '0', CONSTRAINT "pk_pnl_segment_periods" PRIMARY KEY ("segment_id", "period_start", "months"))`);
    await queryRunner.query(`CREATE TABLE "pnl_customer_firsts" ("customer_id" bigint NOT NULL, "first_month" date NOT NULL, "first_segment_id" bigint NOT NULL, CONSTRAINT "pk_pnl_customer_firsts" PRIMARY KEY ("customer_id"))`);
    await queryRunner.query(`CREATE TABLE "pnl_rollup_state" ("id" smallint NOT NULL, "version" bigint NOT NULL DEFAULT '0', "first_month" date, "last_month" date, "refreshed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_pnl_rollup_state_singleton" CHECK ("id" = 1), CONSTRAINT "pk_pnl_rollup_state" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_segment_memberships_customer" ON "segment_memberships"  ("customer_id", "valid_from") `);
    // Existing installations: the new rollups are filled by the next refresh; the state row exists from the start.
    await queryRunner.query(`INSERT INTO "pnl_rollup_state" ("id") VALUES (1)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_segment_memberships_customer"`);
    await queryRunner.query(`DROP TABLE "pnl_rollup_state"`);
    await queryRunner.query(`DROP TABLE "pnl_customer_firsts"`);
    await queryRunner.query(`DROP TABLE "pnl_segment_periods"`);
  }
}
