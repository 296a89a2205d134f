/**
 * Per-customer features as of a date over a lookback window, in one SQL
 * statement (one pass over transactions, one over usage, one over surveys).
 *
 * Window: occurred_on in (asOf − lookback months, asOf]. LTV and the first
 * charge (tenure) look at everything up to asOf. Refunds are negative amounts:
 * they reduce monetary, LTV and ARPU, and never count as a charge. A customer
 * with no charge in the window has NULL recency, average check, tenure and
 * ARPU (missing, not zero); shares are 0.
 *
 * Months with a charge are collected as a bit mask (bit i = i-th month of the
 * window) and counted with bit_count: COUNT(DISTINCT month) would force a sort
 * of every transaction, the mask keeps the aggregation hashed. Hence the
 * lookback limit of 60 months.
 */
export const MAX_LOOKBACK_MONTHS = 60;

export const FEATURES_SELECT = `
WITH w AS (
  SELECT $1::date AS as_of,
         ($1::date - make_interval(months => $2::int))::date AS start,
         date_trunc('month', ($1::date - make_interval(months => $2::int))::date)::date AS start_month
),
tx AS (
  SELECT t.customer_id,
         SUM(t.amount) AS ltv,
         MIN(t.occurred_on) FILTER (WHERE t.amount >= 0) AS first_charge,
         SUM(t.amount) FILTER (WHERE t.occurred_on > w.start) AS monetary,
         COUNT(*) FILTER (WHERE t.amount >= 0 AND t.occurred_on > w.start) AS frequency,
         SUM(t.amount) FILTER (WHERE t.amount >= 0 AND t.occurred_on > w.start) AS gross,
         SUM(-t.amount) FILTER (WHERE t.amount < 0 AND t.occurred_on > w.start) AS refunds,
         SUM(t.discount) FILTER (WHERE t.amount >= 0 AND t.occurred_on > w.start) AS discount,
         COUNT(*) FILTER (WHERE t.amount >= 0 AND t.overdue AND t.occurred_on > w.start) AS overdue,
         COUNT(*) FILTER (WHERE t.amount >= 0 AND t.type = 'expansion' AND t.occurred_on > w.start) AS expansions,
         MAX(t.occurred_on) FILTER (WHERE t.amount >= 0 AND t.occurred_on > w.start) AS last_charge,
         BIT_OR(1::bigint << ((EXTRACT(YEAR FROM t.occurred_on)::int * 12 + EXTRACT(MONTH FROM t.occurred_on)::int)
                              - (EXTRACT(YEAR FROM w.start_month)::int * 12 + EXTRACT(MONTH FROM w.start_month)::int)))
           FILTER (WHERE t.amount >= 0 AND t.occurred_on > w.start) AS month_mask
  FROM transactions t CROSS JOIN w
  WHERE t.occurred_on <= w.as_of
  GROUP BY t.customer_id
),
us AS (
  SELECT u.customer_id,
         array_agg(u.active_users ORDER BY u.period) AS users,
         (array_agg(u.modules_used ORDER BY u.period DESC))[1] AS modules
  FROM usage_records u CROSS JOIN w
  WHERE u.period > w.start AND u.period <= w.as_of
  GROUP BY u.customer_id
),
sv AS (
  SELECT s.customer_id,
         AVG(s.nps)::float8 AS nps_mean,
         (array_agg(s.nps ORDER BY s.answered_on DESC, s.id DESC))[1]::float8 AS nps_last
  FROM survey_answers s CROSS JOIN w
  WHERE s.nps IS NOT NULL AND s.answered_on > w.start AND s.answered_on <= w.as_of
  GROUP BY s.customer_id
)
SELECT c.id AS customer_id,
       CASE WHEN tx.last_charge IS NULL THEN NULL ELSE (w.as_of - tx.last_charge) END AS recency_days,
       COALESCE(tx.frequency, 0)::int AS frequency,
       COALESCE(tx.monetary, 0)::numeric(14,2) AS monetary,
       CASE WHEN tx.frequency > 0 THEN ROUND(tx.gross / tx.frequency, 2) END AS avg_check,
       COALESCE(tx.ltv, 0)::numeric(14,2) AS ltv,
       CASE WHEN tx.last_charge IS NULL THEN NULL ELSE (tx.last_charge - tx.first_charge) / 30.4375 END::float8 AS tenure_months,
       CASE WHEN tx.month_mask IS NULL OR tx.month_mask = 0 THEN NULL
            ELSE ROUND(tx.monetary / bit_count(tx.month_mask::bit(64)), 2) END AS arpu_month,
       CASE WHEN tx.gross > 0 THEN COALESCE(tx.refunds, 0)::float8 / tx.gross::float8 ELSE 0 END AS refund_share,
       CASE WHEN COALESCE(tx.gross, 0) + COALESCE(tx.discount, 0) > 0
            THEN tx.discount::float8 / (tx.gross + tx.discount)::float8 ELSE 0 END AS discount_share,
       CASE WHEN tx.frequency > 0 THEN tx.overdue::float8 / tx.frequency ELSE 0 END AS overdue_share,
       COALESCE(tx.expansions, 0)::int AS expansion_count,
       COALESCE(us.users[cardinality(us.users)], 0)::int AS active_users_last,
       CASE WHEN us.users IS NULL THEN 0 ELSE
         ln(((SELECT AVG(x) FROM unnest(us.users[GREATEST(cardinality(us.users) - 2, 1):cardinality(us.users)]) x)::float8 + 1)
            / ((SELECT AVG(x) FROM unnest(us.users[1:3]) x)::float8 + 1)) END AS active_users_growth,
       COALESCE(us.modules, 0)::int AS modules_used,
       sv.nps_last,
       sv.nps_mean,
       COALESCE(c.cac, 0)::numeric(14,2) AS cac
FROM customers c
CROSS JOIN w
LEFT JOIN tx ON tx.customer_id = c.id
LEFT JOIN us ON us.customer_id = c.id
LEFT JOIN sv ON sv.customer_id = c.id`;

