import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeAndStoreFeatures } from '../src/modules/features/features.sql.js';
import { startHarness, type Harness } from './harness.js';

/**
 * The stored feature rows skip the per-row RI trigger of
 * fk_customer_features_customer when that is permitted: the computation must
 * still hold the locks the trigger would take (FOR KEY SHARE on every
 * referenced customer until commit), never store a row of a customer deleted
 * meanwhile, restore the trigger role, and give the same rows as the plain
 * insert with its triggers (the path of a role that may not skip triggers).
 */
describe('set-wise foreign key check of the stored features', () => {
  let h: Harness;
  const asOf = '2026-09-30';
  beforeAll(async () => {
    h = await startHarness('features-fk');
  });
  afterAll(async () => h?.close());

  const rowsOf = async (c: pg.Client, lookback: number) =>
    (await c.query(`SELECT * FROM customer_features WHERE as_of = $1 AND lookback_months = $2 ORDER BY customer_id`, [asOf, lookback])).rows;

  it('locks every referenced customer until commit and restores the trigger role', async () => {
    const a = new pg.Client({ connectionString: h.dbUrl });
    const b = new pg.Client({ connectionString: h.dbUrl });
    await a.connect();
    await b.connect();
    try {
      const [cust] = (await a.query(`SELECT id::text FROM customers ORDER BY id DESC LIMIT 1`)).rows;
      await a.query('BEGIN');
      const snap = await computeAndStoreFeatures((sql, p) => a.query(sql, p).then((r) => r.rows), asOf, 11);
      expect(snap.referencesCheckedBy).toBe('set');
      const total = Number((await a.query(`SELECT count(*) FROM customers`)).rows[0].count);
      expect(snap.customers).toBe(total);
      expect(Number((await a.query(`SELECT count(*) FROM customer_features WHERE as_of = $1 AND lookback_months = 11`, [asOf])).rows[0].count)).toBe(total);
      expect((await a.query(`SHOW session_replication_role`)).rows[0].session_replication_role).toBe('origin');
      await b.query(`SET lock_timeout = '300ms'`);
      await expect(b.query(`DELETE FROM customers WHERE id = $1`, [cust.id])).rejects.toMatchObject({ code: '55P03' });
      await a.query('ROLLBACK');
    } finally {
      await a.query('ROLLBACK').catch(() => undefined);
      await a.end();
      await b.end();
    }
  });

  it('drops the row of a customer deleted between the aggregate and the insert (no orphan)', async () => {
    const a = new pg.Client({ connectionString: h.dbUrl });
    const b = new pg.Client({ connectionString: h.dbUrl });
    await a.connect();
    await b.connect();
    try {
      const gone = (await b.query(`INSERT INTO customers (external_id, name) VALUES ('FK-GONE', 'Deleted meanwhile') RETURNING id::text`)).rows[0].id;
      const before = Number((await b.query(`SELECT count(*) FROM customers`)).rows[0].count);
      await a.query('BEGIN');
      let deleted = false;
      const snap = await computeAndStoreFeatures(async (sql, p) => {
        // Right before the references are locked, another session deletes a customer the aggregate has read.
        if (!deleted && sql.trimStart().startsWith('WITH l AS')) {
          await b.query(`DELETE FROM customers WHERE id = $1`, [gone]);
          deleted = true;
        }
        return (await a.query(sql, p)).rows;
      }, asOf, 13);
      await a.query('COMMIT');
      expect(deleted).toBe(true);
      expect(snap.referencesCheckedBy).toBe('set');
      expect(snap.customers).toBe(before - 1);
      expect((await b.query(`SELECT count(*)::int AS n FROM customer_features WHERE customer_id = $1`, [gone])).rows[0].n).toBe(0);
      const orphans = await b.query(`SELECT count(*)::int AS n FROM customer_features cf WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = cf.customer_id)`);
      expect(orphans.rows[0].n).toBe(0);
      expect((await rowsOf(b, 13)).length).toBe(before - 1);
    } finally {
      await a.query('ROLLBACK').catch(() => undefined);
      await a.end();
      await b.end();
    }
  });

  it('a role that may not skip triggers gets the same rows through the RI triggers', async () => {
    const role = `cxs_feat_nosu_${process.pid}`;
    const a = new pg.Client({ connectionString: h.dbUrl });
    await a.connect();
    try {
      await a.query('BEGIN');
      const fast = await computeAndStoreFeatures((sql, p) => a.query(sql, p).then((r) => r.rows), asOf, 17);
      await a.query('COMMIT');
      const expected = await rowsOf(a, 17);
      expect(fast.referencesCheckedBy).toBe('set');
      expect(expected.length).toBeGreaterThan(100);

      // The role computes the same window anew (no stored rows), so every row goes through its insert.
      await a.query(`DELETE FROM customer_features WHERE as_of = $1 AND lookback_months = 17`, [asOf]);
      await a.query(`CREATE ROLE ${role} NOLOGIN`);
      await a.query(`GRANT ALL ON ALL TABLES IN SCHEMA public TO ${role}; GRANT USAGE ON SCHEMA public TO ${role}`);
      await a.query('BEGIN');
      await a.query(`SET LOCAL ROLE ${role}`);
      const slow = await computeAndStoreFeatures((sql, p) => a.query(sql, p).then((r) => r.rows), asOf, 17);
      await a.query('COMMIT');
      expect(slow).toEqual({ ...fast, referencesCheckedBy: 'row-triggers' });
      expect(await rowsOf(a, 17)).toEqual(expected);
    } finally {
      await a.query('ROLLBACK').catch(() => undefined);
      await a.query(`DROP OWNED BY ${role}`).catch(() => undefined);
      await a.query(`DROP ROLE IF EXISTS ${role}`);
      await a.end();
    }
  });
});

