import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startHarness, type Harness } from './harness.js';

describe('customers list', () => {
  let h: Harness;
  let db: pg.Client;
  beforeAll(async () => {
    h = await startHarness('customers');
    db = new pg.Client({ connectionString: h.dbUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await h?.close();
  });

  it('sorts by revenue numerically and the figures equal SQL sums', async () => {
    const director = await h.signIn('director');
    const res = await director.request('GET', '/customers?sort=revenue&order=desc&pageSize=20');
    const expected = (
      await db.query(`SELECT c.id::text AS id, COALESCE(SUM(t.amount), 0)::text AS revenue FROM customers c LEFT JOIN transactions t ON t.customer_id = c.id
                      GROUP BY c.id ORDER BY COALESCE(SUM(t.amount), 0) DESC, c.id LIMIT 20`)
    ).rows;
    expect(res.body.items.map((c: { id: string; revenue: string }) => ({ id: c.id, revenue: c.revenue }))).toEqual(expected);
  });

  it('filters by industry, unknown size and business model, and searches names', async () => {
    const director = await h.signIn('director');
    const count = async (where: string) => Number((await db.query(`SELECT COUNT(*) AS n FROM customers c WHERE ${where}`)).rows[0].n);
    expect((await director.request('GET', '/customers?industry=finance&pageSize=1')).body.total).toBe(await count(`industry = 'finance'`));
    expect((await director.request('GET', '/customers?sizeBand=unknown&pageSize=1')).body.total).toBe(await count('size_band IS NULL'));
    expect((await director.request('GET', '/customers?businessModel=B2C&industry=unknown&pageSize=1')).body.total).toBe(
      await count(`business_model = 'B2C' AND industry IS NULL`),
    );
    const { rows } = await db.query(`SELECT name FROM customers ORDER BY id LIMIT 1`);
    const word = rows[0].name.split(' ')[0];
    expect((await director.request('GET', `/customers?q=${encodeURIComponent(word)}&pageSize=1`)).body.total).toBe(await count(`name ILIKE '%${word.replace(/'/g, "''")}%' OR external_id ILIKE '${word.replace(/'/g, "''")}%'`));
    const facets = (await director.request('GET', '/customers/facets')).body;
    expect(facets.sizeBands).toEqual(['S', 'M', 'L']);
    expect(facets.industries).toContain('finance');
  });
});
