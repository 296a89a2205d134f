import { withLocalSettings } from '../../database/local-settings.js';

/**
 * Monthly P&L rollups. Imports, promotions and the demo loader call
 * `refreshRollups()` inside their own transaction after changing transactions
 * or memberships; every P&L page reads only these tables.
 *
 * 1. pnl_customer_months — money per (customer, month, segment on the
 *    transaction's date). Rebuilt only for the given customers (or all); money per
 *    product comes from the same transaction lines (pnl_lines, below).
 *    A transaction with no membership on its date goes to segment 0
 *    ("unsegmented"), found directly by the LEFT JOIN, never as total − segments.
 *    Cost of goods per transaction, rounded to the cent: its own cost, else
 *    product unit cost × quantity, else product cost share × amount.
 * 2. pnl_customer_firsts — each customer's first month and its segment (cohorts).
 * 3. segment-level rollups (pnl_segment_months / _product_months / _stats /
 *    _serve_months) — rebuilt from (1) and the memberships.
 * 4. pnl_segment_periods — active customers and the NRR/GRR cohort per segment ×
 *    period start × length (1, 3, 12 months), for every start month with data.
 *
 * Incremental: `{ customerIds, since }` (an import: the customers it touched and
 * the earliest date it wrote) rebuilds the base for those customers from that
 * month on, and (3)–(4) only for the months that can have changed: from the
 * earliest of `since`, a changed first month, and the month after the last one
 * covered before. Without `since` (memberships changed: a promotion) the base is
 * rebuilt for those customers and (3)–(4) in full, since a membership change
 * moves cohorts in any month.
 */

/** Anything that runs SQL: a TypeORM EntityManager or a pg client. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export type RefreshScope =
  | { all: true }
  | {
      customerIds: readonly (string | number)[];
      /**
       * The earliest day (YYYY-MM-DD) whose data changed for these customers: an import, the earliest transaction
       * date it wrote (or a corrected line had); a membership change, the day the old memberships close (their
       * state from the next day on and the month's closing counts change). Omitted: anything may have changed.
       */
      since?: string;
    };

/** The day before a YYYY-MM-DD date (a membership change on D closes the old membership on D − 1). */
export function dayBefore(date: string): string {
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Period lengths precomputed in pnl_segment_periods: the period picker's month, quarter, year. */
export const PERIOD_LENGTHS = [1, 3, 12] as const;

/**
 * With CXS_PNL_PROFILE set, each statement's time goes to stderr (the bench uses it to show where a refresh spends
 * its time); otherwise the Queryable as given.
 */
function profiled(q: Queryable): Queryable {
  if (!process.env.CXS_PNL_PROFILE) return q;
  return {
    async query(sql: string, params?: unknown[]) {
      const t = performance.now();
      const r = await q.query(sql, params);
      process.stderr.write(`  rollups ${(performance.now() - t).toFixed(0).padStart(7)} ms  ${sql.replace(/\s+/g, ' ').trim().slice(0, 110)}\n`);
      return r;
    },
  };
}

type Row = Record<string, unknown>;
async function rows(q: Queryable, sql: string, params?: unknown[]): Promise<Row[]> {
  const res = (await q.query(sql, params)) as Row[] | { rows: Row[] };
  return Array.isArray(res) ? res : res.rows;
}

/** Month index (year × 12 + month − 1) of a date expression, in SQL (date_part is float8; EXTRACT is numeric since PostgreSQL 14, slower per row). */
const MI = (e: string) => `(date_part('year', ${e})::int * 12 + date_part('month', ${e})::int - 1)`;
/** First day of month index `e`, in SQL. */
const MD = (e: string) => `make_date((${e}) / 12, (${e}) % 12 + 1, 1)`;
const toIdx = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;
const toDate = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`;
const dateText = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}`;
  return String(v).slice(0, 10);
};

const BASE_COLUMNS = `(customer_id, month, segment_id, net_revenue, expansion_revenue, discounts, refunds, cogs, tx_count, first_tx_on, last_tx_on)`;

/**
 * Transaction lines folded per (customer, month, segment on the date, product) into the temp table pnl_lines, money in
 * integer cents (integer sums instead of numeric ones, so the hash aggregate of a million lines stays in memory and
 * runs several times faster; exact, amounts have two decimals): the base (per customer, below) and money per product
 * (pnl_segment_product_months) both come from it, so the changed transactions are read once. CREATE TABLE AS may run
 * in parallel workers (an INSERT … SELECT never does).
 * Lines of every customer from `since`, or of the customers in pnl_affected (`affectedOnly`). Not joined to
 * pnl_affected otherwise: the base takes the affected customers' lines itself (baseFromLines), and a statement that
 * reads no temp table can run in parallel.
 */
