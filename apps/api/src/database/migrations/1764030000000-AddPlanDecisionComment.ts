import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The director's comment when approving or changing a CX-owner's plan (kept apart from the owner's own note). */
export class AddPlanDecisionComment1764030000000 implements MigrationInterface {
  name = 'AddPlanDecisionComment1764030000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "segment_plans" ADD "decision_comment" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "segment_plans" DROP COLUMN "decision_comment"`);
  }
}
