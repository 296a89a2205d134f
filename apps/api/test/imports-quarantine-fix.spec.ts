import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';
import { importFile, sql } from './imports/helpers.js';

/** The admin's "fix quarantined rows" panel reads rows with their problems, then imports the corrected rows as a new file. */
describe('quarantined rows: read with their problems, fix, re-import', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('imports-quarantine-fix');
  });
  afterAll(async () => h?.close());

  it('lists each quarantined row with its values by field and its problems; the corrected rows import', async () => {
    const [a, b] = await sql(h.dbUrl, `SELECT external_id FROM customers ORDER BY id LIMIT 2`);
    const analyst = await h.signIn('analyst');
    const csv = [
      'ID,Customer,Date,Amount',
      `QF-1,${a.external_id},2024-01-15,120.00`,
      `QF-2,${b.external_id},2024-13-01,80.00`,
      `QF-3,${a.external_id},2024-02-01,abc`,
    ].join('\n');
    const done = await importFile(h, analyst, 'transactions', csv, { mode: 'quarantine', mapping: { external_id: 'ID', customer_external_id: 'Customer', occurred_on: 'Date', amount: 'Amount' } });
    expect({ status: done.status, rowsIn: done.rowsIn, imported: done.rowsImported, quarantined: done.rowsQuarantined }).toEqual({ status: 'succeeded', rowsIn: 3, imported: 1, quarantined: 2 });

    const res = await analyst.request('GET', `/imports/${done.id}/quarantine`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    // Row numbers count the header as line 1, like a spreadsheet.
    expect(res.body.items.map((r: any) => ({ row: r.row, id: r.data.external_id, date: r.data.occurred_on, amount: r.data.amount, columns: r.problems.map((p: any) => p.column) }))).toEqual([
      { row: 3, id: 'QF-2', date: '2024-13-01', amount: '80.00', columns: ['Date'] },
      { row: 4, id: 'QF-3', date: '2024-02-01', amount: 'abc', columns: ['Amount'] },
    ]);
    expect(res.body.items[0].problems[0]).toMatchObject({ severity: 'error' });
    expect(res.body.items.map((r: any) => r.resolvedBy)).toEqual([null, null]);

    // The director reads the history too; a page past the end is empty, not an error.
    const director = await h.signIn('director');
    expect((await director.request('GET', `/imports/${done.id}/quarantine?offset=10`)).body).toEqual({ items: [], total: 2 });

    // Fixed in the admin and sent back as a new file with field names as headers.
    const fixed = ['external_id,customer_external_id,occurred_on,amount', `QF-2,${b.external_id},2024-12-01,80.00`, `QF-3,${a.external_id},2024-02-01,45.50`].join('\n');
    const again = await importFile(h, analyst, 'transactions', fixed, { mode: 'reject_file' });
    expect({ status: again.status, rowsIn: again.rowsIn, imported: again.rowsImported, error: again.error }).toEqual({ status: 'succeeded', rowsIn: 2, imported: 2, error: null });
    expect(await sql(h.dbUrl, `SELECT external_id, occurred_on::text AS d, amount::text AS amount FROM transactions WHERE external_id LIKE 'QF-%' ORDER BY external_id`)).toEqual([
      { external_id: 'QF-1', d: '2024-01-15', amount: '120.00' },
      { external_id: 'QF-2', d: '2024-12-01', amount: '80.00' },
      { external_id: 'QF-3', d: '2024-02-01', amount: '45.50' },
    ]);
    // The original's quarantined rows now say which import brought them in; after an undo they are open again.
    const after = await analyst.request('GET', `/imports/${done.id}/quarantine`);
    expect(after.body.items.map((r: any) => r.resolvedBy)).toEqual([again.id, again.id]);
    expect((await analyst.request('POST', `/imports/${again.id}/undo`)).status).toBe(200);
    const undone = await analyst.request('GET', `/imports/${done.id}/quarantine`);
    expect(undone.body.items.map((r: any) => r.resolvedBy)).toEqual([null, null]);
  });
  it('a row quarantined by a database-stage check reads in the file\'s own conventions and imports again unchanged', async () => {
    const [a] = await sql(h.dbUrl, `SELECT external_id FROM customers ORDER BY id LIMIT 1`);
    const analyst = await h.signIn('analyst');
    // Decimal comma and day-first dates (detected); QC-1 twice (the second fails the duplicate-key check after
    // parsing), QC-2 fails parsing (kept verbatim).
    const csv = [
      'ID;Customer;Date;Amount',
      `QC-1;${a.external_id};15.01.2024;120,00`,
      `QC-1;${a.external_id};16.01.2024;250,75`,
      `QC-2;${a.external_id};31.02.2024;80,00`,
      `QC-3;${a.external_id};01.02.2024;45,50`,
    ].join('\n');
    const done = await importFile(h, analyst, 'transactions', csv, { mode: 'quarantine', mapping: { external_id: 'ID', customer_external_id: 'Customer', occurred_on: 'Date', amount: 'Amount' } });
    expect({ imported: done.rowsImported, quarantined: done.rowsQuarantined }).toEqual({ imported: 2, quarantined: 2 });
    const res = await analyst.request('GET', `/imports/${done.id}/quarantine`);
    expect(res.body.items.map((r: any) => ({ row: r.row, id: r.data.external_id, date: r.data.occurred_on, amount: String(r.data.amount) }))).toEqual([
      { row: 3, id: 'QC-1', date: '16.01.2024', amount: '250,75' },
      { row: 4, id: 'QC-2', date: '31.02.2024', amount: '80,00' },
    ]);
    // The downloaded quarantine is one convention throughout: fixed and sent back, it imports with what was detected.
    const file = await analyst.request('GET', `/imports/${done.id}/quarantine.csv`);
    expect(file.status).toBe(200);
    const text = String(file.body);
    expect(text).toContain('"250,75"');
    expect(text).toContain('16.01.2024');
    const fixed = ['external_id;customer_external_id;occurred_on;amount', `QC-4;${a.external_id};16.01.2024;250,75`, `QC-2;${a.external_id};28.02.2024;80,00`].join('\n');
    const again = await importFile(h, analyst, 'transactions', fixed, { mode: 'reject_file' });
    expect({ status: again.status, imported: again.rowsImported }).toEqual({ status: 'succeeded', imported: 2 });
    expect(await sql(h.dbUrl, `SELECT external_id, occurred_on::text AS d, amount::text AS amount FROM transactions WHERE external_id IN ('QC-2', 'QC-4') ORDER BY external_id`)).toEqual([
      { external_id: 'QC-2', d: '2024-02-28', amount: '80.00' },
      { external_id: 'QC-4', d: '2024-01-16', amount: '250.75' },
    ]);
  });
});