async function createLines(q: Queryable, opts: { affectedOnly: boolean; since: string | null; withBase?: boolean }): Promise<void> {
  const join = opts.affectedOnly ? 'JOIN pnl_affected a ON a.customer_id = t.customer_id' : '';
  // The rows an import just wrote are not in the statistics yet (a million new rows of a new month are estimated at a
  // few thousand), so the planner never pays for parallel workers; told they are free, it scans and joins the lines
  // with two workers (the aggregate stays in the leader): ~1 s less at 1,000,000 rows. Restored right after.
  const parallelFree: Record<string, string> = opts.affectedOnly ? {} : { parallel_setup_cost: '0', parallel_tuple_cost: '0' };
  // Cents of one transaction as int4 when they fit (|amount| < 21,474,836.48, every ordinary line): SUM(int4) keeps
  // its running total in a by-value int8, SUM(int8) in a palloc'd 128-bit state per group and aggregate — ~30 %
  // of the hash aggregate over a million lines. A line that does not fit raises "out of range" and the statement
  // runs again with int8 cents, so totals are exact either way.
  // withBase: the base grain (customer, month, segment) comes out of the same pass as a second grouping set (rows with
  // a NULL product_id), instead of a second aggregate over the lines.
  const keys = [`t.customer_id`, `date_trunc('month', t.occurred_on)::date`, `COALESCE(sm.segment_id, 0)`, `COALESCE(t.product_id, 0)`];
  const statement = (cents: 'int' | 'bigint') => {
    const c = (e: string) => `(${e} * 100)::${cents}`;
    return `CREATE TEMP TABLE pnl_lines AS
     SELECT t.customer_id,
            date_trunc('month', t.occurred_on)::date AS month,
            COALESCE(sm.segment_id, 0) AS segment_id,
            COALESCE(t.product_id, 0) AS product_id,
            SUM(${c('t.amount')})::bigint AS net_revenue,
            COALESCE(SUM(${c('t.amount')}) FILTER (WHERE t.type = 'expansion'), 0)::bigint AS expansion_revenue,
            SUM(${c('t.discount')})::bigint AS discounts,
            COALESCE(-SUM(${c('t.amount')}) FILTER (WHERE t.type = 'refund'), 0)::bigint AS refunds,
            SUM(${c('ROUND(COALESCE(t.cost, p.unit_cost * t.quantity, p.cost_share * t.amount, 0), 2)')})::bigint AS cogs,
            COUNT(*)::int AS tx_count,
            MIN(t.occurred_on) AS first_tx_on,
            MAX(t.occurred_on) AS last_tx_on
     FROM transactions t ${join}
     LEFT JOIN products p ON p.id = t.product_id
     LEFT JOIN segment_memberships sm
            ON sm.customer_id = t.customer_id AND t.occurred_on >= sm.valid_from AND t.occurred_on <= COALESCE(sm.valid_to, 'infinity'::date)
     ${opts.since ? `WHERE t.occurred_on >= '${opts.since}'::date` : ''}
     GROUP BY ${opts.withBase ? `GROUPING SETS ((${keys.join(', ')}), (${keys.slice(0, 3).join(', ')}))` : keys.join(', ')}`;
  };
  await withLocalSettings((sql, params) => rows(q, sql, params), parallelFree, async () => {
    await q.query(`SAVEPOINT pnl_lines_int`);
    try {
      await q.query(statement('int'));
      await q.query(`RELEASE SAVEPOINT pnl_lines_int`);
    } catch (e) {
      const err = e as { code?: string; driverError?: { code?: string } };
      if ((err.code ?? err.driverError?.code) !== '22003') throw e; // numeric_value_out_of_range
      await q.query(`ROLLBACK TO SAVEPOINT pnl_lines_int`);
      await q.query(statement('bigint'));
    }
  });
}

/**
 * The base rows from the lines: of every customer in them, or (`affectedOnly`) of the customers in pnl_affected; from
 * the lines' base grouping set when they have one (`grouped`), else summed over products. In primary-key order: a new
 * month's rows go to every customer's place in the (customer, month) index, and in hash order each one read (and
 * dirtied) a random leaf page; sorted, neighbouring rows share leaves (200,000 rows with the default 128 MB of shared
 * buffers: 143,000 → 83,000 pages read, 94,000 → 12,500 dirty pages written out).
 */
const baseFromLines = (affectedOnly: boolean, grouped: boolean) => `INSERT INTO pnl_customer_months ${BASE_COLUMNS}
  SELECT l.customer_id, l.month, l.segment_id, ${
    grouped
      ? `l.net_revenue::numeric / 100, l.expansion_revenue::numeric / 100, l.discounts::numeric / 100, l.refunds::numeric / 100, l.cogs::numeric / 100, l.tx_count, l.first_tx_on, l.last_tx_on`
      : `SUM(l.net_revenue) / 100, SUM(l.expansion_revenue) / 100, SUM(l.discounts) / 100, SUM(l.refunds) / 100, SUM(l.cogs) / 100, SUM(l.tx_count), MIN(l.first_tx_on), MAX(l.last_tx_on)`
  }
  FROM pnl_lines l ${affectedOnly ? 'JOIN pnl_affected a ON a.customer_id = l.customer_id' : ''}
  ${grouped ? 'WHERE l.product_id IS NULL' : 'GROUP BY 1, 2, 3'}
  ORDER BY 1, 2, 3`;

/**
 * The one entry point for other modules: call it inside the transaction that changed transactions (imports: the
 * customers imported and the earliest date written) or memberships (promotions: the customers promoted, no
 * `since`), or with `{ all: true }`.
 */
