import { rfmScoreSql, rfmScores } from '@cxs/segmentation-engine';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminQuery, dropDatabase, serverUrl } from './db.js';

/** The engine's RFM score and the same rule run by PostgreSQL agree on every value, ties included. */
describe('RFM scores: engine = PostgreSQL', () => {
  const name = `cxs_test_rfm_${process.pid}`;
  let db: pg.Client;
  beforeAll(async () => {
    await dropDatabase(name);
    await adminQuery(`CREATE DATABASE "${name}"`);
    db = new pg.Client({ connectionString: serverUrl(name) });
    await db.connect();
    await db.query('CREATE TABLE v (i int PRIMARY KEY, value numeric(14,2) NOT NULL)');
  });
  afterAll(async () => {
    await db?.end();
    await dropDatabase(name);
  });

  // Seeded sets: many ties (small integer ranges), money with cents, a single value, all equal, negatives (refund-only customers).
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const cases: [string, number[]][] = [
    ['one value', [42]],
    ['all equal', Array(37).fill(5)],
    ['frequencies with ties', Array.from({ length: 1000 }, () => 1 + Math.floor(rnd() * 12))],
    ['money with cents and negatives', Array.from({ length: 2000 }, () => Math.round((rnd() * 5000 - 200) * 100) / 100)],
    ['recency days', Array.from({ length: 777 }, () => Math.floor(rnd() * 1100))],
  ];

  for (const [label, values] of cases) {
    for (const descending of [false, true]) {
      it(`${label}, ${descending ? 'descending (recency)' : 'ascending'}`, async () => {
        await db.query('TRUNCATE v');
        await db.query(`INSERT INTO v SELECT i - 1, x FROM unnest($1::numeric[]) WITH ORDINALITY AS u(x, i)`, [values]);
        const { rows } = await db.query(`SELECT i, ${rfmScoreSql('value', { descending })} AS score FROM v ORDER BY i`);
        const sql = rows.map((r) => r.score);
        const engine = Array.from(rfmScores(values, { descending }));
        expect(engine).toEqual(sql);
        expect(new Set(engine).size).toBeGreaterThanOrEqual(Math.min(5, new Set(values).size));
      });
    }
  }
});
