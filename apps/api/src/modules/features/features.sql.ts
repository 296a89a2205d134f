import { withLocalSettings } from '../../database/local-settings.js';
import { lockForKeyShare, maySkipRowTriggers, withoutRowTriggers, type ReferenceCheck } from '../../database/set-checked.js';

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
 * The transactions are aggregated in one pass per customer over the covering
 * index (customer_id, occurred_on) INCLUDE (amount_cents, discount_cents,
 * overdue, type): an index-only scan in customer order (parallel workers
 * share it), grouped as the rows stream, with bigint cents — PostgreSQL keeps
 * `amount_cents` and `discount_cents` as exact generated copies — so no row
 * costs a numeric addition or comparison and no customer a hash-table entry.
 * The planner misjudges the number of customers and would hash; the statement
 * runs with sequential scans and hash aggregation switched off
 * ({@link FEATURES_PLAN_SETTINGS}).
 *
 * Months with a charge are collected as a bit mask (bit i = i-th month of the
 * window) and counted with bit_count: COUNT(DISTINCT month) would force a sort
 * of every transaction, the mask keeps the aggregation streaming. Hence the
 * lookback limit of 60 months. The bit of a row's month is one subscript into
 * a day → month-bit array passed as a parameter, rather than EXTRACT (numeric
 * since PostgreSQL 14) or width_bucket (a binary search of function calls):
 * seconds at 10M rows.
 *
 * Usage: the window's records of a customer as one array in period order of
 * packed (active_users, modules_used) int8s (one ordered aggregate over the
 * (customer_id, period) index order); the last record and the first and last
 * three are subscripts of it. A window function over the same order cost twice
 * as much (its tuplestore and per-row function calls). Surveys: the last
 * answer is the array maximum of (day, id, nps), a plain (parallel) aggregate
 * instead of a window over sorted answers.
 */
export const MAX_LOOKBACK_MONTHS = 60;

/**
 * The feature rows of every customer. Parameters: $1 as-of date, $2 window
 * start (exclusive), $3 the bit of the month within the window of each day of
 * it (bigint[]: element k is 1 << the month of day $2 + k, 0 = the start's
 * month; days outside the window subscript out of range and yield NULL).
 * Besides the stored columns it yields `in_window` (any transaction in the
 * window) for the non-positive report.
 */