export async function refreshRollups(db: Queryable, scope: RefreshScope): Promise<void> {
  const q = profiled(db);
  const [state] = await rows(q, `SELECT first_month, last_month FROM pnl_rollup_state WHERE id = 1 FOR UPDATE`);
  // Hash aggregates and sorts over a million rows stay in memory (this transaction only).
  await q.query(`SET LOCAL work_mem = '256MB'`);
  const oldLast = dateText(state?.last_month);
  let fromMonth: string | null = null; // null: rebuild the segment-level rollups in full

  const TEMPS = `pg_temp.pnl_affected, pg_temp.pnl_cand, pg_temp.pnl_newf, pg_temp.pnl_recent, pg_temp.pnl_tail, pg_temp.pnl_lines`;
  await q.query(`DROP TABLE IF EXISTS ${TEMPS}`);
  // The months pnl_lines holds for every customer (money per product is rebuilt from it), or null: affected customers only.
  let linesFrom: string | null = null;
  if ('all' in scope) {
    await q.query(`TRUNCATE pnl_customer_months, pnl_customer_firsts, pnl_customer_series`);
    await createLines(q, { affectedOnly: false, since: null });
    linesFrom = '0001-01-01';
    await q.query(baseFromLines(false, false));
    await q.query(`
      INSERT INTO pnl_customer_firsts (customer_id, first_month, first_segment_id)
      SELECT DISTINCT ON (customer_id) customer_id, month, segment_id FROM pnl_customer_months ORDER BY customer_id, first_tx_on, segment_id`);
  } else {
    const ids = [...new Set(scope.customerIds.map(String))];
    if (ids.length === 0) return;
    const sinceMonth = scope.since ? `${scope.since.slice(0, 7)}-01` : null;
    // A keyed temp table, not `= ANY(array)`: the import may touch every customer.
    // No key: nothing looks it up by key, it is scanned or hashed (a primary key cost 0.1–0.2 s for 200,000 ids); DISTINCT keeps it a set.
    await q.query(`CREATE TEMP TABLE pnl_affected (customer_id bigint NOT NULL)`);
    await q.query(`INSERT INTO pnl_affected SELECT DISTINCT unnest($1::bigint[])`, [ids]);
    await q.query(`ANALYZE pnl_affected`);
    if (sinceMonth) {
      if (!/^\d{4}-\d{2}-01$/.test(sinceMonth)) throw new Error(`refreshRollups: not a date: ${scope.since}`);
      await q.query(`DELETE FROM pnl_customer_months cm USING pnl_affected a WHERE cm.customer_id = a.customer_id AND cm.month >= $1`, [sinceMonth]);
      // Every customer's lines from `since` (money per product needs them all); the base takes the affected ones'.
      await createLines(q, { affectedOnly: false, since: sinceMonth, withBase: true });
      linesFrom = sinceMonth;
      await q.query(baseFromLines(true, true));
    } else {
      await q.query(`DELETE FROM pnl_customer_months cm USING pnl_affected a WHERE cm.customer_id = a.customer_id`);
      await createLines(q, { affectedOnly: true, since: null });
      await q.query(baseFromLines(false, false));
    }
    // First months can only change for customers without one or whose first month is not before `since`.
    await q.query(
      `CREATE TEMP TABLE pnl_cand AS
       SELECT a.customer_id, f.first_month AS old_month, f.first_segment_id AS old_segment_id
       FROM pnl_affected a LEFT JOIN pnl_customer_firsts f ON f.customer_id = a.customer_id
       WHERE $1::date IS NULL OR f.customer_id IS NULL OR f.first_month >= $1::date`,
      [sinceMonth],
    );
    await q.query(
      `CREATE TEMP TABLE pnl_newf AS
       SELECT DISTINCT ON (cm.customer_id) cm.customer_id, cm.month AS first_month, cm.segment_id AS first_segment_id
       FROM pnl_customer_months cm JOIN pnl_cand c ON c.customer_id = cm.customer_id ORDER BY cm.customer_id, cm.first_tx_on, cm.segment_id`,
    );
    const [changed] = await rows(
      q,
      `SELECT to_char(MIN(LEAST(c.old_month, n.first_month)), 'YYYY-MM-DD') AS m FROM pnl_cand c LEFT JOIN pnl_newf n ON n.customer_id = c.customer_id
       WHERE c.old_month IS DISTINCT FROM n.first_month OR c.old_segment_id IS DISTINCT FROM n.first_segment_id`,
    );
    await q.query(`DELETE FROM pnl_customer_firsts f USING pnl_cand c WHERE f.customer_id = c.customer_id`);
    await q.query(`INSERT INTO pnl_customer_firsts (customer_id, first_month, first_segment_id) SELECT customer_id, first_month, first_segment_id FROM pnl_newf`);
    if (sinceMonth && oldLast) {
      const candidates = [sinceMonth, changed?.m as string | null, toDate(toIdx(oldLast) + 1)].filter((x): x is string => !!x);
      fromMonth = candidates.sort()[0];
    }
  }
  await refreshSeries(q, 'all' in scope ? null : scope.since ? `${scope.since.slice(0, 7)}-01` : null, 'all' in scope);
  await rebuildSegmentRollups(q, fromMonth, linesFrom);
  await q.query(`DROP TABLE IF EXISTS ${TEMPS}`);
}

