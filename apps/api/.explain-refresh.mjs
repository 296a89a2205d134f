import pg from 'pg';
import { refreshRollups } from '/work/main/apps/api/dist/modules/pnl/rollups.js';
const db = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/cxs_pnlspeed_200k_x1_22' });
await db.connect();
const explain = process.env.EXPLAIN === '1';
const q = {
  async query(sql, params) {
    const t = performance.now();
    const s = sql.trim();
    const canExplain = (explain || (process.env.EXPLAIN_MATCH && s.includes(process.env.EXPLAIN_MATCH))) && /^(INSERT|DELETE|CREATE TEMP TABLE \w+ AS|WITH)/i.test(s) && !/RETURNING/i.test(s) && /INSERT|DELETE|CREATE/i.test(s);
    let r;
    if (canExplain) {
      r = await db.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${s}`, params);
      process.stdout.write(`---- ${(performance.now() - t).toFixed(0)} ms ${s.replace(/\s+/g, ' ').slice(0, 100)}\n${r.rows.map((x) => x['QUERY PLAN']).join('\n')}\n`);
      return [];
    }
    r = await db.query(sql, params);
    process.stdout.write(`---- ${(performance.now() - t).toFixed(0)} ms ${s.replace(/\s+/g, ' ').slice(0, 100)}\n`);
    return r;
  },
};
await db.query('BEGIN');
const t0 = performance.now();
await db.query(`INSERT INTO transactions (external_id, customer_id, product_id, occurred_on, amount, quantity, discount, cost, type, overdue)
  SELECT 'BENCH-' || g, c.a[1 + (hashint4(g) & 2147483647) % array_length(c.a, 1)], p.a[1 + (hashint4(g + 7) & 2147483647) % array_length(p.a, 1)],
         DATE '2026-10-01' + (g % 28), round((10 + random() * 990)::numeric, 2), 1, 0, NULL, CASE WHEN random() < 0.1 THEN 'expansion' ELSE 'payment' END, false
  FROM generate_series(1, 1000000) g, (SELECT array_agg(id ORDER BY id) a FROM customers) c, (SELECT array_agg(id ORDER BY id) a FROM products) p`);
console.log('insert', performance.now() - t0);
const { rows: touched } = await db.query(`SELECT DISTINCT customer_id::text AS id FROM transactions WHERE occurred_on >= '2026-10-01'`);
console.log('touched', touched.length);
const t1 = performance.now();
await refreshRollups(q, { customerIds: touched.map((r) => r.id), since: '2026-10-01' });
console.log('refresh', performance.now() - t1);
await db.query('ROLLBACK');
await db.end();
