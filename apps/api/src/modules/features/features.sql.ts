/**
 * Per-customer features as of a date over a lookback window, in one SQL
 * statement: one aggregate over transactions grouped by customer (FILTER
 * clauses, no ordered aggregates), one over usage, one over surveys, joined to
 * customers, computed by one CREATE TEMP TABLE … AS (parallel workers allowed)
 * and copied into customer_features (see ADR 0010 for why it is shaped like
 * this and what it costs at 200,000 / 1,000,000 customers).
 *
 * Window: occurred_on in (asOf − lookback months, asOf]. LTV and the first
 * charge (tenure) look at everything up to asOf. Refunds are negative amounts:
 * they reduce monetary, LTV and ARPU, and never count as a charge. A customer
 * with no charge in the window has NULL recency, average check, tenure and
 * ARPU (missing, not zero); shares are 0.
 *
 * Months with a charge are collected as a bit mask (bit i = i-th month of the
 * window) and counted with bit_count: COUNT(DISTINCT month) would force a sort
 * of every transaction, the mask keeps the aggregation streaming. Hence the
 * lookback limit of 60 months. The month of a row is one subscript into a
 * day → month array passed as a parameter, rather than EXTRACT (numeric since
 * PostgreSQL 14) or width_bucket (a binary search of function calls): seconds
 * at 10M rows.
 *
 * Usage: the first and last three records of the window per customer come
 * from row numbers over (customer_id, period), so no per-customer arrays are
 * built and sorted.
 */
export const MAX_LOOKBACK_MONTHS = 60;

/**
 * The feature rows of every customer. Parameters: $1 as-of date, $2 window
 * start (exclusive), $3 the month number within the window of each day of it
 * (int[]: element k is the month of day $2 + k, 0 = the start's month).
 * Besides the stored columns it yields `in_window` (any transaction in the
 * window) for the non-positive report.
 */