/** Cumulative revenue in cents of customer row `x` (columns b = first month index, n = length, a = series) before month index `m`. */
const C = (m: string) => `(CASE WHEN (${m}) - x.b <= 0 THEN 0 ELSE x.a[LEAST((${m}) - x.b, x.n)] END)`;
/**
 * pnl_customer_series as rows with the month index of its start and its length. OFFSET 0 keeps the planner from
 * inlining it: b and n are computed once per customer, not at each of the dozen places a window lookup uses them.
 */
const SERIES = `(SELECT customer_id, ${MI('first_month')} AS b, array_length(revenue_cents, 1) AS n, revenue_cents AS a FROM pnl_customer_series OFFSET 0)`;

/**
 * pnl_customer_series for every customer (`all`), or for the customers in pnl_affected: those whose first month
 * changed, who had no series, or when `since` is unknown, are rebuilt from all their base rows; the others keep
 * the months before `since` and get a new tail from their base rows from `since` on (an import of a new month:
 * one element each). Always dense from the first to the last month with data. With `since`, pnl_lines must hold
 * the base grouping set of every line from `since` on (refreshRollups makes it so).
 */
async function refreshSeries(q: Queryable, sinceMonth: string | null, all: boolean): Promise<void> {
  const build = (where: string, params: unknown[]) =>
    q.query(
      `WITH rv AS (SELECT cm.customer_id, ${MI('cm.month')} AS i, (SUM(cm.net_revenue) * 100)::bigint AS rev FROM pnl_customer_months cm ${where} GROUP BY 1, 2),
       b AS (SELECT customer_id, MIN(i) AS lo, MAX(i) AS hi FROM rv GROUP BY 1)
       INSERT INTO pnl_customer_series (customer_id, first_month, revenue_cents)
       SELECT d.customer_id, ${MD('MIN(d.lo)')}, array_agg(d.cum ORDER BY d.i)
       FROM (SELECT b.customer_id, b.lo, g.i, SUM(COALESCE(rv.rev, 0)) OVER (PARTITION BY b.customer_id ORDER BY g.i) AS cum
             FROM b CROSS JOIN LATERAL generate_series(b.lo, b.hi) g(i) LEFT JOIN rv ON rv.customer_id = b.customer_id AND rv.i = g.i) d
       GROUP BY d.customer_id`,
      params,
    );
  if (all) {
    await build('', []);
    return;
  }
  if (!sinceMonth) {
    // Anything may have changed: every affected customer's series is rebuilt from the base.
    await q.query(`DELETE FROM pnl_customer_series s USING pnl_affected a WHERE s.customer_id = a.customer_id`);
    await build(`JOIN pnl_affected a ON a.customer_id = cm.customer_id`, []);
    return;
  }
  const x = toIdx(sinceMonth);
  // Rebuilt whole: no first month (no base rows), or the first month is not before `since` (new customers and those
  // whose first month moved: the months before `since` hold nothing to keep). The others keep
  // their array where it is (every customer with base rows has one, and its first month is the first month's) and
  // get a new tail in place, from h: the new months' last index, count and revenue in cents, from the lines' base
  // grouping set (with `since` it holds every base row from `since` on, so the base table is not read again).
  // Nothing here reads the series: the customers' months come from pnl_customer_firsts.
  const h = `LEFT JOIN (SELECT customer_id, MAX(i) AS hi, COUNT(*) AS months, SUM(rev)::bigint AS rev
                        FROM (SELECT l.customer_id, ${MI('l.month')} AS i, SUM(l.net_revenue)::bigint AS rev FROM pnl_lines l
                              WHERE l.product_id IS NULL AND l.month >= $1::date GROUP BY 1, 2) m
                        GROUP BY 1) h ON h.customer_id = a.customer_id`;
  // last_kept: with no new month, how much stays — months first … the last month with data before `since`.
  await q.query(
    `CREATE TEMP TABLE pnl_tail AS
     SELECT t.*, CASE WHEN NOT t.whole AND t.hi IS NULL
                      THEN (SELECT ${MI('MAX(cm.month)')} FROM pnl_customer_months cm WHERE cm.customer_id = t.customer_id AND cm.month < $1::date) - t.b + 1 END AS last_kept
     FROM (SELECT a.customer_id, ${MI('f.first_month')} AS b, (f.customer_id IS NULL OR f.first_month >= $1::date) AS whole,
                  h.hi, h.months, h.rev
           FROM pnl_affected a LEFT JOIN pnl_customer_firsts f ON f.customer_id = a.customer_id ${h}
           OFFSET 0) t`,
    [sinceMonth],
  );
  const [kinds] = await rows(
    q,
    `SELECT COUNT(*) FILTER (WHERE whole)::int AS whole, COUNT(*) FILTER (WHERE NOT whole)::int AS kept, COALESCE(bool_or(months > 1), false) AS multi FROM pnl_tail`,
  );
  if (Number(kinds.whole) > 0) {
    await q.query(`DELETE FROM pnl_customer_series s USING pnl_tail t WHERE s.customer_id = t.customer_id AND t.whole`);
    await build(`JOIN pnl_tail t ON t.customer_id = cm.customer_id AND t.whole`, []);
  }
  if (Number(kinds.kept) === 0) return;
  // How much of the stored array stays: months first … since − 1 (at most its length), or last_kept.
  const KEPT = (a: string) => `(CASE WHEN k.hi IS NOT NULL THEN LEAST(array_length(${a}, 1), ${x} - k.b) ELSE k.last_kept END)`;
  // Nothing kept and nothing new: no revenue month left, no series.
  await q.query(`DELETE FROM pnl_customer_series s USING pnl_tail k WHERE s.customer_id = k.customer_id AND NOT k.whole AND k.hi IS NULL AND COALESCE(k.last_kept, 0) <= 0`);
  // At most one new month with data (an import of the latest month): the kept prefix, the months in between at its
  // last value, then that value plus the month's revenue — array functions on the stored array, updated in place.
  const kept = KEPT('s.revenue_cents');
  await q.query(
    `UPDATE pnl_customer_series s
     SET revenue_cents = s.revenue_cents[1:GREATEST(${kept}, 0)] ||
            CASE WHEN k.hi IS NULL THEN '{}'::bigint[]
                 ELSE array_fill(CASE WHEN ${kept} > 0 THEN s.revenue_cents[${kept}] ELSE 0 END, ARRAY[k.hi - k.b - GREATEST(${kept}, 0)])
                      || (CASE WHEN ${kept} > 0 THEN s.revenue_cents[${kept}] ELSE 0 END + k.rev) END
     FROM pnl_tail k
     WHERE s.customer_id = k.customer_id AND NOT k.whole AND (k.hi IS NULL OR k.months = 1) AND (k.hi IS NOT NULL OR k.last_kept > 0)`,
  );
  // Several new months (rare: an import spanning months): a running sum over every month from the kept prefix on.
  if (!kinds.multi) return;
  await q.query(
    `WITH k AS (SELECT k.*, s.revenue_cents AS old, ${KEPT('s.revenue_cents')} AS kept
                FROM pnl_tail k JOIN pnl_customer_series s ON s.customer_id = k.customer_id WHERE NOT k.whole AND k.months > 1),
     rv AS (SELECT cm.customer_id, ${MI('cm.month')} AS i, (SUM(cm.net_revenue) * 100)::bigint AS rev
            FROM pnl_customer_months cm JOIN k ON k.customer_id = cm.customer_id
            WHERE cm.month >= $1::date GROUP BY 1, 2),
     d AS (SELECT k.customer_id, g.i, CASE WHEN k.kept > 0 THEN k.old[k.kept] ELSE 0 END AS base
           FROM k CROSS JOIN LATERAL generate_series(k.b + GREATEST(k.kept, 0), k.hi) g(i)),
     tail AS (SELECT z.customer_id, array_agg(z.cum ORDER BY z.i) AS a
              FROM (SELECT d.customer_id, d.i, (d.base + SUM(COALESCE(rv.rev, 0)) OVER (PARTITION BY d.customer_id ORDER BY d.i))::bigint AS cum
                    FROM d LEFT JOIN rv ON rv.customer_id = d.customer_id AND rv.i = d.i) z
              GROUP BY z.customer_id)
     UPDATE pnl_customer_series s SET revenue_cents = k.old[1:GREATEST(k.kept, 0)] || tail.a
     FROM k JOIN tail ON tail.customer_id = k.customer_id
     WHERE s.customer_id = k.customer_id`,
    [sinceMonth],
  );
}

