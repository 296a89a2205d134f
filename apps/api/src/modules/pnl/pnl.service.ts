import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { subject, type AppAbility } from '@cxs/authz';
import type {
  AbcdxDto,
  ChurnRiskRow,
  ChurnRisksDto,
  ProductBundleUse,
  TopCustomersDto,
  DrillCustomerRow,
  DrillTransactionRow,
  MigrationFlow,
  PlanVsActual,
  PortfolioDto,
  PortfolioRow,
  ProductRevenueDto,
  SegmentPnlDto,
  SettingsDto,
} from '@cxs/contracts';
import { DataSource } from 'typeorm';
import { notFound } from '../../common/api-exception.js';
import { preparedQuery } from '../../database/prepared.js';
import { scopeToSql, type SqlScope } from '../../authz/scope.js';
import { monthDate, monthIndex, monthLabel, monthsIntoFiscalPeriod, periodOf, resolvePeriod, type PeriodQuery, type ResolvedPeriod } from './period.js';
import { PERIOD_LENGTHS } from './rollups.js';
import { PLAN_ACTUAL_COLUMNS, PLAN_ACTUAL_JOINS } from './plan-actuals.js';

export const UNSEGMENTED = '0';

interface SegmentRef {
  id: string;
  name: string;
  ownerId: string | null;
  ownerName: string | null;
}

const ratio = (num: string | null, den: string | null): string | null =>
  den === null || Number(den) === 0 || num === null ? null : (Number(num) / Number(den)).toFixed(4);

/** Money arithmetic on decimal strings through integer cents (never float sums). */
function cents(s: string | number | null | undefined): bigint {
  if (s === null || s === undefined) return 0n;
  const str = String(s);
  const neg = str.startsWith('-');
  const [i, f = ''] = (neg ? str.slice(1) : str).split('.');
  const v = BigInt(i || '0') * 100n + BigInt((f + '00').slice(0, 2));
  return neg ? -v : v;
}
function money(c: bigint): string {
  const neg = c < 0n;
  const a = neg ? -c : c;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}
export const sub = (a: string, ...b: string[]) => money(b.reduce((acc, x) => acc - cents(x), cents(a)));

/** Plans of segment $1 overlapping $2..$3 (first days of months), each against the actual of its own period (plan-actuals.ts). Margin = gross margin. */
const PLAN_VS_ACTUAL_SQL = `
  SELECT p.id::text AS "planId", p.status, p.period_kind AS "periodKind", to_char(p.period_start, 'YYYY-MM') AS "periodStart",
         p.revenue_target::text AS "revenueTarget", p.margin_target::text AS "marginTarget", p.customers_target AS "customersTarget",
         ${PLAN_ACTUAL_COLUMNS}
  FROM segment_plans p ${PLAN_ACTUAL_JOINS}
  WHERE p.segment_id = $1 AND p.period_start <= $3
    AND (p.period_start + make_interval(months => CASE p.period_kind WHEN 'month' THEN 1 WHEN 'quarter' THEN 3 ELSE 12 END))::date > $2`;

/** The latest month with data, or the current month before any data arrives. */
const latestIdx = (ctx: Pick<PnlContext, 'lastIdx'>): number => ctx.lastIdx ?? monthIndex(new Date().toISOString().slice(0, 7));
/** A period query resolved against the installation's fiscal year and the data's latest month. */
const resolveIn = (ctx: PnlContext, q: PeriodQuery): ResolvedPeriod => resolvePeriod(q, ctx.settings.fiscalYearStartMonth, latestIdx(ctx));

export interface PnlContext {
  firstIdx: number | null;
  lastIdx: number | null;
  /** Changes whenever anything a P&L page shows may have changed (rollups, settings, cost table). */
  key: string;
  settings: SettingsDto;
  segment: SegmentRef | null;
  /** The segments the user may see, when asked for (the portfolio). */
  visible: SegmentRef[];
}

