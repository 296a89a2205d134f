import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SettingsDto, SupportCostDto } from '@cxs/contracts';
import { DataSource } from 'typeorm';
import { rebuildOpenPeriods } from './rollups.js';
import { ApiException } from '../../common/api-exception.js';
import { AuditService } from '../audit/audit.service.js';
import type { UpdateSettingsDto, UpdateSupportCostsDto } from './pnl.dto.js';

@Injectable()
export class SettingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(): Promise<SettingsDto> {
    const [row] = await this.db.query(
      `SELECT currency, time_zone AS "timeZone", fiscal_year_start_month AS "fiscalYearStartMonth" FROM app_settings WHERE id = 1`,
    );
    return row ?? { currency: 'RUB', timeZone: 'Europe/Moscow', fiscalYearStartMonth: 1 };
  }

  async update(dto: UpdateSettingsDto, actorId: string): Promise<SettingsDto> {
    if (dto.currency !== undefined && !Intl.supportedValuesOf('currency').includes(dto.currency)) {
      throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', `Unknown currency "${dto.currency}"`, [{ field: 'currency', message: 'must be an ISO 4217 currency code' }]);
    }
    if (dto.timeZone !== undefined) {
      try {
        new Intl.DateTimeFormat('en', { timeZone: dto.timeZone });
      } catch {
        throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', `Unknown time zone "${dto.timeZone}"`, [{ field: 'timeZone', message: 'must be an IANA time zone' }]);
      }
    }
    return this.db.transaction(async (m) => {
      const [before] = await m.query(
        `SELECT currency, time_zone AS "timeZone", fiscal_year_start_month AS "fiscalYearStartMonth" FROM app_settings WHERE id = 1 FOR UPDATE`,
      );
      // UPDATE … RETURNING through TypeORM answers [rows, affected].
      const [[after]] = await m.query(
        `UPDATE app_settings SET currency = COALESCE($1, currency), time_zone = COALESCE($2, time_zone),
                fiscal_year_start_month = COALESCE($3, fiscal_year_start_month), updated_at = now()
         WHERE id = 1 RETURNING currency, time_zone AS "timeZone", fiscal_year_start_month AS "fiscalYearStartMonth"`,
        [dto.currency ?? null, dto.timeZone ?? null, dto.fiscalYearStartMonth ?? null],
      );
      // Quarters and years in progress are precomputed for the fiscal calendar: follow a new fiscal-year start.
      if (before && before.fiscalYearStartMonth !== after.fiscalYearStartMonth) await rebuildOpenPeriods(m);
      await this.audit.record(m, { actorId, action: 'settings.update', subjectType: 'Settings', subjectId: '1', before, after });
      return after;
    });
  }

  async supportCosts(): Promise<SupportCostDto[]> {
    return this.db.query(
      `SELECT k.level AS "supportLevel", COALESCE(c.monthly_cost, 0)::text AS "monthlyCost"
       FROM (SELECT support_level AS level FROM support_level_costs UNION SELECT DISTINCT support_level FROM customers WHERE support_level IS NOT NULL) k
       LEFT JOIN support_level_costs c ON c.support_level = k.level ORDER BY 1`,
    );
  }

  /** Replaces the listed levels' costs (cost to serve is read through this table, so no rollup refresh is needed). */
  async updateSupportCosts(dto: UpdateSupportCostsDto, actorId: string): Promise<SupportCostDto[]> {
    await this.db.transaction(async (m) => {
      // Known levels: those in the cost table and those customers have; a typo must not create a new level.
      const known = new Set<string>(
        (await m.query(`SELECT support_level AS l FROM support_level_costs UNION SELECT DISTINCT support_level FROM customers WHERE support_level IS NOT NULL`)).map(
          (r: { l: string }) => r.l,
        ),
      );
      const seen = new Set<string>();
      const problems: { field: string; message: string }[] = [];
      dto.items.forEach((item, i) => {
        if (!known.has(item.supportLevel)) problems.push({ field: `items[${i}].supportLevel`, message: `unknown support level "${item.supportLevel}" (known: ${[...known].sort().join(', ')})` });
        if (seen.has(item.supportLevel)) problems.push({ field: `items[${i}].supportLevel`, message: `"${item.supportLevel}" is listed twice` });
        seen.add(item.supportLevel);
      });
      if (problems.length > 0) throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', `Support costs: ${problems[0].field}: ${problems[0].message}`, problems);
      const before = await m.query(`SELECT support_level AS "supportLevel", monthly_cost::text AS "monthlyCost" FROM support_level_costs ORDER BY 1 FOR UPDATE`);
      for (const item of dto.items) {
        await m.query(
          `INSERT INTO support_level_costs (support_level, monthly_cost) VALUES ($1, $2)
           ON CONFLICT (support_level) DO UPDATE SET monthly_cost = EXCLUDED.monthly_cost, updated_at = now()`,
          [item.supportLevel, item.monthlyCost],
        );
      }
      const after = await m.query(`SELECT support_level AS "supportLevel", monthly_cost::text AS "monthlyCost" FROM support_level_costs ORDER BY 1`);
      await this.audit.record(m, { actorId, action: 'settings.support_costs', subjectType: 'Settings', subjectId: 'support_costs', before, after });
    });
    return this.supportCosts();
  }
}