/**
 * Rebuilds the segment-level rollups from pnl_customer_months, pnl_customer_firsts and the memberships: all of
 * them (`from` null) or the months from `from` on (and the periods whose window reaches it).
 */
export async function rebuildSegmentRollups(q: Queryable, from: string | null, linesFrom: string | null = null): Promise<void> {
  const full = from === null;
  const [b] = await rows(q, `SELECT to_char(MIN(month), 'YYYY-MM-DD') AS lo, to_char(MAX(month), 'YYYY-MM-DD') AS hi FROM pnl_customer_months${full ? '' : ` WHERE month >= $1`}`, full ? [] : [from]);
  let lo: string | null = b?.lo as string | null;
  let hi: string | null = b?.hi as string | null;
  if (!full) {
    // The months before `from` are untouched: the state row and pnl_segment_months still know them.
    const [g] = await rows(
      q,
      `SELECT to_char(s.first_month, 'YYYY-MM-DD') AS lo, (SELECT to_char(MAX(month), 'YYYY-MM-DD') FROM pnl_segment_months WHERE month < $1) AS hi FROM pnl_rollup_state s WHERE s.id = 1`,
      [from],
    );
    lo = [lo, g?.lo as string | null].filter((x): x is string => !!x).sort()[0] ?? null;
    hi = hi ?? (g?.hi as string | null) ?? null;
  }
  // Nothing at or after `from`: only clear what was there.
  const X = full ? lo : from;
  const tables = ['pnl_segment_months', 'pnl_segment_product_months', 'pnl_segment_stats', 'pnl_segment_serve_months'];
  if (full) await q.query(`TRUNCATE ${tables.join(', ')}, pnl_segment_periods`);
  else {
    for (const t of tables) await q.query(`DELETE FROM ${t} WHERE month >= $1`, [from]);
    await deletePeriodsReaching(q, from);
  }
  if (!hi || !lo || !X) {
    await q.query(`UPDATE pnl_rollup_state SET version = version + 1, refreshed_at = now(), first_month = $1, last_month = $2 WHERE id = 1`, [lo ?? null, hi ?? null]);
    return;
  }
  const loIdx = toIdx(lo);
  const hiIdx = toIdx(hi);
  const xIdx = toIdx(X);
  // The months from `from` on, read three times below: copied once into a temp table (revenue windows for NRR and
  // churn read pnl_customer_series; active customers of the windows reaching `from` read the base themselves).
  let src = 'pnl_customer_months';
  if (!full) {
    await q.query(`CREATE TEMP TABLE pnl_recent AS SELECT * FROM pnl_customer_months WHERE month >= $1`, [toDate(xIdx)]);
    await q.query(`ANALYZE pnl_recent`);
    src = 'pnl_recent';
  }
  const fromDate = toDate(xIdx);

  // One base row per (customer, month, segment): COUNT(*) counts customers.
  await q.query(
    `INSERT INTO pnl_segment_months (segment_id, month, cohort_month, net_revenue, expansion_revenue, discounts, refunds, cogs, tx_count, customers)
     SELECT c.segment_id, c.month, f.first_month, SUM(c.net_revenue), SUM(c.expansion_revenue), SUM(c.discounts), SUM(c.refunds), SUM(c.cogs), SUM(c.tx_count), COUNT(*)
     FROM ${src} c
     JOIN pnl_customer_firsts f ON f.customer_id = c.customer_id
     WHERE c.month >= $1
     GROUP BY 1, 2, 3`,
    [fromDate],
  );

  // Money per (segment, product, month): from the transaction lines of every customer in the rebuilt months (one line
  // row per customer there, so COUNT(*) counts customers); made here when the caller's lines do not cover them.
  if (linesFrom === null || linesFrom > fromDate) {
    await q.query(`DROP TABLE IF EXISTS pg_temp.pnl_lines`);
    await createLines(q, { affectedOnly: false, since: full ? null : fromDate });
  }
  await q.query(
    `INSERT INTO pnl_segment_product_months (segment_id, product_id, month, net_revenue, discounts, refunds, cogs, customers)
     SELECT segment_id, product_id, month, SUM(net_revenue) / 100, SUM(discounts) / 100, SUM(refunds) / 100, SUM(cogs) / 100, COUNT(*)
     FROM pnl_lines WHERE month >= $1 AND product_id IS NOT NULL GROUP BY 1, 2, 3`,
    [fromDate],
  );

  // Cost to serve: a customer active in a month is served once, by the segment of their last transaction that month.
  await q.query(
    `INSERT INTO pnl_segment_serve_months (segment_id, month, support_level, customers)
     SELECT s.segment_id, s.month, COALESCE(c.support_level, 'unknown'), COUNT(*)
     FROM (SELECT DISTINCT ON (customer_id, month) customer_id, month, segment_id
           FROM ${src} WHERE month >= $1 ORDER BY customer_id, month, last_tx_on DESC, segment_id) s
     JOIN customers c ON c.id = s.customer_id
     GROUP BY 1, 2, 3`,
    [fromDate],
  );

  // Membership counts per month: at start (1st), at end (last day), moved in / out (a membership that
  // directly continues one in another segment, the day after it closed).
  await q.query(
    `WITH months AS (SELECT gs::date AS m, (gs + interval '1 month' - interval '1 day')::date AS m_end
                     FROM generate_series($1::date, $2::date, interval '1 month') gs),
     ms AS (SELECT segment_id, valid_from, COALESCE(valid_to, 'infinity'::date) AS valid_to,
                   LAG(segment_id) OVER w AS prev_seg, LAG(valid_to) OVER w AS prev_to,
                   LEAD(segment_id) OVER w AS next_seg, LEAD(valid_from) OVER w AS next_from
            FROM segment_memberships WINDOW w AS (PARTITION BY customer_id ORDER BY valid_from))
     INSERT INTO pnl_segment_stats (segment_id, month, members_at_start, members_at_end, moved_in, moved_out)
     SELECT ms.segment_id, months.m,
            COUNT(*) FILTER (WHERE ms.valid_from <= months.m),
            COUNT(*) FILTER (WHERE ms.valid_to >= months.m_end),
            COUNT(*) FILTER (WHERE ms.valid_from >= months.m AND ms.prev_to = ms.valid_from - 1 AND ms.prev_seg <> ms.segment_id),
            COUNT(*) FILTER (WHERE ms.valid_to <= months.m_end AND ms.next_from = ms.valid_to + 1 AND ms.next_seg <> ms.segment_id)
     FROM ms JOIN months ON ms.valid_from <= months.m_end AND ms.valid_to >= months.m
     GROUP BY 1, 2`,
    [fromDate, hi],
  );

  // New customers and acquisition cost: CAC of customers whose first-ever transaction falls in the month,
  // in the segment of that first transaction.
  await q.query(
    `INSERT INTO pnl_segment_stats (segment_id, month, new_customers, acquisition_cost)
     SELECT f.first_segment_id, f.first_month, COUNT(*), COALESCE(SUM(c.cac), 0)
     FROM pnl_customer_firsts f JOIN customers c ON c.id = f.customer_id
     WHERE f.first_month >= $1
     GROUP BY 1, 2
     ON CONFLICT (segment_id, month) DO UPDATE SET new_customers = EXCLUDED.new_customers, acquisition_cost = EXCLUDED.acquisition_cost`,
    [fromDate],
  );

  // Churned in month m: revenue in month m−3, none in m−2..m (so revenue in the previous 12 months and none in
  // the last 3), counted in the segment the customer is in on the 1st of m (unsegmented if none); only months
  // the data fully covers. R(k) = revenue of month k, from the cumulative series.
  const R = (k: string) => `(${C(`${k} + 1`)} - ${C(k)})`;
  await q.query(
    `INSERT INTO pnl_segment_stats (segment_id, month, churned)
     SELECT COALESCE(sm.segment_id, 0), ch.m, COUNT(*)
     FROM (SELECT x.customer_id, ${MD('g.k')} AS m
           FROM ${SERIES} x CROSS JOIN LATERAL generate_series(GREATEST($1, x.b + 3), LEAST($2, x.b + x.n + 2)) g(k)
           WHERE ${R('g.k - 3')} > 0 AND ${R('g.k - 2')} <= 0 AND ${R('g.k - 1')} <= 0 AND ${R('g.k')} <= 0) ch
     LEFT JOIN segment_memberships sm
       ON sm.customer_id = ch.customer_id AND ch.m >= sm.valid_from AND ch.m <= COALESCE(sm.valid_to, 'infinity'::date)
     GROUP BY 1, 2
     ON CONFLICT (segment_id, month) DO UPDATE SET churned = EXCLUDED.churned`,
    [xIdx, hiIdx],
  );

  await rebuildPeriods(q, { loIdx, hiIdx, xIdx });
  await q.query(`UPDATE pnl_rollup_state SET version = version + 1, refreshed_at = now(), first_month = $1, last_month = $2 WHERE id = 1`, [lo, hi]);
}

