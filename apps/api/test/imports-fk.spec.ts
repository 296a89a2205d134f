import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertSetChecked, mergeSql } from '../src/modules/imports/import-runner.js';
import { SOURCES } from '../src/modules/imports/sources.js';
import { startHarness, type Harness } from './harness.js';

/**
 * The merge checks foreign keys once for the whole file instead of per row:
 * it must still hold the same locks the per-row RI triggers would take
 * (FOR KEY SHARE on every referenced customer and product until commit), so a
 * concurrent delete of a referenced row waits instead of orphaning new rows.
 */
describe('set-wise foreign key check of the import merge', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('imports-fk');
  });
  afterAll(async () => h?.close());

  it('inserts with the referenced ids, blocks deletes of referenced customers and products, restores the trigger role', async () => {
    const a = new pg.Client({ connectionString: h.dbUrl });
    const b = new pg.Client({ connectionString: h.dbUrl });
    await a.connect();
    await b.connect();
    try {
      const [cust] = (await a.query(`SELECT id::text, external_id FROM customers ORDER BY id LIMIT 1`)).rows;
      const [other] = (await a.query(`SELECT id::text FROM customers WHERE id <> $1 AND NOT EXISTS (SELECT 1 FROM segment_memberships m WHERE m.customer_id = customers.id) ORDER BY id LIMIT 1`, [cust.id])).rows;
      const [prod] = (await a.query(`SELECT id::text, external_id FROM products ORDER BY id LIMIT 1`)).rows;
      const def = SOURCES.transactions;
      await a.query('BEGIN');
      await a.query(`CREATE TEMP TABLE stg (row_no integer NOT NULL, bad boolean NOT NULL, issues jsonb, raw jsonb, ${def.fields.map((f) => `"${f.key}" ${f.sql}`).join(', ')}) ON COMMIT DROP`);
      await a.query(
        `INSERT INTO stg (row_no, bad, external_id, customer_external_id, product_external_id, occurred_on, amount) VALUES
           (2, false, 'FK-1', $1, $2, '2024-03-01', 10.50), (3, false, 'FK-2', $1, NULL, '2024-03-02', -2.25)`,
        [cust.external_id, prod.external_id],
      );
      const n = await insertSetChecked(a as unknown as pg.PoolClient, def, mergeSql(def).insert, '999999', () => undefined);
      expect(n).toEqual({ inserted: 2, checkedBy: 'set' });
      expect((await a.query(`SELECT external_id, customer_id::text, product_id::text, amount::text, type FROM transactions WHERE external_id LIKE 'FK-%' ORDER BY 1`)).rows).toEqual([
        { external_id: 'FK-1', customer_id: cust.id, product_id: prod.id, amount: '10.50', type: 'payment' },
        { external_id: 'FK-2', customer_id: cust.id, product_id: null, amount: '-2.25', type: 'refund' },
      ]);
      // Triggers are back on for everything after the insert.
      expect((await a.query(`SHOW session_replication_role`)).rows[0].session_replication_role).toBe('origin');
      await b.query(`SET lock_timeout = '300ms'`);
      await expect(b.query(`DELETE FROM customers WHERE id = $1`, [cust.id])).rejects.toMatchObject({ code: '55P03' });
      await expect(b.query(`DELETE FROM products WHERE id = $1`, [prod.id])).rejects.toMatchObject({ code: '55P03' });
      // A customer the file does not reference is not locked.
      await b.query('BEGIN');
      await b.query(`UPDATE customers SET external_id = external_id || '-x' WHERE id = $1`, [other.id]);
      await b.query('ROLLBACK');
      await a.query('ROLLBACK');
    } finally {
      await a.end();
      await b.end();
    }
  });

  /**
   * A database owner that is not a superuser cannot skip triggers by default:
   * the insert then runs with its RI triggers (same rows). Once the DBA grants
   * SET on session_replication_role (PostgreSQL 15+), the set-wise path is used.
   */
  it('a non-superuser role: row triggers without the grant, the set-wise check with it, same rows either way', async () => {
    const role = `cxs_fk_nosu_${process.pid}`;
    const a = new pg.Client({ connectionString: h.dbUrl });
    await a.connect();
    try {
      await a.query(`CREATE ROLE ${role} NOLOGIN`);
      await a.query(`GRANT ALL ON ALL TABLES IN SCHEMA public TO ${role}; GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO ${role}; GRANT USAGE ON SCHEMA public TO ${role}`);
      const [cust] = (await a.query(`SELECT id::text, external_id FROM customers ORDER BY id LIMIT 1`)).rows;
      const def = SOURCES.transactions;
      const run = async () => {
        await a.query('BEGIN');
        await a.query(`SET LOCAL ROLE ${role}`);
        await a.query(`CREATE TEMP TABLE stg (row_no integer NOT NULL, bad boolean NOT NULL, issues jsonb, raw jsonb, ${def.fields.map((f) => `"${f.key}" ${f.sql}`).join(', ')}) ON COMMIT DROP`);
        await a.query(`INSERT INTO stg (row_no, bad, external_id, customer_external_id, occurred_on, amount) VALUES (2, false, 'NS-1', $1, '2024-03-01', 7.00)`, [cust.external_id]);
        const res = await insertSetChecked(a as unknown as pg.PoolClient, def, mergeSql(def).insert, '999998', () => undefined);
        const rows = (await a.query(`SELECT external_id, customer_id::text, amount::text FROM transactions WHERE external_id = 'NS-1'`)).rows;
        const replication = (await a.query(`SHOW session_replication_role`)).rows[0].session_replication_role;
        await a.query('ROLLBACK');
        return { res, rows, role: replication };
      };
      const expected = [{ external_id: 'NS-1', customer_id: cust.id, amount: '7.00' }];
      expect(await run()).toEqual({ res: { inserted: 1, checkedBy: 'row-triggers' }, rows: expected, role: 'origin' });
      await a.query(`GRANT SET ON PARAMETER session_replication_role TO ${role}`);
      expect(await run()).toEqual({ res: { inserted: 1, checkedBy: 'set' }, rows: expected, role: 'origin' });
    } finally {
      await a.query('ROLLBACK').catch(() => undefined);
      await a.query(`REVOKE SET ON PARAMETER session_replication_role FROM ${role}`).catch(() => undefined);
      await a.query(`DROP OWNED BY ${role}`).catch(() => undefined);
      await a.query(`DROP ROLE IF EXISTS ${role}`);
      await a.end();
    }
  });
});
