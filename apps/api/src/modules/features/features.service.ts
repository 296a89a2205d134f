import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FeatureSnapshotDto } from '@cxs/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { FEATURE_CATALOGUE } from './feature-catalogue.js';
import { computeAndStoreFeatures, FEATURE_TABLE_COLUMNS } from './features.sql.js';

const SNAPSHOT = `SELECT to_char(as_of, 'YYYY-MM-DD') AS "asOf", lookback_months AS "lookbackMonths", customers,
  non_positive_monetary AS "nonPositiveMonetary", computed_at AS "computedAt" FROM feature_snapshots`;

@Injectable()
export class FeaturesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  catalogue() {
    return { items: FEATURE_CATALOGUE };
  }

  async snapshots(): Promise<{ items: FeatureSnapshotDto[] }> {
    const rows = await this.db.query(`${SNAPSHOT} ORDER BY as_of DESC, lookback_months LIMIT 100`);
    return { items: rows.map((r: FeatureSnapshotDto) => ({ ...r, computedAt: new Date(r.computedAt).toISOString() })) };
  }

  /** Computes (or recomputes) the features of every customer for the window, in one transaction. */
  async compute(asOf: string, lookbackMonths: number, actorId: string): Promise<FeatureSnapshotDto> {
    return this.db.transaction(async (m) => {
      await computeAndStoreFeatures((sql, p) => m.query(sql, p), asOf, lookbackMonths);
      const [row] = await m.query(`${SNAPSHOT} WHERE as_of = $1 AND lookback_months = $2`, [asOf, lookbackMonths]);
      const after = { ...row, computedAt: new Date(row.computedAt).toISOString() };
      await this.audit.record(m, { actorId, action: 'features.compute', subjectType: 'FeatureSnapshot', subjectId: `${asOf}/${lookbackMonths}`, after });
      return after;
    });
  }

  /** Ensures a snapshot exists for the window (computes it when missing). */
  async ensure(asOf: string, lookbackMonths: number): Promise<void> {
    const rows = await this.db.query(`SELECT 1 FROM feature_snapshots WHERE as_of = $1 AND lookback_months = $2`, [asOf, lookbackMonths]);
    if (rows.length === 0) await this.db.transaction((m) => computeAndStoreFeatures((sql, p) => m.query(sql, p), asOf, lookbackMonths));
  }

  /** Customers with charges in the window whose net revenue is ≤ 0 (only refunds): reported, never hidden. */
  async nonPositive(asOf: string, lookbackMonths: number) {
    await this.ensure(asOf, lookbackMonths);
    const items = await this.db.query(
      `SELECT c.id::text AS "customerId", c.name, cf.monetary::text AS monetary, cf.ltv::text AS ltv
       FROM customer_features cf JOIN customers c ON c.id = cf.customer_id
       WHERE cf.as_of = $1 AND cf.lookback_months = $2 AND cf.monetary <= 0
         AND EXISTS (SELECT 1 FROM transactions t WHERE t.customer_id = cf.customer_id AND t.occurred_on <= $1::date
                     AND t.occurred_on > ($1::date - make_interval(months => $2::int))::date)
       ORDER BY cf.monetary, c.id LIMIT 1000`,
      [asOf, lookbackMonths],
    );
    return { items };
  }

  /** A seeded sample of feature rows (≤ 5,000) for the live preview in the browser. */
  async sample(asOf: string, lookbackMonths: number, size = 5000, seed = 42) {
    await this.ensure(asOf, lookbackMonths);
    const rows: { id: string; v: (number | null)[] }[] = await this.db.query(
      `SELECT cf.customer_id::text AS id, ARRAY[${FEATURE_TABLE_COLUMNS.map((c) => `cf.${c}::float8`).join(', ')}] AS v
       FROM customer_features cf WHERE cf.as_of = $1 AND cf.lookback_months = $2
       ORDER BY md5(cf.customer_id::text || ':' || $4::text) LIMIT $3`,
      [asOf, lookbackMonths, size, seed],
    );
    return { columns: [...FEATURE_TABLE_COLUMNS], ids: rows.map((r) => r.id), values: rows.map((r) => r.v) };
  }
}