/** The fiscal year's first month − 1 (0 = January): quarters and years start where ((s − it) mod len) = 0. */
async function fiscalOffset(q: Queryable): Promise<number> {
  const [r] = await rows(q, `SELECT fiscal_year_start_month AS m FROM app_settings WHERE id = 1`);
  return r ? Number(r.m) - 1 : 0;
}

/**
 * The windows pnl_segment_periods holds (start `s`, length `len`, latest month `hi`, fiscal offset `fy`): every window
 * that ends by the latest month with data, and of the windows still in progress only the fiscal month, quarter and year
 * the period picker asks for. Any other window still in progress would change with every new month for nobody; the P&L
 * computes it live (pnl.service isPrecomputed mirrors this rule).
 */
const stored = (s: number, len: number, hi: number, fy: number): boolean => s + len - 1 <= hi || (((s - fy) % len) + len) % len === 0;

/** Removes the stored windows that reach month `from` (they are recomputed by rebuildPeriods). */
async function deletePeriodsReaching(q: Queryable, from: string): Promise<void> {
  await q.query(`DELETE FROM pnl_segment_periods WHERE (period_start + make_interval(months => months))::date > $1::date`, [from]);
}

/** After the fiscal-year start changed: the windows still in progress follow the new quarters and years. */
export async function rebuildOpenPeriods(db: Queryable): Promise<void> {
  const q = profiled(db);
  const [st] = await rows(q, `SELECT to_char(first_month, 'YYYY-MM-DD') AS lo, to_char(last_month, 'YYYY-MM-DD') AS hi FROM pnl_rollup_state WHERE id = 1 FOR UPDATE`);
  if (!st?.lo || !st?.hi) return;
  await q.query(`SET LOCAL work_mem = '256MB'`);
  const hiIdx = toIdx(st.hi as string);
  // Every window that reaches the latest month (the complete ones ending there are recomputed alongside).
  await deletePeriodsReaching(q, st.hi as string);
  await rebuildPeriods(q, { loIdx: toIdx(st.lo as string), hiIdx, xIdx: hiIdx });
  await q.query(`UPDATE pnl_rollup_state SET version = version + 1, refreshed_at = now() WHERE id = 1`);
}

