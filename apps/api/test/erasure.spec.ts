import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';
import { existsSync } from 'node:fs';
import { importFile, sql, upload, waitFor } from './imports/helpers.js';

/** Erasure removes personal data and nothing else: every aggregate over amounts and dates is unchanged. */
describe('erasure of a customer’s personal data', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('erasure');
  });
  afterAll(async () => h?.close());

  // Written separately from any service: revenue per customer and month, by type, with discounts and counts.
  const AGGREGATES = `
    SELECT t.customer_id::text, date_trunc('month', t.occurred_on)::date::text AS month, t.type,
           sum(t.amount)::text AS revenue, sum(t.discount)::text AS discounts, count(*)::int AS n
    FROM transactions t GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
  const NPS = `SELECT customer_id::text, round(avg(nps), 6)::text AS nps, count(*)::int AS n FROM survey_answers GROUP BY 1 ORDER BY 1`;

  it('blanks name, contacts and free text; amounts, dates, NPS and memberships stay', async () => {
    const [target] = await sql(h.dbUrl, `SELECT c.id::text AS id, c.name, c.email FROM customers c WHERE c.email IS NOT NULL AND EXISTS (SELECT 1 FROM survey_answers s WHERE s.customer_id = c.id AND s.reason IS NOT NULL) ORDER BY c.id LIMIT 1`);
    expect(target.email).toBeTruthy();
    const aggregates = await sql(h.dbUrl, AGGREGATES);
    const nps = await sql(h.dbUrl, NPS);
    const members = await sql(h.dbUrl, `SELECT * FROM segment_memberships ORDER BY id`);
    const owner = await h.signIn('owner1');
    expect((await owner.request('POST', `/customers/${target.id}/erase`)).status).toBe(403);
    const admin = await h.signIn('admin');
    const res = await admin.request('POST', `/customers/${target.id}/erase`);
    expect(res.status).toBe(200);
    const [after] = await sql(h.dbUrl, `SELECT name, email, phone, erased_at IS NOT NULL AS erased, external_id FROM customers WHERE id = $1`, [target.id]);
    expect(after).toMatchObject({ email: null, phone: null, erased: true, name: `Erased customer ${after.external_id}` });
    expect(await sql(h.dbUrl, `SELECT count(*)::int AS n FROM survey_answers WHERE customer_id = $1 AND reason IS NOT NULL`, [target.id])).toEqual([{ n: 0 }]);
    expect(await sql(h.dbUrl, AGGREGATES)).toEqual(aggregates);
    expect(await sql(h.dbUrl, NPS)).toEqual(nps);
    expect(await sql(h.dbUrl, `SELECT * FROM segment_memberships ORDER BY id`)).toEqual(members);
    // The audit entry says what was erased, not what it was.
    const [audit] = await sql(h.dbUrl, `SELECT after::text AS a FROM audit_log WHERE action = 'customer.erase' AND subject_id = $1`, [target.id]);
    expect(audit.a).not.toContain(target.name);
    expect(audit.a).not.toContain(target.email);
  });

  it('also scrubs the import machinery: report values, previews, quarantined rows and uploaded files still on disk', async () => {
    const [t] = await sql(h.dbUrl, `SELECT id::text, external_id, name, email FROM customers WHERE email IS NOT NULL AND erased_at IS NULL ORDER BY id DESC LIMIT 1`);
    const [bystander] = await sql(h.dbUrl, `SELECT external_id, name FROM customers WHERE email IS NOT NULL AND erased_at IS NULL AND id <> $1 ORDER BY id LIMIT 1`, [t.id]);
    const analyst = await h.signIn('analyst');
    // Rows with a bad employee count: an error whose row carries the name and e-mail.
    const csv = (email: string) =>
      `external_id,name,email,employees\n${t.external_id},${t.name},${email},many\n${bystander.external_id},${bystander.name},,lots\n`;
    // 1. a real import: quarantine + problems
    const done = await importFile(h, analyst, 'customers', csv(t.email));
    expect({ status: done.status, error: done.error, q: done.rowsQuarantined }).toEqual({ status: 'succeeded', error: null, q: 2 });
    // 2. a checked (dry-run) import whose file waits on disk, and a problem quoting the e-mail in the e-mail column
    const up = await upload(h, analyst, { source: 'customers', fileName: 'waiting.csv' }, `external_id,name,email,employees\n${t.external_id},${t.name},${t.email}x,7\nX-1,Somebody,${t.email},oops\n`);
    expect(up.status).toBe(201);
    expect((await analyst.request('POST', `/imports/${up.body.id}/validate`)).status).toBe(200);
    await waitFor(analyst, up.body.id);
    const [waiting] = await sql(h.dbUrl, `SELECT file_path FROM imports WHERE id = $1`, [up.body.id]);
    expect(existsSync(waiting.file_path)).toBe(true);
    // A succeeded import keeps no file.
    expect(await sql(h.dbUrl, `SELECT file_path FROM imports WHERE id = $1`, [done.id])).toEqual([{ file_path: null }]);
    const quotes = `SELECT count(*)::int AS n FROM import_problems WHERE value IN ($1, $2)`;
    expect((await sql(h.dbUrl, quotes, [t.name, 'many']))[0].n).toBe(1);
    const bystanderProblems = await sql(h.dbUrl, `SELECT row_number, value FROM import_problems WHERE import_id = $1 AND value = 'lots'`, [done.id]);
    expect(bystanderProblems).toHaveLength(1);

    const admin = await h.signIn('admin');
    expect((await admin.request('POST', `/customers/${t.id}/erase`)).status).toBe(200);

    // This customer's quarantined row and its problem value are gone; the other customer's stay.
    expect(await sql(h.dbUrl, `SELECT count(*)::int AS n FROM import_quarantine WHERE data ->> 'external_id' = $1`, [t.external_id])).toEqual([{ n: 0 }]);
    expect(await sql(h.dbUrl, `SELECT count(*)::int AS n FROM import_quarantine WHERE data ->> 'external_id' = $1`, [bystander.external_id])).toEqual([{ n: 1 }]);
    expect(await sql(h.dbUrl, `SELECT count(*)::int AS n FROM import_problems WHERE value IN ($1, 'many')`, [t.email])).toEqual([{ n: 0 }]);
    expect(await sql(h.dbUrl, `SELECT row_number, value FROM import_problems WHERE import_id = $1 AND value = 'lots'`, [done.id])).toEqual(bystanderProblems);
    // Nothing anywhere in the imports tables still quotes the name or the e-mail.
    for (const v of [t.name, t.email]) {
      expect(await sql(h.dbUrl, `SELECT count(*)::int AS n FROM imports WHERE preview::text LIKE '%' || $1 || '%'`, [v])).toEqual([{ n: 0 }]);
      expect(await sql(h.dbUrl, `SELECT count(*)::int AS n FROM import_problems WHERE value LIKE '%' || $1 || '%'`, [v])).toEqual([{ n: 0 }]);
    }
    // The waiting file is deleted and its import asks for a new upload.
    expect(existsSync(waiting.file_path)).toBe(false);
    const [w] = await sql(h.dbUrl, `SELECT file_path, error FROM imports WHERE id = $1`, [up.body.id]);
    expect(w).toEqual({ file_path: null, error: 'The uploaded file was deleted by a personal-data erasure request; upload it again.' });
    expect((await analyst.request('POST', `/imports/${up.body.id}/start`, { mode: 'quarantine' })).status).toBe(409);
  });
});
