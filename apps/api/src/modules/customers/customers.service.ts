import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AppAbility } from '@cxs/authz';
import type { CustomerDetail, CustomerFacets, CustomerListItem, Page } from '@cxs/contracts';
import { DataSource } from 'typeorm';
import { customerScope, transactionScope } from '../../authz/scope.js';
import { notFound } from '../../common/api-exception.js';
import type { CustomerQueryDto } from './customer.dto.js';

const SORTS: Record<string, string> = {
  name: 'c.name',
  revenue: 'COALESCE(agg.revenue, 0)',
  lastTransactionOn: 'agg.last_transaction_on',
  employees: 'c.employees',
};

// Everything a list row needs, aggregated in SQL (never a JS loop over transactions).
const LIST_COLUMNS = `
  c.id::text AS id, c.external_id, c.name, c.industry, c.size_band, c.employees, c.region, c.business_model,
  c.support_level, c.not_in_crm,
  cur.segment_id::text AS segment_id, cur.segment_name,
  COALESCE(agg.revenue, 0)::text AS revenue, agg.last_transaction_on::text AS last_transaction_on`;

// Cents (an exact generated copy of amount) are in the (customer_id, occurred_on) index, so unless the scope
// needs the product (a product owner sees revenue of their products only) each customer's lines are read from
// the index alone. The products join is left out when unused: PostgreSQL 15 would remove it, but only after
// deciding the scan needs product_id, which rules out the index-only scan.
const listJoins = (txFilter: string) => `
  LEFT JOIN LATERAL (
    SELECT sm.segment_id, s.name AS segment_name FROM segment_memberships sm JOIN segments s ON s.id = sm.segment_id
    WHERE sm.customer_id = c.id AND sm.valid_from <= CURRENT_DATE AND (sm.valid_to IS NULL OR sm.valid_to >= CURRENT_DATE)
    LIMIT 1
  ) cur ON TRUE
  LEFT JOIN LATERAL (
    SELECT SUM(t.amount_cents) * 0.01 AS revenue, MAX(t.occurred_on) AS last_transaction_on
    FROM transactions t ${txFilter === 'TRUE' ? '' : 'LEFT JOIN products p ON p.id = t.product_id'} WHERE t.customer_id = c.id AND ${txFilter}
  ) agg ON TRUE`;

type Row = Record<string, string | number | boolean | null>;

function toListItem(r: Row): CustomerListItem {
  return {
    id: String(r.id),
    externalId: String(r.external_id),
    name: String(r.name),
    industry: (r.industry as string) ?? null,
    sizeBand: (r.size_band as CustomerListItem['sizeBand']) ?? null,
    employees: (r.employees as number) ?? null,
    region: (r.region as string) ?? null,
    businessModel: (r.business_model as CustomerListItem['businessModel']) ?? null,
    supportLevel: (r.support_level as string) ?? null,
    notInCrm: Boolean(r.not_in_crm),
    segmentId: (r.segment_id as string) ?? null,
    segmentName: (r.segment_name as string) ?? null,
    revenue: String(r.revenue),
    lastTransactionOn: (r.last_transaction_on as string) ?? null,
  };
}