/**
 * Bit k of month a + k, looked up by the day offset of a month's first day from month a's (base rows are dated on
 * the 1st): one subscript per row instead of two date_part calls and casts (the mask aggregate reads a year of
 * base rows, 1.6M at 200,000 customers). Other days hold 0.
 */
function monthBits(a: number, months: number): string[] {
  const day0 = Date.UTC(Math.floor(a / 12), a % 12, 1);
  const last = Date.UTC(Math.floor((a + months) / 12), (a + months) % 12, 1);
  const out: string[] = new Array((last - day0) / 86_400_000).fill('0');
  for (let k = 0; k < months; k++) out[(Date.UTC(Math.floor((a + k) / 12), (a + k) % 12, 1) - day0) / 86_400_000] = (1n << BigInt(k)).toString();
  return out;
}

/**
 * pnl_segment_periods for the stored windows (`stored`) reaching x: starts s in [max(lo, x) − len + 1, hi] and each
 * precomputed length (a period may begin before the first month with data: its active customers are those of the
 * months it covers). An import of a new month so writes 3 complete windows and at most 2 fiscal ones in progress per
 * customer, not every window that reaches it (16).
 * Active customers: the (segment, customer) pairs with an active month in [s, s + len), from bit masks of months.
 * NRR/GRR: per customer a cumulative monthly revenue array C (C[k] = revenue of months before index k), so the
 * previous and current windows are two subtractions; the cohort is the segment on the start's first day.
 */