export const FEATURE_TABLE_COLUMNS = [
  'recency_days',
  'frequency',
  'monetary',
  'avg_check',
  'ltv',
  'tenure_months',
  'arpu_month',
  'refund_share',
  'discount_share',
  'overdue_share',
  'expansion_count',
  'active_users_last',
  'active_users_growth',
  'modules_used',
  'nps_last',
  'nps_mean',
  'cac',
] as const;

/**
 * Replaces the stored features of (asOf, lookback) with a fresh computation;
 * returns the snapshot summary. Call it inside a transaction: a transaction
 * advisory lock serialises computations of the same window (a run and an
 * analyst's recompute must not interleave their DELETE and INSERT).
 */
export async function computeAndStoreFeatures(
  query: (sql: string, params?: unknown[]) => Promise<any>,
  asOf: string,
  lookbackMonths: number,
): Promise<{ customers: number; nonPositiveMonetary: number }> {
  await query(`SELECT pg_advisory_xact_lock(hashtext('cxs-features:' || $1::text || ':' || $2::text))`, [asOf, lookbackMonths]);
  await query(`DELETE FROM customer_features WHERE as_of = $1 AND lookback_months = $2`, [asOf, lookbackMonths]);
  const cols = FEATURE_TABLE_COLUMNS.join(', ');
  await query(
    `INSERT INTO customer_features (as_of, lookback_months, customer_id, ${cols})
     SELECT $1::date, $2::int, f.customer_id, ${FEATURE_TABLE_COLUMNS.map((c) => `f.${c}`).join(', ')} FROM (${FEATURES_SELECT}) f`,
    [asOf, lookbackMonths],
  );
  const rows = await query(
    `INSERT INTO feature_snapshots (as_of, lookback_months, customers, non_positive_monetary, computed_at)
     SELECT $1::date, $2::int, COUNT(*)::int,
            COUNT(*) FILTER (WHERE cf.monetary <= 0 AND EXISTS (
              SELECT 1 FROM transactions t WHERE t.customer_id = cf.customer_id AND t.occurred_on <= $1::date
                AND t.occurred_on > ($1::date - make_interval(months => $2::int))::date))::int,
            now()
     FROM customer_features cf WHERE cf.as_of = $1 AND cf.lookback_months = $2
     ON CONFLICT ON CONSTRAINT pk_feature_snapshots DO UPDATE
       SET customers = EXCLUDED.customers, non_positive_monetary = EXCLUDED.non_positive_monetary, computed_at = EXCLUDED.computed_at
     RETURNING customers, non_positive_monetary AS "nonPositiveMonetary"`,
    [asOf, lookbackMonths],
  );
  const r = Array.isArray(rows[0]) ? rows[0][0] : rows[0];
  return { customers: r.customers, nonPositiveMonetary: r.nonPositiveMonetary };
}