@Injectable()
export class CustomersService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(ability: AppAbility, q: CustomerQueryDto): Promise<Page<CustomerListItem>> {
    const scope = customerScope(ability, 'c');
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    if (!scope) return { items: [], total: 0, page, pageSize };
    const params: unknown[] = [...scope.params];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = [scope.sql];
    if (q.q) where.push(`(c.name ILIKE ${p(`%${q.q.replace(/[%_\\]/g, '\\$&')}%`)} OR c.external_id ILIKE ${p(`${q.q.replace(/[%_\\]/g, '\\$&')}%`)})`);
    if (q.industry) where.push(q.industry === 'unknown' ? 'c.industry IS NULL' : `c.industry = ${p(q.industry)}`);
    if (q.sizeBand) where.push(q.sizeBand === 'unknown' ? 'c.size_band IS NULL' : `c.size_band = ${p(q.sizeBand)}`);
    if (q.businessModel) where.push(`c.business_model = ${p(q.businessModel)}`);
    if (q.segmentId)
      where.push(
        `EXISTS (SELECT 1 FROM segment_memberships smf WHERE smf.customer_id = c.id AND smf.segment_id = ${p(q.segmentId)} AND smf.valid_from <= CURRENT_DATE AND (smf.valid_to IS NULL OR smf.valid_to >= CURRENT_DATE))`,
      );
    const whereSql = where.join(' AND ');
    // The count runs on its own pooled connection while the page is read (at 1M customers each takes ~40 ms).
    const counted = this.db.query(`SELECT COUNT(*)::int AS total FROM customers c WHERE ${whereSql}`, [...params]);
    // Revenue shown is only what the user may see (a product owner: their own products).
    const tx = transactionScope(ability, 't', 'p', params.length + 1) ?? { sql: 'FALSE', params: [] };
    params.push(...tx.params);
    const sort = SORTS[q.sort ?? 'name'];
    const order = (q.order ?? (q.sort === 'revenue' ? 'desc' : 'asc')).toUpperCase();
    // Sorted by a customer column: pick the page's ids first, so the per-row joins (segment,
    // revenue) run for 50 rows, not for every row the OFFSET skips (seconds on deep pages at 200k).
    const sql = q.sort === 'revenue' || q.sort === 'lastTransactionOn'
      ? `SELECT ${LIST_COLUMNS} FROM customers c ${listJoins(tx.sql)} WHERE ${whereSql}
         ORDER BY ${sort} ${order} NULLS LAST, c.id ASC LIMIT ${p(pageSize)} OFFSET ${p((page - 1) * pageSize)}`
      : `WITH page AS (SELECT c.id FROM customers c WHERE ${whereSql}
                       ORDER BY ${sort} ${order} NULLS LAST, c.id ASC LIMIT ${p(pageSize)} OFFSET ${p((page - 1) * pageSize)})
         SELECT ${LIST_COLUMNS} FROM page JOIN customers c ON c.id = page.id ${listJoins(tx.sql)}
         ORDER BY ${sort} ${order} NULLS LAST, c.id ASC`;
    const [rows, [{ total }]] = (await Promise.all([this.db.query(sql, params), counted])) as [Row[], { total: number }[]];
    return { items: rows.map(toListItem), total, page, pageSize };
  }

  async facets(ability: AppAbility): Promise<CustomerFacets> {
    const scope = customerScope(ability, 'c');
    if (!scope) return { industries: [], regions: [], sizeBands: [], businessModels: [] };
    const [row] = await this.db.query(
      `SELECT
         COALESCE(array_agg(DISTINCT c.industry) FILTER (WHERE c.industry IS NOT NULL), '{}') AS industries,
         COALESCE(array_agg(DISTINCT c.region) FILTER (WHERE c.region IS NOT NULL), '{}') AS regions,
         COALESCE(array_agg(DISTINCT c.size_band) FILTER (WHERE c.size_band IS NOT NULL), '{}') AS size_bands,
         COALESCE(array_agg(DISTINCT c.business_model) FILTER (WHERE c.business_model IS NOT NULL), '{}') AS business_models
       FROM customers c WHERE ${scope.sql}`,
      scope.params,
    );
    const sortBands = (a: string, b: string) => 'SML'.indexOf(a) - 'SML'.indexOf(b);
    return {
      industries: [...row.industries].sort(),
      regions: [...row.regions].sort(),
      sizeBands: [...row.size_bands].sort(sortBands),
      businessModels: [...row.business_models].sort(),
    };
  }

  /** Out-of-scope customers answer 404, exactly like missing ones, so ids cannot be probed. */
  async detail(ability: AppAbility, id: string): Promise<CustomerDetail> {
    const scope = customerScope(ability, 'c', 2);
    if (!scope) throw notFound('Customer');
    const rowTx = transactionScope(ability, 't', 'p', 2 + scope.params.length) ?? { sql: 'FALSE', params: [] };
    const [row]: Row[] = await this.db.query(
      `SELECT ${LIST_COLUMNS}, c.acquisition_channel, c.cac::text AS cac, c.first_seen::text AS first_seen, c.email, c.phone, c.erased_at
       FROM customers c ${listJoins(rowTx.sql)} WHERE c.id = $1 AND ${scope.sql}`,
      [id, ...scope.params, ...rowTx.params],
    );
    if (!row) throw notFound('Customer');
    const txScope = transactionScope(ability, 't', 'p', 2) ?? { sql: 'FALSE', params: [] };
    const [transactions, usage, surveys, memberships] = await Promise.all([
      this.db.query(
        `SELECT t.id::text AS id, t.occurred_on::text AS "occurredOn", t.product_id::text AS "productId", p.name AS "productName", t.type,
                t.amount::text AS amount, t.discount::text AS discount, t.quantity::text AS quantity, t.cost::text AS cost, t.overdue
         FROM transactions t LEFT JOIN products p ON p.id = t.product_id WHERE t.customer_id = $1 AND ${txScope.sql}
         ORDER BY t.occurred_on DESC, t.id DESC LIMIT 500`,
        [id, ...txScope.params],
      ),
      this.db.query(
        `SELECT period::text AS period, active_users AS "activeUsers", events, modules_used AS "modulesUsed"
         FROM usage_records WHERE customer_id = $1 ORDER BY period`,
        [id],
      ),
      this.db.query(
        `SELECT id::text AS id, answered_on::text AS "answeredOn", nps, csat, reason FROM survey_answers WHERE customer_id = $1 ORDER BY answered_on DESC`,
        [id],
      ),
      this.db.query(
        `SELECT sm.segment_id::text AS "segmentId", s.name AS "segmentName", sm.valid_from::text AS "validFrom", sm.valid_to::text AS "validTo"
         FROM segment_memberships sm JOIN segments s ON s.id = sm.segment_id WHERE sm.customer_id = $1 ORDER BY sm.valid_from`,
        [id],
      ),
    ]);
    return {
      ...toListItem(row),
      acquisitionChannel: (row.acquisition_channel as string) ?? null,
      cac: (row.cac as string) ?? null,
      firstSeen: (row.first_seen as string) ?? null,
      email: (row.email as string) ?? null,
      phone: (row.phone as string) ?? null,
      erasedAt: row.erased_at ? new Date(row.erased_at as string).toISOString() : null,
      transactions,
      usage,
      surveys,
      memberships,
    };
  }
}