async function rebuildPeriods(q: Queryable, r: { loIdx: number; hiIdx: number; xIdx: number }): Promise<void> {
  const fy = await fiscalOffset(q);
  const maxLen = Math.max(...PERIOD_LENGTHS);
  // The stored windows (start, length) with a start in [lo, hi] that reach x, listed here once: the statements join
  // this short list instead of generating every start and filtering (an import of a new month: 5 windows, not 16).
  const windows = (lo: number, hi: number): { s: number[]; len: number[] } => {
    const out = { s: [] as number[], len: [] as number[] };
    for (const len of PERIOD_LENGTHS)
      for (let s = Math.max(lo, r.xIdx - len + 1); s <= hi; s++)
        if (stored(s, len, r.hiIdx, fy)) {
          out.s.push(s);
          out.len.push(len);
        }
    return out;
  };
  // Each (segment, customer) becomes one bit mask of its active months from `a` (a hash aggregate, no sort), and a
  // window counts the masks with a bit inside it. 63 bits cover the starts a … a + 63 − maxLen with their windows, so
  // long histories (a full rebuild) go in blocks; an import of the latest month is one block of 12 months.
  const span = 63 - maxLen + 1;
  for (let a = r.xIdx - maxLen + 1; a <= r.hiIdx; a += span) {
    const w = windows(a, Math.min(r.hiIdx, a + span - 1));
    if (!w.s.length) continue;
    await q.query(
      `WITH w AS MATERIALIZED (SELECT s, len, ((1::bigint << len) - 1) << (s - $3) AS bits FROM unnest($1::int[], $2::int[]) AS w(s, len)),
       m AS (SELECT segment_id, bit_or(($6::bigint[])[month - $4::date + 1]) AS mask FROM pnl_customer_months
             WHERE month >= $4::date AND month <= $5::date GROUP BY segment_id, customer_id)
       INSERT INTO pnl_segment_periods (segment_id, period_start, months, active_customers)
       SELECT m.segment_id, ${MD('w.s')}, w.len, COUNT(*)
       FROM m JOIN w ON m.mask & w.bits <> 0
       GROUP BY 1, 2, 3`,
      [w.s, w.len, a, toDate(a), toDate(a + 62), monthBits(a, 63)],
    );
  }
  // A customer can be in a cohort only for starts s with revenue in [s − len, s): after their first month and
  // at most len months after their last.
  const w = windows(r.loIdx, r.hiIdx);
  if (!w.s.length) return;
  await q.query(
    `WITH w AS MATERIALIZED (SELECT s, len FROM unnest($1::int[], $2::int[]) AS w(s, len))
     INSERT INTO pnl_segment_periods (segment_id, period_start, months, cohort_customers, previous_revenue, current_revenue, capped_revenue)
     SELECT COALESCE(sm.segment_id, 0), t.start, t.len, COUNT(*), SUM(t.prev)::numeric / 100, SUM(t.cur)::numeric / 100,
            SUM(GREATEST(LEAST(t.cur, t.prev), 0))::numeric / 100
     FROM (SELECT x.customer_id, ${MD('w.s')} AS start, w.len, ${C('w.s')} - ${C('w.s - w.len')} AS prev, ${C('w.s + w.len')} - ${C('w.s')} AS cur
           FROM ${SERIES} x JOIN w ON w.s >= x.b + 1 AND w.s <= x.b + x.n - 1 + w.len
           OFFSET 0) t
     LEFT JOIN segment_memberships sm
       ON sm.customer_id = t.customer_id AND t.start >= sm.valid_from AND t.start <= COALESCE(sm.valid_to, 'infinity'::date)
     WHERE t.prev > 0
     GROUP BY 1, 2, 3
     ON CONFLICT (segment_id, period_start, months) DO UPDATE
       SET cohort_customers = EXCLUDED.cohort_customers, previous_revenue = EXCLUDED.previous_revenue,
           current_revenue = EXCLUDED.current_revenue, capped_revenue = EXCLUDED.capped_revenue`,
    [w.s, w.len],
  );
}