/**
 * A recomputed window writes only what changed: rows whose features changed
 * are updated in place, customers without a stored row are inserted, rows of
 * customers no longer computed are deleted, the rest is left as it is (same
 * row version). The
 * result must equal a computation of the same window from scratch.
 */
describe('recomputing a stored window', () => {
  let h: Harness;
  const asOf = '2026-09-30';
  beforeAll(async () => {
    h = await startHarness('features-recompute');
  });
  afterAll(async () => h?.close());

  it('equals a computation from scratch after transactions, usage, surveys and customers changed, writing only those rows', async () => {
    const a = new pg.Client({ connectionString: h.dbUrl });
    await a.connect();
    const compute = async () => {
      await a.query('BEGIN');
      const snap = await computeAndStoreFeatures((sql, p) => a.query(sql, p).then((r) => r.rows), asOf, 24);
      await a.query('COMMIT');
      return snap;
    };
    const stored = async () =>
      (await a.query(`SELECT *, xmin::text AS version FROM customer_features WHERE as_of = $1 AND lookback_months = 24 ORDER BY customer_id`, [asOf])).rows;
    const strip = (rows: Record<string, unknown>[]) => rows.map(({ version: _v, ...r }) => r);
    try {
      const first = await compute();
      expect(first.referencesCheckedBy).toBe('set');
      const before = await stored();

      // Nothing changed: nothing is written (every row keeps its version) and the snapshot is the same.
      const again = await compute();
      expect(again).toEqual({ ...first, referencesCheckedBy: 'none' });
      expect((await stored()).map((r) => r.version)).toEqual(before.map((r) => r.version));

      // Change the data of three customers and add one.
      const ids = (await a.query(`SELECT id::text FROM customers ORDER BY id LIMIT 3`)).rows.map((r) => r.id);
      await a.query(`INSERT INTO transactions (external_id, customer_id, occurred_on, amount, discount, overdue, type) VALUES ('RC-1', $1, '2026-09-15', 123.45, 5, true, 'payment')`, [ids[0]]);
      await a.query(`UPDATE usage_records SET active_users = active_users + 7 WHERE customer_id = $1`, [ids[1]]);
      await a.query(`INSERT INTO survey_answers (external_id, customer_id, answered_on, nps) VALUES ('RC-S1', $1, '2026-09-29', 2)`, [ids[2]]);
      const added = (await a.query(`INSERT INTO customers (external_id, name, cac) VALUES ('RC-NEW', 'Recompute New', 50) RETURNING id::text`)).rows[0].id;

      const recomputed = await compute();
      expect(recomputed.referencesCheckedBy).toBe('set');
      const after = await stored();
      const changed = after.filter((r, i) => before.find((b) => b.customer_id === r.customer_id)?.version !== r.version).map((r) => r.customer_id);
      expect(changed.sort()).toEqual([...ids, added].sort());
      expect(after.length).toBe(before.length + 1);

      // From scratch: the stored rows of the window deleted, the same computation again.
      await a.query(`DELETE FROM customer_features WHERE as_of = $1 AND lookback_months = 24`, [asOf]);
      const scratch = await compute();
      expect(scratch).toEqual(recomputed);
      expect(strip(await stored())).toEqual(strip(after));
    } finally {
      await a.query('ROLLBACK').catch(() => undefined);
      await a.end();
    }
  });
});
