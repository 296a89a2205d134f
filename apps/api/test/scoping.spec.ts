import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startHarness, type Harness } from './harness.js';

/** Row-level rules: who sees which customers, who may change which segment or product. */
describe('data scope and ownership', () => {
  let h: Harness;
  let db: pg.Client;
  const ids = async (sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows.map((r) => String(r.id));

  beforeAll(async () => {
    h = await startHarness('scoping');
    db = new pg.Client({ connectionString: h.dbUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await h?.close();
  });

  const userId = async (email: string) => (await ids(`SELECT id FROM users WHERE email = $1`, [email]))[0];

  async function allCustomerIds(session: Awaited<ReturnType<Harness['signIn']>>): Promise<string[]> {
    const out: string[] = [];
    for (let page = 1; ; page++) {
      const res = await session.request('GET', `/customers?pageSize=500&page=${page}`);
      expect(res.status).toBe(200);
      out.push(...res.body.items.map((c: { id: string }) => c.id));
      if (out.length >= res.body.total) return out.sort();
    }
  }

  it('a CX-owner lists exactly the customers who are or were in their segments', async () => {
    const owner1 = await h.signIn('owner1');
    const expected = await ids(
      `SELECT DISTINCT sm.customer_id AS id FROM segment_memberships sm JOIN segments s ON s.id = sm.segment_id
       JOIN users u ON u.id = s.owner_id WHERE u.email = 'owner1@demo.local' ORDER BY 1`,
    );
    expect(expected.length).toBeGreaterThan(10);
    const total = Number((await db.query('SELECT COUNT(*) AS n FROM customers')).rows[0].n);
    expect(expected.length).toBeLessThan(total);
    expect(await allCustomerIds(owner1)).toEqual(expected.sort());
  });

  it('a CX-owner gets 404 for a customer outside their segments, 200 inside', async () => {
    const owner1 = await h.signIn('owner1');
    const [outside] = await ids(
      `SELECT c.id FROM customers c WHERE NOT EXISTS (SELECT 1 FROM segment_memberships sm JOIN segments s ON s.id = sm.segment_id
        JOIN users u ON u.id = s.owner_id WHERE sm.customer_id = c.id AND u.email = 'owner1@demo.local') ORDER BY c.id LIMIT 1`,
    );
    const [inside] = await ids(
      `SELECT sm.customer_id AS id FROM segment_memberships sm JOIN segments s ON s.id = sm.segment_id JOIN users u ON u.id = s.owner_id
       WHERE u.email = 'owner1@demo.local' ORDER BY 1 LIMIT 1`,
    );
    expect((await owner1.request('GET', `/customers/${outside}`)).status).toBe(404);
    const ok = await owner1.request('GET', `/customers/${inside}`);
    expect(ok.status).toBe(200);
    expect(ok.body.id).toBe(inside);
  });

  it('a product owner lists exactly the customers who bought their products, and sees only those lines', async () => {
    const product1 = await h.signIn('product1');
    const expected = await ids(
      `SELECT DISTINCT t.customer_id AS id FROM transactions t JOIN products p ON p.id = t.product_id JOIN users u ON u.id = p.owner_id
       WHERE u.email = 'product1@demo.local' ORDER BY 1`,
    );
    expect(expected.length).toBeGreaterThan(10);
    expect(await allCustomerIds(product1)).toEqual(expected.sort());

    const [mixed] = await ids(
      `SELECT t.customer_id AS id FROM transactions t JOIN products p ON p.id = t.product_id JOIN users u ON u.id = p.owner_id
       GROUP BY t.customer_id HAVING bool_or(u.email = 'product1@demo.local') AND bool_or(u.email = 'product2@demo.local') ORDER BY 1 LIMIT 1`,
    );
    const detail = await product1.request('GET', `/customers/${mixed}`);
    expect(detail.status).toBe(200);
    const mine = new Set(await ids(`SELECT p.id FROM products p JOIN users u ON u.id = p.owner_id WHERE u.email = 'product1@demo.local'`));
    expect(detail.body.transactions.length).toBeGreaterThan(0);
    expect(detail.body.transactions.every((t: { productId: string }) => mine.has(t.productId))).toBe(true);
    // The revenue shown is the sum of their own products' lines only.
    const [{ revenue }] = (
      await db.query(
        `SELECT SUM(t.amount)::text AS revenue FROM transactions t JOIN products p ON p.id = t.product_id JOIN users u ON u.id = p.owner_id
         WHERE t.customer_id = $1 AND u.email = 'product1@demo.local'`,
        [mixed],
      )
    ).rows;
    expect(detail.body.revenue).toBe(revenue);

    const [never] = await ids(
      `SELECT c.id FROM customers c WHERE NOT EXISTS (SELECT 1 FROM transactions t JOIN products p ON p.id = t.product_id JOIN users u ON u.id = p.owner_id
        WHERE t.customer_id = c.id AND u.email = 'product1@demo.local') ORDER BY c.id LIMIT 1`,
    );
    expect((await product1.request('GET', `/customers/${never}`)).status).toBe(404);
  });

  it('the director and the analyst see every customer', async () => {
    const total = Number((await db.query('SELECT COUNT(*) AS n FROM customers')).rows[0].n);
    for (const role of ['director', 'analyst', 'admin'] as const) {
      const res = await (await h.signIn(role)).request('GET', '/customers?pageSize=1');
      expect(res.body.total).toBe(total);
    }
  });

  it("a CX-owner cannot change owner2's segment, even with a crafted request", async () => {
    const owner1 = await h.signIn('owner1');
    const [theirs] = await ids(`SELECT s.id FROM segments s JOIN users u ON u.id = s.owner_id WHERE u.email = 'owner2@demo.local' ORDER BY s.id LIMIT 1`);
    const [mine] = await ids(`SELECT s.id FROM segments s JOIN users u ON u.id = s.owner_id WHERE u.email = 'owner1@demo.local' ORDER BY s.id LIMIT 1`);
    const before = (await db.query('SELECT name, owner_id FROM segments WHERE id = $1', [theirs])).rows[0];

    const patch = await owner1.request('PATCH', `/segments/${theirs}`, { name: 'Hijacked' });
    expect(patch.status).toBe(403);
    // Moving a segment to oneself: the update DTO has no ownerId, the owner route is the director's.
    const crafted = await owner1.request('PATCH', `/segments/${theirs}`, { ownerId: await userId('owner1@demo.local') });
    expect(crafted.status).toBe(400);
    const move = await owner1.request('PUT', `/segments/${theirs}/owner`, { ownerId: await userId('owner1@demo.local') });
    expect(move.status).toBe(403);
    const archive = await owner1.request('POST', `/segments/${theirs}/archive`);
    expect(archive.status).toBe(403);
    expect((await db.query('SELECT name, owner_id FROM segments WHERE id = $1', [theirs])).rows[0]).toEqual(before);

    const own = await owner1.request('PATCH', `/segments/${mine}`, { behaviourFactor: 'Security review gates every rollout' });
    expect(own.status).toBe(200);
    expect(own.body.behaviourFactor).toBe('Security review gates every rollout');
    const history = await owner1.request('GET', `/segments/${mine}/history`);
    expect(history.body.items[0].action).toBe('segment.update');
    expect(history.body.items[0].after.behaviourFactor).toBe('Security review gates every rollout');
  });

  it("a product owner cannot change product2's product, and creates products only for themselves", async () => {
    const product1 = await h.signIn('product1');
    const [theirs] = await ids(`SELECT p.id FROM products p JOIN users u ON u.id = p.owner_id WHERE u.email = 'product2@demo.local' ORDER BY p.id LIMIT 1`);
    const before = (await db.query('SELECT name, price, owner_id FROM products WHERE id = $1', [theirs])).rows[0];
    expect((await product1.request('PATCH', `/products/${theirs}`, { price: '1.00' })).status).toBe(403);
    expect((await product1.request('PATCH', `/products/${theirs}`, { ownerId: await userId('product1@demo.local') })).status).toBe(400);
    expect((await db.query('SELECT name, price, owner_id FROM products WHERE id = $1', [theirs])).rows[0]).toEqual(before);

    const created = await product1.request('POST', '/products', {
      externalId: 'P-NEW-1',
      name: 'WhatsApp templates',
      tier: 'basic',
      price: '90.00',
      costShare: '0.2',
      ownerId: await userId('product2@demo.local'),
    });
    expect(created.status).toBe(400); // ownerId is not a field: the creator owns it
    const ok = await product1.request('POST', '/products', { externalId: 'P-NEW-1', name: 'WhatsApp templates', tier: 'basic', price: '90.00', costShare: '0.2' });
    expect(ok.status).toBe(201);
    expect(ok.body.ownerId).toBe(await userId('product1@demo.local'));
  });

  it('the database refuses overlapping memberships (managed segments are exclusive)', async () => {
    const { rows } = await db.query(`SELECT customer_id, segment_id, valid_from FROM segment_memberships WHERE valid_to IS NULL ORDER BY id LIMIT 1`);
    const m = rows[0];
    const [other] = await ids(`SELECT id FROM segments WHERE id <> $1 ORDER BY id LIMIT 1`, [m.segment_id]);
    await expect(
      db.query(`INSERT INTO segment_memberships (segment_id, customer_id, valid_from) VALUES ($1, $2, '2026-10-01')`, [other, m.customer_id]),
    ).rejects.toThrow(/ex_segment_memberships_no_overlap/);
  });
});
