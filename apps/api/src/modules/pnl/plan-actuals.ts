/**
 * Plan vs actual, set-based, for any query over `segment_plans p`: the actual of each plan's own period from the
 * monthly rollups (net revenue, gross margin; customers = members at the end of the last month with data inside
 * the period), the variances and their percentage of the target. Margin in plans is gross margin.
 */
const LEN = `CASE p.period_kind WHEN 'month' THEN 1 WHEN 'quarter' THEN 3 ELSE 12 END`;
const END = `(p.period_start + make_interval(months => ${LEN}))::date`;
const pct = (actual: string, target: string) => `CASE WHEN ${target} <> 0 THEN ROUND((${actual} - ${target}) / ABS(${target}), 4)::text END`;

export const PLAN_ACTUAL_JOINS = `
  LEFT JOIN LATERAL (SELECT COALESCE(SUM(m.net_revenue), 0)::numeric(20,2) AS rev, COALESCE(SUM(m.net_revenue - m.cogs), 0)::numeric(20,2) AS margin
                     FROM pnl_segment_months m WHERE m.segment_id = p.segment_id AND m.month >= p.period_start AND m.month < ${END}) pa ON true
  LEFT JOIN LATERAL (SELECT ps.members_at_end AS n FROM pnl_segment_stats ps
                     WHERE ps.segment_id = p.segment_id AND ps.month >= p.period_start AND ps.month < ${END} ORDER BY ps.month DESC LIMIT 1) pc ON true
  LEFT JOIN pnl_rollup_state prs ON prs.id = 1`;

export const PLAN_ACTUAL_COLUMNS = `
  pa.rev::text AS "revenueActual", (pa.rev - p.revenue_target)::numeric(20,2)::text AS "revenueVariance", ${pct('pa.rev', 'p.revenue_target')} AS "revenueVariancePct",
  pa.margin::text AS "marginActual", (pa.margin - p.margin_target)::numeric(20,2)::text AS "marginVariance", ${pct('pa.margin', 'p.margin_target')} AS "marginVariancePct",
  COALESCE(pc.n, 0)::int AS "customersActual", (COALESCE(pc.n, 0) - p.customers_target)::int AS "customersVariance",
  ${pct('COALESCE(pc.n, 0)::numeric', 'p.customers_target::numeric')} AS "customersVariancePct",
  (SELECT COUNT(*)::int FROM generate_series(p.period_start, ${END} - 1, interval '1 month') g
    WHERE g >= prs.first_month AND g <= prs.last_month) AS "monthsWithData",
  ${LEN} AS "periodMonths"`;

export const ACTUAL_KEYS = [
  'revenueActual',
  'revenueVariance',
  'revenueVariancePct',
  'marginActual',
  'marginVariance',
  'marginVariancePct',
  'customersActual',
  'customersVariance',
  'customersVariancePct',
  'monthsWithData',
  'periodMonths',
] as const;
