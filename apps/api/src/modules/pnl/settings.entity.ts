import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { MoneyColumn, UpdatedAt } from '../../database/columns.js';

/** One row (id = 1): the installation's reporting currency, time zone and fiscal-year start. The director edits it. */
@Entity('app_settings')
@Check('ck_app_settings_singleton', `"id" = 1`)
@Check('ck_app_settings_fiscal_year_start', `"fiscal_year_start_month" BETWEEN 1 AND 12`)
export class AppSettingsEntity {
  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'pk_app_settings' })
  id: number;

  @Column({ type: 'varchar', length: 3, default: 'RUB' })
  currency: string;

  @Column({ type: 'varchar', length: 64, default: 'Europe/Moscow' })
  timeZone: string;

  @Column({ type: 'smallint', default: 1 })
  fiscalYearStartMonth: number;

  @UpdatedAt()
  updatedAt: Date;
}

/** Cost to serve: what one customer of a support level costs per month they are active. */
@Entity('support_level_costs')
@Check('ck_support_level_costs_non_negative', `"monthly_cost" >= 0`)
export class SupportLevelCostEntity {
  @PrimaryColumn({ type: 'varchar', length: 32, primaryKeyConstraintName: 'pk_support_level_costs' })
  supportLevel: string;

  @MoneyColumn()
  monthlyCost: string;

  @UpdatedAt()
  updatedAt: Date;
}