export const FEATURES_SELECT = `
WITH tx AS (
  SELECT t.customer_id,
         SUM(t.amount) AS ltv,
         SUM(t.amount) FILTER (WHERE t.occurred_on <= $2::date) AS before_window,
         SUM(t.amount) FILTER (WHERE t.amount < 0 AND t.occurred_on > $2::date) AS refunds_negative,
         COUNT(*) FILTER (WHERE t.occurred_on > $2::date) AS window_rows,
         MIN(t.occurred_on) FILTER (WHERE t.amount >= 0) AS first_charge,
         COUNT(*) FILTER (WHERE t.amount >= 0 AND t.occurred_on > $2::date) AS frequency,
         SUM(t.discount) FILTER (WHERE t.amount >= 0 AND t.occurred_on > $2::date) AS discount,
         COUNT(*) FILTER (WHERE t.amount >= 0 AND t.overdue AND t.occurred_on > $2::date) AS overdue,
         COUNT(*) FILTER (WHERE t.amount >= 0 AND t.type = 'expansion' AND t.occurred_on > $2::date) AS expansions,
         MAX(t.occurred_on) FILTER (WHERE t.amount >= 0 AND t.occurred_on > $2::date) AS last_charge,
         BIT_OR(1::bigint << ($3::int[])[t.occurred_on - $2::date]) FILTER (WHERE t.amount >= 0 AND t.occurred_on > $2::date) AS month_mask
  FROM transactions t
  WHERE t.occurred_on <= $1::date
  GROUP BY t.customer_id
),
tw AS (
  -- Monetary and gross by subtraction (exact numeric): one numeric sum per row instead of three.
  SELECT tx.*, tx.ltv - COALESCE(tx.before_window, 0) AS monetary,
         tx.ltv - COALESCE(tx.before_window, 0) - COALESCE(tx.refunds_negative, 0) AS gross
  FROM tx
),
us AS (
  SELECT u.customer_id,
         MAX(u.active_users) FILTER (WHERE u.from_end = 1) AS users_last,
         MAX(u.modules_used) FILTER (WHERE u.from_end = 1) AS modules,
         AVG(u.active_users) FILTER (WHERE u.from_start <= 3)::float8 AS users_first3,
         AVG(u.active_users) FILTER (WHERE u.from_end <= 3)::float8 AS users_last3
  FROM (SELECT customer_id, active_users, modules_used,
               row_number() OVER w AS from_start,
               count(*) OVER w - row_number() OVER w + 1 AS from_end
        FROM usage_records
        WHERE period > $2::date AND period <= $1::date
        -- One window (the whole partition as frame) gives both ends from one sort.
        WINDOW w AS (PARTITION BY customer_id ORDER BY period ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) u
  GROUP BY u.customer_id
),
sv AS (
  SELECT s.customer_id,
         AVG(s.nps)::float8 AS nps_mean,
         MAX(s.nps) FILTER (WHERE s.from_end = 1)::float8 AS nps_last
  FROM (SELECT customer_id, nps, row_number() OVER (PARTITION BY customer_id ORDER BY answered_on DESC, id DESC) AS from_end
        FROM survey_answers
        WHERE nps IS NOT NULL AND answered_on > $2::date AND answered_on <= $1::date) s
  GROUP BY s.customer_id
)
SELECT c.id AS customer_id,
       ($1::date - tx.last_charge) AS recency_days,
       COALESCE(tx.frequency, 0)::int AS frequency,
       COALESCE(tx.monetary, 0)::numeric(14,2) AS monetary,
       CASE WHEN tx.frequency > 0 THEN ROUND(tx.gross / tx.frequency, 2) END AS avg_check,
       COALESCE(tx.ltv, 0)::numeric(14,2) AS ltv,
       ((tx.last_charge - tx.first_charge) / 30.4375)::float8 AS tenure_months,
       CASE WHEN tx.month_mask IS NULL OR tx.month_mask = 0 THEN NULL
            ELSE ROUND(tx.monetary / bit_count(tx.month_mask::bit(64)), 2) END AS arpu_month,
       CASE WHEN tx.gross > 0 THEN COALESCE(-tx.refunds_negative, 0)::float8 / tx.gross::float8 ELSE 0 END AS refund_share,
       CASE WHEN COALESCE(tx.gross, 0) + COALESCE(tx.discount, 0) > 0
            THEN tx.discount::float8 / (tx.gross + tx.discount)::float8 ELSE 0 END AS discount_share,
       CASE WHEN tx.frequency > 0 THEN tx.overdue::float8 / tx.frequency ELSE 0 END AS overdue_share,
       COALESCE(tx.expansions, 0)::int AS expansion_count,
       COALESCE(us.users_last, 0)::int AS active_users_last,
       CASE WHEN us.customer_id IS NULL THEN 0 ELSE ln((us.users_last3 + 1) / (us.users_first3 + 1)) END AS active_users_growth,
       COALESCE(us.modules, 0)::int AS modules_used,
       sv.nps_last,
       sv.nps_mean,
       COALESCE(c.cac, 0)::numeric(14,2) AS cac,
       COALESCE(tx.window_rows, 0) > 0 AS in_window
FROM customers c
LEFT JOIN tw tx ON tx.customer_id = c.id
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
 * CREATE TABLE AS takes no bind parameters: $1 (date), $2 (date) and $3 (int[])
 * are inlined as typed literals. Dates come from SQL (to_char) or are checked
 * here, the array holds integers only.
 */
function inlineParams(sql: string, [asOf, start, months]: [string, string, number[]]): string {
  for (const d of [asOf, start]) if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new Error(`not a date: ${d}`);
  if (!months.every((m) => Number.isInteger(m))) throw new Error('month numbers must be integers');
  return sql
    .replaceAll('$1::date', `DATE '${asOf}'`)
    .replaceAll('$2::date', `DATE '${start}'`)
    .replaceAll('($3::int[])', `('{${months.join(',')}}'::int[])`);
}

/** Memory for the one aggregate: enough to keep 1,000,000 customers' hash states in memory instead of spilling. */
const FEATURES_WORK_MEM = '256MB';

/**
 * Replaces the stored features of (asOf, lookback) with a fresh computation;
 * returns the snapshot summary. Call it inside a transaction: a transaction
 * advisory lock serialises computations of the same window (a run and an
 * analyst's recompute must not interleave their DELETE and INSERT).
 *
 * One statement computes the features once (materialised), inserts them and
 * counts the customers whose window holds only refunds: no second pass over
 * transactions for the report.
 */
export async function computeAndStoreFeatures(
  query: (sql: string, params?: unknown[]) => Promise<any>,
  asOf: string,
  lookbackMonths: number,
): Promise<{ customers: number; nonPositiveMonetary: number }> {
  await query(`SELECT pg_advisory_xact_lock(hashtext('cxs-features:' || $1::text || ':' || $2::text))`, [asOf, lookbackMonths]);
  await query(`SELECT set_config('work_mem', $1, true)`, [FEATURES_WORK_MEM]);
  const [win] = await query(
    `SELECT to_char(w.start, 'YYYY-MM-DD') AS start,
            ARRAY(SELECT (date_part('year', d)::int * 12 + date_part('month', d)::int) - (date_part('year', w.start)::int * 12 + date_part('month', w.start)::int)
                  FROM generate_series(w.start + 1, $1::date, interval '1 day') d ORDER BY d) AS months
     FROM (SELECT ($1::date - make_interval(months => $2::int))::date AS start) w`,
    [asOf, lookbackMonths],
  );
  // The aggregate runs as CREATE TABLE AS, which may use parallel workers; an INSERT … SELECT
  // (even with the SELECT in a CTE) never does. The temp table lives until the end of the transaction.
  await query(`DROP TABLE IF EXISTS cxs_features_tmp`);
  await query(`CREATE TEMP TABLE cxs_features_tmp ON COMMIT DROP AS ${inlineParams(FEATURES_SELECT, [asOf, win.start, win.months])}`);
  await query(`DELETE FROM customer_features WHERE as_of = $1 AND lookback_months = $2`, [asOf, lookbackMonths]);
  const cols = FEATURE_TABLE_COLUMNS.join(', ');
  await query(
    `INSERT INTO customer_features (as_of, lookback_months, customer_id, ${cols})
     SELECT $1::date, $2::int, f.customer_id, ${FEATURE_TABLE_COLUMNS.map((c) => `f.${c}`).join(', ')} FROM cxs_features_tmp f`,
    [asOf, lookbackMonths],
  );
  const [counts] = await query(
    `SELECT COUNT(*)::int AS customers, (COUNT(*) FILTER (WHERE f.monetary <= 0 AND f.in_window))::int AS non_positive FROM cxs_features_tmp f`,
  );
  const rows = await query(
    `INSERT INTO feature_snapshots (as_of, lookback_months, customers, non_positive_monetary, computed_at)
     VALUES ($1::date, $2::int, $3::int, $4::int, now())
     ON CONFLICT ON CONSTRAINT pk_feature_snapshots DO UPDATE
       SET customers = EXCLUDED.customers, non_positive_monetary = EXCLUDED.non_positive_monetary, computed_at = EXCLUDED.computed_at
     RETURNING customers, non_positive_monetary AS "nonPositiveMonetary"`,
    [asOf, lookbackMonths, counts.customers, counts.non_positive],
  );
  const r = Array.isArray(rows[0]) ? rows[0][0] : rows[0];
  return { customers: r.customers, nonPositiveMonetary: r.nonPositiveMonetary };
}