export const FEATURES_SELECT = `
WITH tx AS (
  -- One row per customer, grouped as the covering index (customer_id, occurred_on) INCLUDE (amount_cents,
  -- discount_cents, overdue, type) delivers the rows: an index-only scan in customer order, no hash table.
  -- Money is summed in bigint cents (exact) and turned back into numeric per customer; every condition is
  -- a date or bigint comparison. "other" is every row that is not a charge in the window, so LTV (all rows
  -- up to the as-of date) = gross + other.
  SELECT t.customer_id,
         SUM(t.amount_cents) FILTER (WHERE t.occurred_on > $2::date AND t.amount_cents >= 0) * 0.01 AS gross,
         SUM(t.amount_cents) FILTER (WHERE t.occurred_on <= $2::date OR t.amount_cents < 0) * 0.01 AS other,
         SUM(t.amount_cents) FILTER (WHERE t.occurred_on > $2::date AND t.amount_cents < 0) * 0.01 AS refunds_negative,
         COUNT(*) FILTER (WHERE t.occurred_on > $2::date AND t.amount_cents >= 0) AS frequency,
         COUNT(*) FILTER (WHERE t.occurred_on > $2::date) AS window_rows,
         MIN(t.occurred_on) FILTER (WHERE t.amount_cents >= 0) AS first_charge,
         SUM(t.discount_cents) FILTER (WHERE t.occurred_on > $2::date AND t.amount_cents >= 0) * 0.01 AS discount,
         COUNT(*) FILTER (WHERE t.occurred_on > $2::date AND t.amount_cents >= 0 AND t.overdue) AS overdue,
         COUNT(*) FILTER (WHERE t.occurred_on > $2::date AND t.amount_cents >= 0 AND t.type = 'expansion') AS expansions,
         MAX(t.occurred_on) FILTER (WHERE t.occurred_on > $2::date AND t.amount_cents >= 0) AS last_charge,
         -- NULL for days before the window (subscript out of range): ignored by BIT_OR.
         BIT_OR(($3::bigint[])[t.occurred_on - $2::date]) FILTER (WHERE t.amount_cents >= 0) AS month_mask
  FROM transactions t
  WHERE t.occurred_on <= $1::date
  GROUP BY t.customer_id
),
tw AS (
  SELECT tx.*,
         COALESCE(tx.gross, 0) + COALESCE(tx.refunds_negative, 0) AS monetary,
         COALESCE(tx.gross, 0) + COALESCE(tx.other, 0) AS ltv
  FROM tx
),
us AS (
  -- The window's records of a customer in period order, each packed as (active_users << 32) | modules_used
  -- (both int4 ≥ 0: ck_usage_records_non_negative), so one ordered aggregate (one sort per customer on
  -- PostgreSQL 15, none from 16 on: the index on (customer_id, period) delivers that order) gives both ends.
  SELECT customer_id, r, cardinality(r) AS n
  FROM (SELECT customer_id, array_agg((active_users::bigint << 32) | modules_used ORDER BY period) AS r
        FROM usage_records
        WHERE period > $2::date AND period <= $1::date
        GROUP BY customer_id) a
),
ue AS (
  -- The last record, and the averages of the first and last three records (fewer when the window holds
  -- fewer): records, not months. A subscript outside 1..n is NULL; >> binds looser than +. Each average
  -- is AVG's own computation: the bigint sum divided by the count as numeric, then float8.
  SELECT customer_id,
         r[n] >> 32 AS users_last,
         r[n] & 4294967295 AS modules,
         (((r[1] >> 32) + COALESCE(r[2] >> 32, 0) + COALESCE(r[3] >> 32, 0))::numeric / LEAST(n, 3)::numeric)::float8 AS users_first3,
         (((r[n] >> 32) + COALESCE(r[n - 1] >> 32, 0) + COALESCE(r[n - 2] >> 32, 0))::numeric / LEAST(n, 3)::numeric)::float8 AS users_last3
  FROM us
),
sv AS (
  -- The last answer is the greatest (day, id) of the window: one array maximum per customer, no sort.
  SELECT customer_id,
         AVG(nps)::float8 AS nps_mean,
         (MAX(ARRAY[(answered_on - $2::date)::bigint, id, nps::bigint]))[3]::float8 AS nps_last
  FROM survey_answers
  WHERE nps IS NOT NULL AND answered_on > $2::date AND answered_on <= $1::date
  GROUP BY customer_id
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
LEFT JOIN ue us ON us.customer_id = c.id
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
 * CREATE TABLE AS takes no bind parameters: $1 (date), $2 (date) and $3
 * (bigint[]) are inlined as typed literals. Dates come from SQL (to_char) or
 * are checked here; the array literal comes from SQL and is checked to hold
 * integers only.
 */
function inlineParams(sql: string, [asOf, start, monthBits]: [string, string, string]): string {
  for (const d of [asOf, start]) if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new Error(`not a date: ${d}`);
  if (!/^\{\d+(,\d+)*\}$/.test(monthBits)) throw new Error('month bits must be a list of integers');
  return sql
    .replaceAll('$1::date', `DATE '${asOf}'`)
    .replaceAll('$2::date', `DATE '${start}'`)
    .replaceAll('($3::bigint[])', `('${monthBits}'::bigint[])`);
}

/** Memory for the statement: the streaming plan needs little; a hashed plan (if the planner were left to it) would keep 1,000,000 customers' states in memory instead of spilling. */
const FEATURES_WORK_MEM = '256MB';

/**
 * Planner settings for the feature statement only (restored right after it): the streaming plan over the
 * covering index. With customer_id's distinct count underestimated (36k estimated, 200k real at 10M rows)
 * the planner prefers a hashed aggregate over a sequential scan, which took twice as long (ADR 0010).
 */
export const FEATURES_PLAN_SETTINGS: Record<string, string> = { enable_seqscan: 'off', enable_hashagg: 'off' };

/** The feature statement for (asOf, lookback) with its parameters inlined (see {@link inlineParams}); also for EXPLAIN in tests. */
export async function featuresStatement(query: (sql: string, params?: unknown[]) => Promise<any>, asOf: string, lookbackMonths: number): Promise<string> {
  // The bit of each day's month (bit i = i-th month of the window): element k is day start + k.
  const [win] = await query(
    `SELECT to_char(w.start, 'YYYY-MM-DD') AS start,
            ARRAY(SELECT 1::bigint << ((date_part('year', d)::int * 12 + date_part('month', d)::int) - (date_part('year', w.start)::int * 12 + date_part('month', w.start)::int))
                  FROM generate_series(w.start + 1, $1::date, interval '1 day') d ORDER BY d)::text AS month_bits
     FROM (SELECT ($1::date - make_interval(months => $2::int))::date AS start) w`,
    [asOf, lookbackMonths],
  );
  return inlineParams(FEATURES_SELECT, [asOf, win.start, win.month_bits]);
}

/** How the foreign key of the inserted rows (customer_id → customers) was checked ('none': no row inserted). */
export type FeatureReferenceCheck = ReferenceCheck;

/**
 * Replaces the stored features of (asOf, lookback) with a fresh computation;
 * returns the snapshot summary. Call it inside a transaction: a transaction
 * advisory lock serialises computations of the same window (a run and an
 * analyst's recompute must not interleave their DELETE and INSERT).
 *
 * One statement computes the features once (materialised), inserts them and
 * counts the customers whose window holds only refunds: no second pass over
 * transactions for the report.
 *
 * The foreign key customer_id → customers is checked set-wise, as the import
 * merge does (ADR 0009, `insertSetChecked`): the per-row RI trigger of 200,000
 * inserted rows cost more than the insert itself. Every row comes from
 * `customers` in this transaction; what the trigger adds is a FOR KEY SHARE
 * lock on each referenced customer until commit, so nobody can delete it
 * meanwhile. We take exactly those locks in one statement, drop the rows of
 * customers deleted since the aggregate read them (committed before our lock:
 * the cascade would have removed them), and run the INSERT with
 * `session_replication_role = replica` for that one statement. Only when it is
 * permitted (superuser, or the SET privilege on that parameter) and equivalent
 * (customer_features has no other foreign key and no user trigger); otherwise
 * the plain INSERT runs with its triggers: same rows, slower.
 */
export async function computeAndStoreFeatures(
  query: (sql: string, params?: unknown[]) => Promise<any>,
  asOf: string,
  lookbackMonths: number,
): Promise<{ customers: number; nonPositiveMonetary: number; referencesCheckedBy: FeatureReferenceCheck }> {
  await query(`SELECT pg_advisory_xact_lock(hashtext('cxs-features:' || $1::text || ':' || $2::text))`, [asOf, lookbackMonths]);
  await query(`SELECT set_config('work_mem', $1, true)`, [FEATURES_WORK_MEM]);
  const statement = await featuresStatement(query, asOf, lookbackMonths);
  // The aggregate runs as CREATE TABLE AS, which may use parallel workers; an INSERT … SELECT
  // (even with the SELECT in a CTE) never does. The temp table lives until the end of the transaction.
  await query(`DROP TABLE IF EXISTS cxs_features_tmp`);
  await withLocalSettings(query, FEATURES_PLAN_SETTINGS, () => query(`CREATE TEMP TABLE cxs_features_tmp ON COMMIT DROP AS ${statement}`));
  const cols = FEATURE_TABLE_COLUMNS.join(', ');
  const countSql = `SELECT COUNT(*)::int AS customers, (COUNT(*) FILTER (WHERE f.monetary <= 0 AND f.in_window))::int AS non_positive FROM cxs_features_tmp f`;
  let [counts] = await query(countSql);
  const window = `as_of = $1::date AND lookback_months = $2::int`;
  const [stored] = await query(`SELECT EXISTS (SELECT 1 FROM customer_features WHERE ${window}) AS any`, [asOf, lookbackMonths]);
  // The rows to insert: every computed row for a new window; for a recomputed window only the
  // customers without a stored row, after the changed rows are updated in place and the rows of
  // customers no longer computed deleted. Rows whose features did not change are not written.
  let newRows = 'cxs_features_tmp f';
  let newCount = counts.customers;
  if (stored.any) {
    const distinct = `(${FEATURE_TABLE_COLUMNS.map((c) => `f.${c}`).join(', ')}) IS DISTINCT FROM (${FEATURE_TABLE_COLUMNS.map((c) => `cf.${c}`).join(', ')})`;
    if (!Number.isInteger(lookbackMonths)) throw new Error('lookback must be an integer');
    await query(`DROP TABLE IF EXISTS cxs_features_diff`);
    await query(
      `CREATE TEMP TABLE cxs_features_diff ON COMMIT DROP AS
       SELECT COALESCE(f.customer_id, cf.customer_id) AS customer_id,
              CASE WHEN cf.customer_id IS NULL THEN 'new' WHEN f.customer_id IS NULL THEN 'gone' ELSE 'changed' END AS kind
       FROM cxs_features_tmp f
       FULL JOIN (SELECT * FROM customer_features WHERE as_of = DATE '${asOf}' AND lookback_months = ${lookbackMonths}) cf ON cf.customer_id = f.customer_id
       WHERE cf.customer_id IS NULL OR f.customer_id IS NULL OR ${distinct}`,
    );
    await query(
      `DELETE FROM customer_features cf USING cxs_features_diff d WHERE cf.${window} AND cf.customer_id = d.customer_id AND d.kind = 'gone'`,
      [asOf, lookbackMonths],
    );
    // The key does not change: no foreign key check (the row's customer was checked when it was inserted).
    await query(
      `UPDATE customer_features cf SET (${cols}) = (${FEATURE_TABLE_COLUMNS.map((c) => `f.${c}`).join(', ')})
       FROM cxs_features_diff d JOIN cxs_features_tmp f ON f.customer_id = d.customer_id
       WHERE cf.${window} AND cf.customer_id = d.customer_id AND d.kind = 'changed'`,
      [asOf, lookbackMonths],
    );
    newRows = `cxs_features_tmp f JOIN cxs_features_diff d ON d.customer_id = f.customer_id AND d.kind = 'new'`;
    [{ n: newCount }] = await query(`SELECT count(*)::int AS n FROM cxs_features_diff WHERE kind = 'new'`);
  }
  const insertSql = `INSERT INTO customer_features (as_of, lookback_months, customer_id, ${cols})
     SELECT $1::date, $2::int, f.customer_id, ${FEATURE_TABLE_COLUMNS.map((c) => `f.${c}`).join(', ')} FROM ${newRows}`;
  let referencesCheckedBy: ReferenceCheck = 'row-triggers';
  if (newCount === 0) {
    referencesCheckedBy = 'none';
  } else if (await maySkipRowTriggers(query, 'customer_features', ['customer_id>customers'])) {
    // An inner join (one temp row per customer), not EXISTS: the temp table has no statistics and a
    // semi-join was planned as 200,000 index probes.
    const locked = await lockForKeyShare(query, 'c', `customers c JOIN ${newRows} ON f.customer_id = c.id`);
    // Fewer locked than to insert: some customers were deleted (and committed) since the aggregate read them.
    if (locked !== newCount) {
      await query(`DELETE FROM cxs_features_tmp f WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = f.customer_id)`);
      [counts] = await query(countSql);
    }
    await withoutRowTriggers(query, () => query(insertSql, [asOf, lookbackMonths]));
    referencesCheckedBy = 'set';
  } else {
    await query(insertSql, [asOf, lookbackMonths]);
  }
  const rows = await query(
    `INSERT INTO feature_snapshots (as_of, lookback_months, customers, non_positive_monetary, computed_at)
     VALUES ($1::date, $2::int, $3::int, $4::int, now())
     ON CONFLICT ON CONSTRAINT pk_feature_snapshots DO UPDATE
       SET customers = EXCLUDED.customers, non_positive_monetary = EXCLUDED.non_positive_monetary, computed_at = EXCLUDED.computed_at
     RETURNING customers, non_positive_monetary AS "nonPositiveMonetary"`,
    [asOf, lookbackMonths, counts.customers, counts.non_positive],
  );
  const r = Array.isArray(rows[0]) ? rows[0][0] : rows[0];
  return { customers: r.customers, nonPositiveMonetary: r.nonPositiveMonetary, referencesCheckedBy };
}
