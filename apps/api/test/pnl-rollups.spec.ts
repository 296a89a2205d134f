import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { dayBefore, rebuildOpenPeriods, refreshRollups } from '../src/modules/pnl/rollups.js';
import { startHarness, type Harness } from './harness.js';

/**
 * The precomputed periods and the incremental refresh must give exactly what a full rebuild and a separately
 * written oracle (correlated lookups straight on transactions) give.
 */
describe('P&L rollups: precomputed periods and incremental refresh', () => {
  let h: Harness;
  let db: pg.Client;

  beforeAll(async () => {
    h = await startHarness('pnlroll');
    db = new pg.Client({ connectionString: h.dbUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await h?.close();
  });

  const TABLES = [
    'pnl_customer_months',
    'pnl_customer_firsts',
    'pnl_segment_months',
    'pnl_segment_product_months',
    'pnl_segment_stats',
    'pnl_segment_serve_months',
    'pnl_segment_periods',
    'pnl_customer_series',
  ];
  async function snapshot(): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const t of TABLES) {
      const { rows } = await db.query(`SELECT row_to_json(x)::text AS j FROM ${t} x`);
      out[t] = rows.map((r) => r.j as string).sort();
    }
    const { rows } = await db.query(`SELECT first_month::text AS lo, last_month::text AS hi FROM pnl_rollup_state`);
    out.state = rows.map((r) => `${r.lo}..${r.hi}`);
    return out;
  }

  /**
   * Oracle: every segment × start month × length 1/3/12 whose window ends by the latest month with data, or is still in
   * progress and starts a fiscal quarter / year (other windows in progress are computed live, not stored), from
   * transactions and memberships by correlated lookups.
   */
  async function oracle(): Promise<Map<string, string>> {
    const seg = (cust: string, day: string) =>
      `COALESCE((SELECT sm.segment_id FROM segment_memberships sm WHERE sm.customer_id = ${cust} AND sm.valid_from <= ${day}
                 AND (sm.valid_to IS NULL OR sm.valid_to >= ${day})), 0)`;
    const { rows: ret } = await db.query(`
      WITH b AS (SELECT date_trunc('month', MIN(occurred_on))::date AS lo, date_trunc('month', MAX(occurred_on))::date AS hi FROM transactions),
      starts AS (SELECT gs::date AS s, b.hi, (date_part('year', gs)::int * 12 + date_part('month', gs)::int - 1) AS si,
                         (SELECT fiscal_year_start_month - 1 FROM app_settings WHERE id = 1) AS fy
                  FROM b, generate_series(b.lo - interval '11 months', b.hi, interval '1 month') gs),
      lens AS (SELECT unnest(ARRAY[1, 3, 12]) AS len),
      mt AS (SELECT customer_id, date_trunc('month', occurred_on)::date AS m, SUM(amount) AS amt FROM transactions GROUP BY 1, 2),
      pc AS (SELECT mt.customer_id AS id, st.s, l.len, SUM(mt.amt) FILTER (WHERE mt.m < st.s) AS prev, COALESCE(SUM(mt.amt) FILTER (WHERE mt.m >= st.s), 0) AS cur
             FROM mt CROSS JOIN lens l JOIN starts st ON mt.m >= st.s - make_interval(months => l.len) AND mt.m < st.s + make_interval(months => l.len)
                                   AND (st.s + make_interval(months => l.len - 1) <= st.hi OR ((st.si - st.fy) % l.len + l.len) % l.len = 0)
             GROUP BY 1, 2, 3)
      SELECT ${seg('pc.id', 'pc.s')}::text AS seg, pc.s::text AS s, pc.len, COUNT(*)::int AS n, SUM(prev)::numeric(20,2)::text AS prev,
             SUM(cur)::numeric(20,2)::text AS cur, SUM(GREATEST(LEAST(cur, prev), 0))::numeric(20,2)::text AS capped
      FROM pc WHERE prev > 0 GROUP BY 1, 2, 3`);
    const { rows: act } = await db.query(`
      WITH b AS (SELECT date_trunc('month', MIN(occurred_on))::date AS lo, date_trunc('month', MAX(occurred_on))::date AS hi FROM transactions),
      starts AS (SELECT gs::date AS s, b.hi, (date_part('year', gs)::int * 12 + date_part('month', gs)::int - 1) AS si,
                         (SELECT fiscal_year_start_month - 1 FROM app_settings WHERE id = 1) AS fy
                  FROM b, generate_series(b.lo - interval '11 months', b.hi, interval '1 month') gs),
      lens AS (SELECT unnest(ARRAY[1, 3, 12]) AS len),
      tx AS (SELECT t.customer_id, t.occurred_on, ${seg('t.customer_id', 't.occurred_on')} AS seg FROM transactions t)
      SELECT tx.seg::text AS seg, st.s::text AS s, l.len, COUNT(DISTINCT tx.customer_id)::int AS active
      FROM tx CROSS JOIN lens l JOIN starts st ON tx.occurred_on >= st.s AND tx.occurred_on < st.s + make_interval(months => l.len)
                              AND (st.s + make_interval(months => l.len - 1) <= st.hi OR ((st.si - st.fy) % l.len + l.len) % l.len = 0)
      GROUP BY 1, 2, 3`);
    const m = new Map<string, string>();
    const key = (r: { seg: string; s: string; len: number }) => `${r.seg}/${r.s}/${r.len}`;
    for (const r of act) m.set(key(r), `active=${r.active} n=0 prev=0.00 cur=0.00 capped=0.00`);
    for (const r of ret) {
      const a = /active=(\d+)/.exec(m.get(key(r)) ?? '')?.[1] ?? '0';
      m.set(key(r), `active=${a} n=${r.n} prev=${r.prev} cur=${r.cur} capped=${r.capped}`);
    }
    return m;
  }
  async function rolled(): Promise<Map<string, string>> {
    const { rows } = await db.query(
      `SELECT segment_id::text AS seg, period_start::text AS s, months AS len, active_customers AS a, cohort_customers AS n,
              previous_revenue::text AS prev, current_revenue::text AS cur, capped_revenue::text AS capped FROM pnl_segment_periods`,
    );
    return new Map(rows.map((r) => [`${r.seg}/${r.s}/${r.len}`, `active=${r.a} n=${r.n} prev=${r.prev} cur=${r.cur} capped=${r.capped}`]));
  }

  it('pnl_segment_periods = the oracle for every segment, start month and length (demo data)', async () => {
    const [want, got] = await Promise.all([oracle(), rolled()]);
    expect(want.size).toBeGreaterThan(500);
    expect(Object.fromEntries([...got].sort())).toEqual(Object.fromEntries([...want].sort()));
  });

  it('an import refreshed incrementally ({customerIds, since}) leaves every rollup equal to a full rebuild', async () => {
    const { rows: custs } = await db.query(
      `SELECT customer_id::text AS id FROM transactions GROUP BY customer_id ORDER BY customer_id LIMIT 60`,
    );
    const { rows: [first] } = await db.query(
      `SELECT customer_id::text AS id, to_char(MIN(occurred_on) - 40, 'YYYY-MM-DD') AS before FROM transactions GROUP BY customer_id ORDER BY MIN(occurred_on) DESC LIMIT 1`,
    );
    const { rows: [last] } = await db.query(`SELECT MAX(occurred_on) AS d FROM transactions`);
    const { rows: [prod] } = await db.query(`SELECT id::text AS id FROM products ORDER BY id LIMIT 1`);
    await db.query('BEGIN');
    // Two new months after the data's end (one of them skipping a month), and one customer's transaction before
    // their first-ever one (their cohort and the new-customer month move back).
    let n = 0;
    for (const [i, c] of custs.entries()) {
      const day = new Date(last.d);
      day.setDate(day.getDate() + (i % 2 ? 20 : 55));
      await db.query(
        `INSERT INTO transactions (external_id, customer_id, product_id, occurred_on, amount, quantity, discount, type) VALUES ($1, $2, $3, $4, $5, 1, 0, $6)`,
        [`INC-${++n}`, c.id, prod.id, day.toISOString().slice(0, 10), (100 + i).toFixed(2), i % 5 ? 'payment' : 'expansion'],
      );
    }
    await db.query(
      `INSERT INTO transactions (external_id, customer_id, product_id, occurred_on, amount, quantity, discount, type) VALUES ('INC-early', $1, $2, $3, 321.00, 1, 0, 'payment')`,
      [first.id, prod.id, first.before],
    );
    await refreshRollups(db, { customerIds: [...custs.map((c) => c.id), first.id], since: first.before });
    const incremental = await snapshot();
    await refreshRollups(db, { all: true });
    const full = await snapshot();
    await db.query('COMMIT');
    for (const t of Object.keys(full)) expect({ table: t, rows: incremental[t] }).toEqual({ table: t, rows: full[t] });
    // …and the full rebuild still matches the oracle with the new data.
    const [want, got] = await Promise.all([oracle(), rolled()]);
    expect(Object.fromEntries([...got].sort())).toEqual(Object.fromEntries([...want].sort()));
  });

  it('an import of the month after the data (since = its 1st, the common case) leaves every rollup equal to a full rebuild', async () => {
    const { rows: custs } = await db.query(`SELECT customer_id::text AS id FROM transactions GROUP BY customer_id ORDER BY customer_id LIMIT 40`);
    const { rows: [end] } = await db.query(
      `SELECT to_char(date_trunc('month', MAX(occurred_on)) + interval '1 month', 'YYYY-MM-DD') AS next,
              to_char(date_trunc('month', MAX(occurred_on)) + interval '2 months', 'YYYY-MM-DD') AS after FROM transactions`,
    );
    const { rows: [prod] } = await db.query(`SELECT id::text AS id FROM products ORDER BY id LIMIT 1`);
    await db.query('BEGIN');
    // One new month for most (one array element each); a refund-only month for some (negative revenue); a customer
    // whose only new row is two months on (the month in between is filled with the last value); one line too big for
    // int4 cents (the refresh falls back to int8 cents).
    for (const [i, c] of custs.entries()) {
      const day = i === 0 ? end.after : end.next;
      const refund = i % 7 === 3;
      await db.query(
        `INSERT INTO transactions (external_id, customer_id, product_id, occurred_on, amount, quantity, discount, type) VALUES ($1, $2, $3, $4, $5, 1, 0, $6)`,
        [`NEXT-${i}`, c.id, prod.id, day, refund ? '-50.00' : i === 1 ? '30000000.07' : (200 + i).toFixed(2), refund ? 'refund' : 'payment'],
      );
    }
    await refreshRollups(db, { customerIds: custs.map((c) => c.id), since: end.next });
    const incremental = await snapshot();
    const { rows: [sums] } = await db.query(
      `SELECT (SELECT SUM(amount) FROM transactions)::text AS tx, (SELECT SUM(net_revenue) FROM pnl_customer_months)::text AS base,
              (SELECT SUM(net_revenue) FROM pnl_segment_product_months)::text AS product`,
    );
    expect(sums.base).toBe(sums.tx);
    expect(sums.product).toBe(sums.tx);
    await refreshRollups(db, { all: true });
    const full = await snapshot();
    await db.query('ROLLBACK');
    for (const t of Object.keys(full)) expect({ table: t, rows: incremental[t] }).toEqual({ table: t, rows: full[t] });
    expect(full.pnl_customer_series.length).toBeGreaterThan(0);
  });

  it('a membership change refreshed incrementally ({customerIds, since: day before}) leaves every rollup equal to a full rebuild', async () => {
    // A mid-history move (what merge / split / promotion do): 80 customers' memberships covering day D close on
    // D − 1 and continue in another segment from D; D is mid-month, so one month has both segments.
    const { rows: [b] } = await db.query(`SELECT to_char(date_trunc('month', MIN(occurred_on)) + interval '14 months' + interval '9 days', 'YYYY-MM-DD') AS d FROM transactions`);
    const D: string = b.d;
    const { rows: segs } = await db.query(`SELECT id::text AS id FROM segments ORDER BY id LIMIT 2`);
    await db.query('BEGIN');
    await db.query(
      `CREATE TEMP TABLE moving ON COMMIT DROP AS
       SELECT sm.id, sm.customer_id, sm.segment_id, sm.valid_to FROM segment_memberships sm
       WHERE sm.valid_from < $1::date AND (sm.valid_to IS NULL OR sm.valid_to >= $1::date) ORDER BY sm.customer_id LIMIT 80`,
      [D],
    );
    const { rows: moving } = await db.query(`SELECT customer_id::text AS id FROM moving`);
    expect(moving.length).toBe(80);
    await db.query(`UPDATE segment_memberships sm SET valid_to = $1::date - 1 FROM moving mv WHERE sm.id = mv.id`, [D]);
    await db.query(
      `INSERT INTO segment_memberships (segment_id, customer_id, valid_from, valid_to)
       SELECT CASE WHEN mv.segment_id = $2 THEN $3 ELSE $2 END::bigint, mv.customer_id, $1::date, mv.valid_to FROM moving mv`,
      [D, segs[0].id, segs[1].id],
    );
    const before = await snapshot();
    await refreshRollups(db, { customerIds: moving.map((r) => r.id), since: dayBefore(D) });
    const incremental = await snapshot();
    await refreshRollups(db, { all: true });
    const full = await snapshot();
    await db.query('COMMIT');
    // The move changed the rollups at all (else the comparison proves nothing)…
    expect(incremental.pnl_segment_months).not.toEqual(before.pnl_segment_months);
    expect(incremental.pnl_segment_stats).not.toEqual(before.pnl_segment_stats);
    // …and the incremental refresh gives exactly the full rebuild, table by table.
    for (const t of Object.keys(full)) expect({ table: t, rows: incremental[t] }).toEqual({ table: t, rows: full[t] });
    const [want, got] = await Promise.all([oracle(), rolled()]);
    expect(Object.fromEntries([...got].sort())).toEqual(Object.fromEntries([...want].sort()));
  });
  it('a new fiscal-year start moves the stored quarters and years in progress (= a full rebuild and the oracle)', async () => {
    await db.query('BEGIN');
    const { rows: [st] } = await db.query(`SELECT fiscal_year_start_month AS m FROM app_settings WHERE id = 1`);
    const next = ((Number(st.m) + 2) % 12) + 1; // three months later: any other start month
    await db.query(`UPDATE app_settings SET fiscal_year_start_month = $1 WHERE id = 1`, [next]);
    const before = await snapshot();
    await rebuildOpenPeriods(db);
    const moved = await snapshot();
    await refreshRollups(db, { all: true });
    const full = await snapshot();
    const [want, got] = await Promise.all([oracle(), rolled()]);
    await db.query('ROLLBACK');
    expect(moved.pnl_segment_periods).not.toEqual(before.pnl_segment_periods);
    expect(moved.pnl_segment_periods).toEqual(full.pnl_segment_periods);
    expect(Object.fromEntries([...got].sort())).toEqual(Object.fromEntries([...want].sort()));
  });
});