@Injectable()
export class PnlService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Latest month with data (the demo ends on a fixed date, so "now" is never assumed). */
  async latestMonth(): Promise<number> {
    const ctx = await this.context();
    return latestIdx(ctx);
  }

  /** The period asked for, resolved with the fiscal-year start and the latest month with data (one query). */
  async period(q: PeriodQuery): Promise<ResolvedPeriod> {
    const ctx = await this.context();
    return resolveIn(ctx, q);
  }

  /** SQL filter on `segments s` from the SegmentPnl rules (a CX-owner: only their segments). */
  segmentScope(ability: AppAbility, action: 'read' | 'export', startParam: number): SqlScope | null {
    return scopeToSql(ability, action, 'SegmentPnl', { ownerId: (v, p) => `s.owner_id = ${p(v)}::uuid` }, startParam);
  }

  /** The segment whose P&L is asked for, or 404 if missing or out of scope (ids cannot be probed). */
  async segmentFor(ability: AppAbility, id: string, action: 'read' | 'export' = 'read'): Promise<SegmentRef> {
    if (id === UNSEGMENTED) return this.authorizeSegment(ability, id, null, action);
    const [row] = await this.db.query(
      `SELECT s.id::text AS id, s.name, s.owner_id AS "ownerId", u.name AS "ownerName" FROM segments s LEFT JOIN users u ON u.id = s.owner_id WHERE s.id = $1`,
      [id],
    );
    return this.authorizeSegment(ability, id, row ?? null, action);
  }

  /** `row` is the loaded segment (null if missing); unsegmented ('0') is readable by whoever may read unowned P&L. */
  private authorizeSegment(ability: AppAbility, id: string, row: SegmentRef | null, action: 'read' | 'export'): SegmentRef {
    if (id === UNSEGMENTED) {
      if (!ability.can(action, subject('SegmentPnl', { ownerId: null }))) throw notFound('Segment');
      return { id, name: 'Unsegmented', ownerId: null, ownerName: null };
    }
    if (!row || !ability.can(action, subject('SegmentPnl', { ownerId: row.ownerId }))) throw notFound('Segment');
    return row;
  }

  // ---------------------------------------------------------------- segment P&L

  /**
   * Everything a P&L page needs before its figures, in one round trip: the rollup state (months covered, cache
   * key), the settings and, when asked, the segment with its owner.
   */
  async context(segmentId?: string, visible?: SqlScope | null): Promise<PnlContext> {
    // The portfolio also needs the segments the user may see: same round trip (scope parameters from $2).
    const segs = visible
      ? `(SELECT COALESCE(json_agg(json_build_object('id', s.id::text, 'name', s.name, 'ownerId', s.owner_id, 'ownerName', u.name) ORDER BY s.name), '[]')
          FROM segments s LEFT JOIN users u ON u.id = s.owner_id WHERE ${visible.sql})`
      : `NULL::json`;
    const sql = `SELECT to_char(s.first_month, 'YYYY-MM') AS lo, to_char(s.last_month, 'YYYY-MM') AS hi,
              s.version::text || '|' || COALESCE(a.updated_at::text, '') || '|' ||
              COALESCE((SELECT MAX(updated_at)::text || COUNT(*) FROM support_level_costs), '') AS key,
              a.currency, a.time_zone AS "timeZone", a.fiscal_year_start_month AS "fiscalYearStartMonth",
              g.id::text AS "segId", g.name AS "segName", g.owner_id AS "segOwnerId", u.name AS "segOwnerName",
              ${segs} AS visible
       FROM pnl_rollup_state s
       LEFT JOIN app_settings a ON a.id = 1
       LEFT JOIN segments g ON g.id = $1::bigint
       LEFT JOIN users u ON u.id = g.owner_id
       WHERE s.id = 1`;
    const params = [segmentId && segmentId !== UNSEGMENTED ? segmentId : null, ...(visible?.params ?? [])];
    // Without the visible segments the text is always the same: prepared once per connection (every P&L page asks).
    const [r] = visible ? await this.db.query(sql, params) : await preparedQuery<any>(this.db, 'pnl-context', sql, params);
    const settings: SettingsDto = r?.currency
      ? { currency: r.currency, timeZone: r.timeZone, fiscalYearStartMonth: r.fiscalYearStartMonth }
      : { currency: 'RUB', timeZone: 'Europe/Moscow', fiscalYearStartMonth: 1 };
    return {
      firstIdx: r?.lo ? monthIndex(r.lo) : null,
      lastIdx: r?.hi ? monthIndex(r.hi) : null,
      key: r?.key ?? 'none',
      settings,
      segment: r?.segId ? { id: r.segId, name: r.segName, ownerId: r.segOwnerId, ownerName: r.segOwnerName } : null,
      visible: (r?.visible as SegmentRef[] | null) ?? [],
    };
  }

  /**
   * True when pnl_segment_periods holds this period: a precomputed length whose window reaches the data and either
   * ends by the latest month with data or is a fiscal month, quarter or year still in progress (rollups.ts, `stored`).
   */
  private isPrecomputed(ctx: PnlContext, p: ResolvedPeriod): boolean {
    if (!(PERIOD_LENGTHS as readonly number[]).includes(p.months) || ctx.firstIdx === null || ctx.lastIdx === null) return false;
    if (p.fromIdx < ctx.firstIdx - p.months + 1 || p.fromIdx > ctx.lastIdx) return false;
    return p.fromIdx + p.months - 1 <= ctx.lastIdx || monthsIntoFiscalPeriod(p.fromIdx, p.months, ctx.settings.fiscalYearStartMonth) === 0;
  }

  /**
   * One segment's P&L: two round trips (context, then every figure in one statement over the small rollups:
   * money per segment × month × cohort, counts per segment × month, the precomputed period row, the trend and
   * the plans). Periods of other lengths read the per-customer base for active customers and retention.
   */
  async segmentPnl(ability: AppAbility, id: string, q: PeriodQuery): Promise<SegmentPnlDto> {
    const ctx = await this.context(id);
    const seg = this.authorizeSegment(ability, id, ctx.segment, 'read');
    const p = resolveIn(ctx, q);
    const pre = this.isPrecomputed(ctx, p);
    const trendP = periodOf(Math.min(p.fromIdx, p.toIdx - 11), p.toIdx);
    const [[r], live] = await Promise.all([
      preparedQuery<any>(
        this.db,
        'pnl-segment',
        `WITH m AS (
           SELECT COALESCE(SUM(net_revenue), 0)::numeric(20,2)::text AS net,
                  COALESCE(SUM(net_revenue) FILTER (WHERE cohort_month >= $2), 0)::numeric(20,2)::text AS "new",
                  COALESCE(SUM(expansion_revenue) FILTER (WHERE cohort_month < $2), 0)::numeric(20,2)::text AS expansion,
                  COALESCE(SUM(discounts), 0)::numeric(20,2)::text AS discounts, COALESCE(SUM(refunds), 0)::numeric(20,2)::text AS refunds,
                  COALESCE(SUM(cogs), 0)::numeric(20,2)::text AS cogs, COALESCE(SUM(tx_count), 0)::int AS tx
           FROM pnl_segment_months WHERE segment_id = $1 AND month >= $2 AND month <= $3),
         st AS (
           SELECT COALESCE(SUM(acquisition_cost), 0)::numeric(20,2)::text AS acq,
                  COALESCE(MAX(members_at_start) FILTER (WHERE month = $2), 0)::int AS "atStart",
                  COALESCE(MAX(members_at_end) FILTER (WHERE month = $3), 0)::int AS "atEnd",
                  COALESCE(SUM(new_customers), 0)::int AS "newCustomers", COALESCE(SUM(moved_in), 0)::int AS "movedIn",
                  COALESCE(SUM(moved_out), 0)::int AS "movedOut", COALESCE(SUM(churned), 0)::int AS churned
           FROM pnl_segment_stats WHERE segment_id = $1 AND month >= $2 AND month <= $3),
         sv AS (
           SELECT COALESCE(SUM(s.customers * COALESCE(c.monthly_cost, 0)), 0)::numeric(20,2)::text AS serve
           FROM pnl_segment_serve_months s LEFT JOIN support_level_costs c ON c.support_level = s.support_level
           WHERE s.segment_id = $1 AND s.month >= $2 AND s.month <= $3),
         pr AS (
           SELECT COALESCE(MAX(active_customers), 0)::int AS active, COALESCE(MAX(cohort_customers), 0)::int AS n,
                  COALESCE(MAX(previous_revenue), 0)::numeric(20,2)::text AS prev, COALESCE(MAX(current_revenue), 0)::numeric(20,2)::text AS cur,
                  COALESCE(MAX(capped_revenue), 0)::numeric(20,2)::text AS capped
           FROM pnl_segment_periods WHERE $6::boolean AND segment_id = $1 AND period_start = $2 AND months = $4),
         tr AS (
           SELECT json_agg(json_build_object('month', t.month, 'netRevenue', t.net, 'grossMargin', t.gm, 'newRevenue', t.nw, 'expansionRevenue', t.ex) ORDER BY t.month) AS trend
           FROM (SELECT to_char(gs, 'YYYY-MM') AS month,
                        COALESCE(SUM(m.net_revenue), 0)::numeric(20,2)::text AS net, COALESCE(SUM(m.net_revenue - m.cogs), 0)::numeric(20,2)::text AS gm,
                        COALESCE(SUM(m.net_revenue) FILTER (WHERE m.cohort_month = m.month), 0)::numeric(20,2)::text AS nw,
                        COALESCE(SUM(m.expansion_revenue) FILTER (WHERE m.cohort_month < m.month), 0)::numeric(20,2)::text AS ex
                 FROM generate_series($5::date, $3::date, interval '1 month') gs
                 LEFT JOIN pnl_segment_months m ON m.segment_id = $1 AND m.month = gs::date
                 GROUP BY gs) t),
         pl AS (${PLAN_VS_ACTUAL_SQL})
         SELECT m.*, st.*, sv.*, pr.*, tr.trend,
                (SELECT json_agg(row_to_json(pl) ORDER BY pl."periodStart", pl."periodKind") FROM pl) AS plans
         FROM m, st, sv, pr, tr`,
        [seg.id, p.fromDate, p.toDate, p.months, trendP.fromDate, pre],
      ),
      pre
        ? null
        : Promise.all([
            this.db.query(`SELECT COUNT(DISTINCT customer_id)::int AS active FROM pnl_customer_months WHERE segment_id = $1 AND month >= $2 AND month <= $3`, [
              seg.id,
              p.fromDate,
              p.toDate,
            ]),
            this.retentionLive(seg.id, p),
          ]),
    ]);
    const ret = live ? live[1] : { n: r.n, prev: r.prev, cur: r.cur, capped: r.capped };
    const grossMargin = sub(r.net, r.cogs);
    return {
      segmentId: seg.id,
      segmentName: seg.name,
      ownerId: seg.ownerId,
      ownerName: seg.ownerName,
      period: { from: p.from, to: p.to, months: p.months },
      lines: {
        netRevenue: r.net,
        newRevenue: r.new,
        expansionRevenue: r.expansion,
        recurringRevenue: sub(r.net, r.new, r.expansion),
        discounts: r.discounts,
        refunds: r.refunds,
        costOfGoods: r.cogs,
        grossMargin,
        acquisitionCost: r.acq,
        costToServe: r.serve,
        contributionMargin: sub(grossMargin, r.acq, r.serve),
        transactions: r.tx,
      },
      counts: {
        atStart: r.atStart,
        atEnd: r.atEnd,
        new: r.newCustomers,
        movedIn: r.movedIn,
        movedOut: r.movedOut,
        churned: r.churned,
        active: live ? live[0][0].active : r.active,
      },
      retention: {
        nrr: ratio(ret.cur, ret.prev),
        grr: ratio(ret.capped, ret.prev),
        cohortCustomers: ret.n,
        previousRevenue: ret.prev,
        currentRevenue: ret.cur,
        cappedRevenue: ret.capped,
      },
      plans: seg.id === UNSEGMENTED ? [] : ((r.plans ?? []) as PlanVsActual[]),
      trend: (r.trend as Omit<SegmentPnlDto['trend'][number], 'recurringRevenue'>[]).map((t) => ({ ...t, recurringRevenue: sub(t.netRevenue, t.newRevenue, t.expansionRevenue) })),
      currency: ctx.settings.currency,
    };
  }

  /** The same cohort computed from pnl_customer_months: periods the rollup does not hold (and the parity test). */
  async retentionLive(segmentId: string, p: ResolvedPeriod): Promise<{ n: number; prev: string; cur: string; capped: string }> {
    const prevFrom = monthDate(p.fromIdx - p.months);
    const cohort =
      segmentId === UNSEGMENTED
        ? `SELECT c.id AS customer_id FROM customers c WHERE NOT EXISTS (SELECT 1 FROM segment_memberships sm WHERE sm.customer_id = c.id AND sm.valid_from <= $2 AND COALESCE(sm.valid_to, 'infinity'::date) >= $2) AND $1::bigint = 0`
        : `SELECT customer_id FROM segment_memberships WHERE segment_id = $1 AND valid_from <= $2 AND COALESCE(valid_to, 'infinity'::date) >= $2`;
    const [r] = await this.db.query(
      `WITH cohort AS (${cohort}),
       rev AS (SELECT cm.customer_id, SUM(cm.net_revenue) FILTER (WHERE cm.month < $2) AS prev, COALESCE(SUM(cm.net_revenue) FILTER (WHERE cm.month >= $2), 0) AS cur
               FROM pnl_customer_months cm JOIN cohort ON cohort.customer_id = cm.customer_id
               WHERE cm.month >= $3 AND cm.month <= $4 GROUP BY 1)
       SELECT COUNT(*)::int AS n, COALESCE(SUM(prev), 0)::numeric(20,2)::text AS prev, COALESCE(SUM(cur), 0)::numeric(20,2)::text AS cur,
              COALESCE(SUM(GREATEST(LEAST(cur, prev), 0)), 0)::numeric(20,2)::text AS capped
       FROM rev WHERE prev > 0`,
      [segmentId, p.fromDate, prevFrom, p.toDate],
    );
    return r;
  }

  // ---------------------------------------------------------------- portfolio

  async visibleSegments(ability: AppAbility, action: 'read' | 'export' = 'read'): Promise<SegmentRef[]> {
    const scope = this.segmentScope(ability, action, 1);
    if (!scope) return [];
    return this.db.query(
      `SELECT s.id::text AS id, s.name, s.owner_id AS "ownerId", u.name AS "ownerName" FROM segments s LEFT JOIN users u ON u.id = s.owner_id
       WHERE ${scope.sql} ORDER BY s.name`,
      scope.params,
    );
  }

  /**
   * Same answer for everyone with the same visible segments until the rollups, settings or costs change: kept in
   * memory keyed by the rollup state (20 directors opening the portfolio cost one computation).
   */
  private readonly portfolioCache = new Map<string, Promise<{ dto: PortfolioDto; json: string }>>();

  async portfolio(ability: AppAbility, q: PeriodQuery): Promise<PortfolioDto> {
    return (await this.cachedPortfolio(ability, q)).dto;
  }

  /** The portfolio as the JSON text sent to the browser: serialised once per cache entry, not per request. */
  async portfolioJson(ability: AppAbility, q: PeriodQuery): Promise<string> {
    return (await this.cachedPortfolio(ability, q)).json;
  }

  private async cachedPortfolio(ability: AppAbility, q: PeriodQuery): Promise<{ dto: PortfolioDto; json: string }> {
    const scope = this.segmentScope(ability, 'read', 2);
    const ctx = await this.context(undefined, scope);
    const segs = scope ? ctx.visible : [];
    const withUnsegmented = ability.can('read', subject('SegmentPnl', { ownerId: null }));
    const key = JSON.stringify([ctx.key, q.from, q.to, q.period, q.at, withUnsegmented, segs.map((x) => x.id)]);
    let hit = this.portfolioCache.get(key);
    if (!hit) {
      if (this.portfolioCache.size >= 200) this.portfolioCache.clear();
      hit = this.computePortfolio(ability, q, ctx, segs).then((dto) => ({ dto, json: JSON.stringify(dto) }));
      this.portfolioCache.set(key, hit);
      hit.catch(() => this.portfolioCache.delete(key));
    }
    return hit;
  }

  private async computePortfolio(ability: AppAbility, q: PeriodQuery, ctx: PnlContext, segs: SegmentRef[]): Promise<PortfolioDto> {
    const p = resolveIn(ctx, q);
    const settings = ctx.settings;
    const withUnsegmented = ability.can('read', subject('SegmentPnl', { ownerId: null }));
    const ids = [...segs.map((s) => s.id), ...(withUnsegmented ? [UNSEGMENTED] : [])];
    const prevFrom = monthDate(p.fromIdx - p.months);
    const trendFrom = monthDate(Math.min(p.fromIdx, p.toIdx - 35));
    // No data before the period: the cohort (revenue in the period before) is empty, nothing to look up.
    const noPrevious = ctx.firstIdx === null || p.fromIdx <= ctx.firstIdx;
    const [moneyRows, stats, serve, nrr, trend, unowned] = await Promise.all([
      this.db.query(
        `SELECT segment_id::text AS id,
                COALESCE(SUM(net_revenue) FILTER (WHERE month >= $2), 0)::numeric(20,2)::text AS net,
                COALESCE(SUM(net_revenue - cogs) FILTER (WHERE month >= $2), 0)::numeric(20,2)::text AS gm,
                SUM(net_revenue) FILTER (WHERE month < $2)::text AS prev
         FROM pnl_segment_months WHERE segment_id = ANY($1::bigint[]) AND month >= $3 AND month <= $4 GROUP BY 1`,
        [ids, p.fromDate, prevFrom, p.toDate],
      ),
      this.db.query(
        `SELECT segment_id::text AS id, COALESCE(SUM(acquisition_cost), 0)::numeric(20,2)::text AS acq,
                COALESCE(MAX(members_at_end) FILTER (WHERE month = $3), 0)::int AS customers
         FROM pnl_segment_stats WHERE segment_id = ANY($1::bigint[]) AND month >= $2 AND month <= $3 GROUP BY 1`,
        [ids, p.fromDate, p.toDate],
      ),
      this.db.query(
        `SELECT s.segment_id::text AS id, COALESCE(SUM(s.customers * COALESCE(c.monthly_cost, 0)), 0)::numeric(20,2)::text AS serve
         FROM pnl_segment_serve_months s LEFT JOIN support_level_costs c ON c.support_level = s.support_level
         WHERE s.segment_id = ANY($1::bigint[]) AND s.month >= $2 AND s.month <= $3 GROUP BY 1`,
        [ids, p.fromDate, p.toDate],
      ),
      this.isPrecomputed(ctx, p)
        ? this.db.query(
            `SELECT segment_id::text AS id, previous_revenue::text AS prev, current_revenue::text AS cur FROM pnl_segment_periods
             WHERE segment_id = ANY($1::bigint[]) AND segment_id <> 0 AND period_start = $2 AND months = $3 AND cohort_customers > 0`,
            [ids, p.fromDate, p.months],
          )
        : noPrevious
          ? Promise.resolve([])
          : this.db.query(
        `WITH cohort AS (SELECT segment_id, customer_id FROM segment_memberships
                         WHERE segment_id = ANY($1::bigint[]) AND valid_from <= $2 AND COALESCE(valid_to, 'infinity'::date) >= $2),
         rev AS (SELECT c.segment_id, c.customer_id, SUM(cm.net_revenue) FILTER (WHERE cm.month < $2) AS prev,
                        COALESCE(SUM(cm.net_revenue) FILTER (WHERE cm.month >= $2), 0) AS cur
                 FROM cohort c JOIN pnl_customer_months cm ON cm.customer_id = c.customer_id AND cm.month >= $3 AND cm.month <= $4
                 GROUP BY 1, 2)
         SELECT segment_id::text AS id, SUM(prev)::text AS prev, SUM(cur)::text AS cur FROM rev WHERE prev > 0 GROUP BY 1`,
        [ids, p.fromDate, prevFrom, p.toDate],
      ),
      this.db.query(
        `SELECT segment_id::text AS id, to_char(month, 'YYYY-MM') AS month, SUM(net_revenue)::text AS net, SUM(net_revenue - cogs)::text AS gm
         FROM pnl_segment_months WHERE segment_id = ANY($1::bigint[]) AND month >= $2 AND month <= $3 GROUP BY 1, 2 ORDER BY 1, 2`,
        [ids, trendFrom, p.toDate],
      ),
      this.unowned(ability),
    ]);
    const by = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
    const mm = by(moneyRows as { id: string; net: string; gm: string; prev: string | null }[]);
    const sm = by(stats as { id: string; acq: string; customers: number }[]);
    const sv = by(serve as { id: string; serve: string }[]);
    const nm = by(nrr as { id: string; prev: string; cur: string }[]);
    const refs: SegmentRef[] = [...segs, ...(withUnsegmented ? [{ id: UNSEGMENTED, name: 'Unsegmented', ownerId: null, ownerName: null }] : [])];
    const rows: PortfolioRow[] = refs.map((s) => {
      const m = mm.get(s.id) ?? { net: '0.00', gm: '0.00', prev: null };
      const st = sm.get(s.id) ?? { acq: '0.00', customers: 0 };
      const serveCost = sv.get(s.id)?.serve ?? '0.00';
      const n = nm.get(s.id);
      return {
        segmentId: s.id,
        segmentName: s.name,
        ownerId: s.ownerId,
        ownerName: s.ownerName,
        netRevenue: m.net,
        grossMargin: m.gm,
        contributionMargin: sub(m.gm, st.acq, serveCost),
        growth: m.prev && Number(m.prev) !== 0 ? (Number(m.net) / Number(m.prev) - 1).toFixed(4) : null,
        nrr: n ? ratio(n.cur, n.prev) : null,
        customers: st.customers,
      };
    });
    const total: PortfolioRow = {
      segmentId: 'total',
      segmentName: 'Total',
      ownerId: null,
      ownerName: null,
      netRevenue: money(rows.reduce((a, r) => a + cents(r.netRevenue), 0n)),
      grossMargin: money(rows.reduce((a, r) => a + cents(r.grossMargin), 0n)),
      contributionMargin: money(rows.reduce((a, r) => a + cents(r.contributionMargin), 0n)),
      growth: null,
      nrr: null,
      customers: rows.reduce((a, r) => a + r.customers, 0),
    };
    const trendBy = new Map<string, { month: string; netRevenue: string; grossMargin: string }[]>();
    for (const t of trend as { id: string; month: string; net: string; gm: string }[]) {
      if (!trendBy.has(t.id)) trendBy.set(t.id, []);
      trendBy.get(t.id)!.push({ month: t.month, netRevenue: t.net, grossMargin: t.gm });
    }
    return {
      period: { from: p.from, to: p.to, months: p.months },
      currency: settings.currency,
      rows: rows.sort((a, b) => Number(b.netRevenue) - Number(a.netRevenue)),
      total,
      trend: refs.map((s) => ({ segmentId: s.id, segmentName: s.name, points: trendBy.get(s.id) ?? [] })),
      unowned,
    };
  }

  async unowned(ability: AppAbility): Promise<PortfolioDto['unowned']> {
    if (!ability.can('read', subject('SegmentPnl', { ownerId: null }))) return [];
    return this.db.query(
      `SELECT s.id::text AS "segmentId", s.name AS "segmentName",
              (SELECT COUNT(*)::int FROM segment_memberships sm WHERE sm.segment_id = s.id AND sm.valid_to IS NULL) AS members
       FROM segments s WHERE s.owner_id IS NULL AND s.status = 'active' ORDER BY s.name`,
    );
  }

  /** Customers who moved between segments on or after `since`, with their revenue in the 12 months before the move. */
  async migration(ability: AppAbility, since: string, action: 'read' | 'export' = 'read'): Promise<MigrationFlow[]> {
    const scope = scopeToSql(ability, action, 'SegmentPnl', { ownerId: (v, p) => `(fs.owner_id = ${p(v)}::uuid OR ts.owner_id = ${p(v)}::uuid)` }, 2);
    if (!scope) return [];
    return this.db.query(
      `WITH moves AS (
         SELECT sm.customer_id, prev.segment_id AS from_id, sm.segment_id AS to_id, sm.valid_from AS moved_on
         FROM segment_memberships sm
         JOIN segment_memberships prev ON prev.customer_id = sm.customer_id AND prev.valid_to = sm.valid_from - 1 AND prev.segment_id <> sm.segment_id
         WHERE sm.valid_from >= $1::date)
       SELECT mv.from_id::text AS "fromSegmentId", fs.name AS "fromSegmentName", mv.to_id::text AS "toSegmentId", ts.name AS "toSegmentName",
              COUNT(*)::int AS customers, COALESCE(SUM(r.rev), 0)::numeric(20,2)::text AS revenue
       FROM moves mv JOIN segments fs ON fs.id = mv.from_id JOIN segments ts ON ts.id = mv.to_id
       LEFT JOIN LATERAL (SELECT SUM(cm.net_revenue) AS rev FROM pnl_customer_months cm
                          WHERE cm.customer_id = mv.customer_id AND cm.month >= date_trunc('month', mv.moved_on - interval '12 months')
                            AND cm.month < date_trunc('month', mv.moved_on)) r ON true
       WHERE ${scope.sql}
       GROUP BY 1, 2, 3, 4 ORDER BY customers DESC`,
      [since, ...scope.params],
    );
  }

  /**
   * ABCDX distribution of the latest finished run. Runs come with segmentation (issue 5): until their tables
   * exist this answers an empty distribution and the portfolio shows an empty state.
   */
  async abcdx(): Promise<AbcdxDto> {
    // Segmentation (issue 5) keeps a run's customers in segmentation_run_members; only ABCDX runs have A–D/X labels.
    const [run] = await this.db.query(`SELECT id::text AS id, finished_at AS at FROM segmentation_runs WHERE status = 'succeeded' AND kind = 'abcdx' ORDER BY finished_at DESC NULLS LAST, id DESC LIMIT 1`);
    if (!run) return { runId: null, runAt: null, items: [] };
    const items = await this.db.query(
      `SELECT a.label, COUNT(*)::int AS customers, COALESCE(SUM(r.rev), 0)::numeric(20,2)::text AS revenue
       FROM segmentation_run_members a LEFT JOIN LATERAL (SELECT SUM(net_revenue) AS rev FROM pnl_customer_months cm WHERE cm.customer_id = a.customer_id) r ON true
       WHERE a.run_id = $1 GROUP BY a.label ORDER BY a.label`,
      [run.id],
    );
    return { runId: run.id, runAt: new Date(run.at).toISOString(), items };
  }

  // ---------------------------------------------------------------- drill-down

  async drillCustomers(segmentId: string, p: ResolvedPeriod, sort: 'revenue' | 'margin' = 'revenue', limit = 100): Promise<{ items: DrillCustomerRow[]; total: number }> {
    const order = sort === 'margin' ? `SUM(cm.net_revenue - cm.cogs)` : `SUM(cm.net_revenue)`;
    const items = await this.db.query(
      `SELECT cm.customer_id::text AS "customerId", c.external_id AS "externalId", c.name,
              SUM(cm.net_revenue)::text AS "netRevenue", SUM(cm.cogs)::text AS "costOfGoods", SUM(cm.net_revenue - cm.cogs)::text AS "grossMargin",
              SUM(cm.tx_count)::int AS transactions, COUNT(*) OVER ()::int AS total
       FROM pnl_customer_months cm JOIN customers c ON c.id = cm.customer_id
       WHERE cm.segment_id = $1 AND cm.month >= $2 AND cm.month <= $3
       GROUP BY cm.customer_id, c.external_id, c.name
       ORDER BY ${order} DESC, cm.customer_id LIMIT $4`,
      [segmentId, p.fromDate, p.toDate, limit],
    );
    const total = items[0]?.total ?? 0;
    return { items: items.map(({ total: _t, ...r }: DrillCustomerRow & { total: number }) => r), total };
  }

  /** The transactions behind a segment's figures: attributed to it by membership on their date. */
  async drillTransactions(segmentId: string, p: ResolvedPeriod, customerId?: string, limit = 100): Promise<{ items: DrillTransactionRow[]; total: number }> {
    const params: unknown[] = [segmentId, p.fromDate, p.endExclusive, limit];
    let extra = '';
    if (customerId) {
      params.push(customerId);
      extra = `AND t.customer_id = $5`;
    }
    const items = await this.db.query(
      `SELECT t.id::text AS id, t.external_id AS "externalId", t.customer_id::text AS "customerId", c.name AS "customerName",
              to_char(t.occurred_on, 'YYYY-MM-DD') AS "occurredOn", t.type, t.product_id::text AS "productId", p.name AS "productName",
              t.amount::text AS amount, t.discount::text AS discount,
              ROUND(COALESCE(t.cost, p.unit_cost * t.quantity, p.cost_share * t.amount, 0), 2)::text AS "costOfGoods",
              COUNT(*) OVER ()::int AS total
       FROM transactions t
       JOIN customers c ON c.id = t.customer_id
       LEFT JOIN products p ON p.id = t.product_id
       LEFT JOIN segment_memberships sm ON sm.customer_id = t.customer_id AND t.occurred_on >= sm.valid_from AND t.occurred_on <= COALESCE(sm.valid_to, 'infinity'::date)
       WHERE t.customer_id IN (SELECT DISTINCT customer_id FROM pnl_customer_months WHERE segment_id = $1 AND month >= $2 AND month < $3)
         AND t.occurred_on >= $2 AND t.occurred_on < $3 AND COALESCE(sm.segment_id, 0) = $1 ${extra}
       ORDER BY t.occurred_on DESC, t.id DESC LIMIT $4`,
      params,
    );
    const total = items[0]?.total ?? 0;
    return { items: items.map(({ total: _t, ...r }: DrillTransactionRow & { total: number }) => r), total };
  }

  /**
   * Current members whose recency, usage or NPS worsened, as of D = the day after the data ends. One set-based
   * query with window functions; the rule is written down in docs/churn-risk.md (and in the UI tooltip):
   * - recency: a transaction in the 365 days before D, the last one ≥ 45 days before D, and the silence since it
   *   longer than the longest gap between consecutive transactions in those 365 days;
   * - usage: active users summed over the 3 months before D < 70 % of the 3 months before that (which were > 0);
   * - NPS: the latest score (answered in the 365 days before D) is ≥ 2 points below the one before it, or a
   *   detractor (0–6) after a passive or promoter (7–10).
   * Ordered by the number of signals, then revenue in the 12 months before D.
   */
  async churnRisks(segmentId: string, limit = 50): Promise<ChurnRisksDto> {
    const latest = await this.latestMonth();
    const asOf = monthDate(latest + 1);
    const rows = await this.db.query(
      `WITH members AS (
         SELECT customer_id FROM segment_memberships
         WHERE segment_id = $1 AND valid_from <= $2::date - 1 AND COALESCE(valid_to, 'infinity'::date) >= $2::date - 1),
       tx AS (
         SELECT t.customer_id, t.occurred_on, t.amount,
                t.occurred_on - LAG(t.occurred_on) OVER (PARTITION BY t.customer_id ORDER BY t.occurred_on, t.id) AS gap
         FROM transactions t JOIN members m ON m.customer_id = t.customer_id
         WHERE t.occurred_on >= $2::date - 365 AND t.occurred_on < $2::date),
       rec AS (SELECT customer_id, $2::date - MAX(occurred_on) AS days, MAX(gap) AS max_gap, SUM(amount) AS rev FROM tx GROUP BY 1),
       use AS (
         SELECT u.customer_id,
                SUM(u.active_users) FILTER (WHERE u.period >= ($2::date - interval '3 months')) AS u_now,
                SUM(u.active_users) FILTER (WHERE u.period < ($2::date - interval '3 months')) AS u_before
         FROM usage_records u JOIN members m ON m.customer_id = u.customer_id
         WHERE u.period >= ($2::date - interval '6 months') AND u.period < $2::date GROUP BY 1),
       nps AS (
         SELECT DISTINCT ON (x.customer_id) x.customer_id, x.nps AS last_nps, x.prev_nps, x.answered_on
         FROM (SELECT s.customer_id, s.nps, s.answered_on, s.id,
                      LAG(s.nps) OVER (PARTITION BY s.customer_id ORDER BY s.answered_on, s.id) AS prev_nps
               FROM survey_answers s JOIN members m ON m.customer_id = s.customer_id
               WHERE s.nps IS NOT NULL AND s.answered_on < $2::date) x
         ORDER BY x.customer_id, x.answered_on DESC, x.id DESC),
       flagged AS (
         SELECT m.customer_id, r.days, r.max_gap, COALESCE(r.rev, 0) AS rev, u.u_now, u.u_before,
                CASE WHEN n.answered_on >= $2::date - 365 THEN n.last_nps END AS last_nps, n.prev_nps, n.answered_on,
                array_remove(ARRAY[
                  CASE WHEN r.days >= 45 AND r.days > COALESCE(r.max_gap, 0) THEN 'recency' END,
                  CASE WHEN u.u_before > 0 AND COALESCE(u.u_now, 0) < 0.7 * u.u_before THEN 'usage' END,
                  CASE WHEN n.answered_on >= $2::date - 365 AND n.prev_nps IS NOT NULL
                        AND (n.last_nps <= n.prev_nps - 2 OR (n.last_nps <= 6 AND n.prev_nps >= 7)) THEN 'nps' END], NULL) AS reasons
         FROM members m LEFT JOIN rec r ON r.customer_id = m.customer_id LEFT JOIN use u ON u.customer_id = m.customer_id
         LEFT JOIN nps n ON n.customer_id = m.customer_id)
       SELECT f.customer_id::text AS "customerId", c.name, f.reasons, f.days AS "daysSinceLastTransaction", f.max_gap AS "longestGapDays",
              CASE WHEN f.u_before > 0 THEN ROUND(COALESCE(f.u_now, 0)::numeric / f.u_before - 1, 4)::text END AS "usageChange",
              f.last_nps AS "lastNps", CASE WHEN f.last_nps IS NOT NULL THEN f.prev_nps END AS "previousNps",
              f.rev::numeric(20,2)::text AS "revenue12m", COUNT(*) OVER ()::int AS total
       FROM flagged f JOIN customers c ON c.id = f.customer_id
       WHERE cardinality(f.reasons) > 0
       ORDER BY cardinality(f.reasons) DESC, f.rev DESC, f.customer_id
       LIMIT $3`,
      [segmentId, asOf, limit],
    );
    const total = rows[0]?.total ?? 0;
    return { asOf, total, items: rows.map(({ total: _t, ...r }: ChurnRiskRow & { total: number }) => r) };
  }

  /** Top customers by net revenue attributed to the segment in the period, with the period before and a 12-month trend. */
  async topCustomers(segmentId: string, q: PeriodQuery, limit: number): Promise<TopCustomersDto> {
    // One context query gives both the period and the currency.
    const ctx = await this.context();
    const p = resolveIn(ctx, q);
    const { settings } = ctx;
    const trendFrom = monthDate(Math.min(p.fromIdx, p.toIdx - 11));
    const rows = await this.db.query(
      `WITH top AS (
         SELECT customer_id, SUM(net_revenue) AS rev, SUM(net_revenue - cogs) AS gm FROM pnl_customer_months
         WHERE segment_id = $1 AND month >= $2 AND month <= $3 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT $4),
       prev AS (
         SELECT cm.customer_id, SUM(cm.net_revenue) AS rev FROM pnl_customer_months cm JOIN top USING (customer_id)
         WHERE cm.segment_id = $1 AND cm.month >= $5 AND cm.month < $2 GROUP BY 1),
       monthly AS (
         SELECT cm.customer_id, cm.month, SUM(cm.net_revenue) AS rev FROM pnl_customer_months cm JOIN top USING (customer_id)
         WHERE cm.segment_id = $1 AND cm.month >= $6 AND cm.month <= $3 GROUP BY 1, 2),
       trend AS (
         SELECT top.customer_id, json_agg(json_build_object('month', to_char(g, 'YYYY-MM'), 'netRevenue', COALESCE(mo.rev, 0)::numeric(20,2)::text) ORDER BY g) AS points
         FROM top CROSS JOIN generate_series($6::date, $3::date, interval '1 month') g
         LEFT JOIN monthly mo ON mo.customer_id = top.customer_id AND mo.month = g::date GROUP BY 1)
       SELECT top.customer_id::text AS "customerId", c.external_id AS "externalId", c.name,
              top.rev::numeric(20,2)::text AS "netRevenue", top.gm::numeric(20,2)::text AS "grossMargin",
              prev.rev::numeric(20,2)::text AS "previousRevenue",
              CASE WHEN prev.rev > 0 THEN ROUND(top.rev / prev.rev - 1, 4)::text END AS change, trend.points AS trend
       FROM top JOIN customers c ON c.id = top.customer_id LEFT JOIN prev ON prev.customer_id = top.customer_id
       JOIN trend ON trend.customer_id = top.customer_id
       ORDER BY top.rev DESC, top.customer_id`,
      [segmentId, p.fromDate, p.toDate, limit, monthDate(p.fromIdx - p.months), trendFrom],
    );
    return { period: { from: p.from, to: p.to, months: p.months }, currency: settings.currency, items: rows };
  }

  // ---------------------------------------------------------------- products

  async productRevenue(ability: AppAbility, q: PeriodQuery, action: 'read' | 'export' = 'read'): Promise<ProductRevenueDto> {
    const ctx = await this.context();
    const p = resolveIn(ctx, q);
    const scope = scopeToSql(ability, action, 'ProductRevenue', { productOwnerId: (v, prm) => `pr.owner_id = ${prm(v)}::uuid` }, 3);
    const settings = ctx.settings;
    if (!scope) return { period: { from: p.from, to: p.to, months: p.months }, currency: settings.currency, rows: [], bundles: [] };
    const rows = await this.db.query(
      `SELECT pr.id::text AS "productId", pr.name AS "productName", m.segment_id::text AS "segmentId", COALESCE(s.name, 'Unsegmented') AS "segmentName",
              SUM(m.net_revenue)::text AS "netRevenue", SUM(m.net_revenue - m.cogs)::text AS "grossMargin", MAX(m.customers)::int AS customers
       FROM pnl_segment_product_months m JOIN products pr ON pr.id = m.product_id LEFT JOIN segments s ON s.id = m.segment_id
       WHERE m.month >= $1 AND m.month <= $2 AND ${scope.sql}
       GROUP BY 1, 2, 3, 4 ORDER BY pr.name, SUM(m.net_revenue) DESC`,
      [p.fromDate, p.toDate, ...scope.params],
    );
    // The same rules as the revenue rows, numbered from $1 for this query.
    const bundleScope = scopeToSql(ability, action, 'ProductRevenue', { productOwnerId: (v, prm) => `pr.owner_id = ${prm(v)}::uuid` }, 1)!;
    const bundles: ProductBundleUse[] = await this.db.query(
      `WITH uses AS (
         SELECT pr.id AS product_id, pr.name AS product_name, s.id AS segment_id, s.name AS segment_name,
                json_agg(DISTINCT jsonb_build_object('scenarioId', sc.id::text, 'title', sc.title, 'status', a.status)) AS scenarios
         FROM scenario_attachments a JOIN scenario_steps st ON st.id = a.step_id JOIN scenarios sc ON sc.id = st.scenario_id
         JOIN segments s ON s.id = sc.segment_id JOIN products pr ON pr.id = a.product_id
         WHERE a.status <> 'rejected' AND ${bundleScope.sql}
         GROUP BY 1, 2, 3, 4)
       SELECT product_id::text AS "productId", product_name AS "productName",
              json_agg(json_build_object('segmentId', segment_id::text, 'segmentName', segment_name, 'scenarios', scenarios) ORDER BY segment_name) AS segments
       FROM uses GROUP BY 1, 2 ORDER BY 2`,
      bundleScope.params,
    );
    return { period: { from: p.from, to: p.to, months: p.months }, currency: settings.currency, rows, bundles };
  }

  monthLabel = monthLabel;
}
