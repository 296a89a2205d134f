import iconv from 'iconv-lite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Client, type Harness } from './harness.js';
import { importFile, snapshot, sql, upload, waitFor } from './imports/helpers.js';
import { refreshRollups } from '../src/modules/pnl/rollups.js';

/**
 * Files with every class of problem the issue lists, each checked against the
 * exact report written out by hand, and rows in = imported + quarantined.
 */
describe('imports: exact reports, idempotence, undo', () => {
  let h: Harness;
  let analyst: Client;
  let c1: string;
  let c2: string;
  beforeAll(async () => {
    h = await startHarness('imports');
    analyst = await h.signIn('analyst');
    [c1, c2] = (await sql<{ external_id: string }>(h.dbUrl, `SELECT external_id FROM customers ORDER BY id LIMIT 2`)).map((r) => r.external_id);
  });
  afterAll(async () => h?.close());

  const problems = async (id: string) => {
    const res = await analyst.request('GET', `/imports/${id}/problems?limit=1000`);
    expect(res.status).toBe(200);
    return (res.body.items as any[])
      .map((p) => ({ row: p.row, column: p.column, value: p.value, code: p.code, severity: p.severity }))
      .sort((a, b) => a.row - b.row || a.code.localeCompare(b.code));
  };

  const FORMULA = '=HYPERLINK("http://evil.example","click")';
  const fileA = () =>
    '\ufeff' +
    [
      'ID,Customer,Date,Amount,Discount,Type,Order,Comment',
      `T-1,${c1},2024-01-15,100.50,0,payment,"${FORMULA.replace(/"/g, '""')}",hello`,
      `T-2,${c1},2024-13-01,50,0,payment,,`,
      `T-3,${c2},2024-02-01,abc,0,payment,,`,
      '',
      `T-1,${c2},2024-02-02,10,0,payment,,`,
      `T-4,NEW-CUST-1,2024-03-01,200,0,payment,,`,
      `T-5,${c1},2099-01-01,5,0,payment,,`,
      `T-6,${c1},2024-03-05,-20,0,refund,,`,
      `T-7,${c1},2024-03-06,10,0,gift,"${FORMULA.replace(/"/g, '""')}",`,
    ].join('\r\n') +
    '\r\n';

  let firstA: any;
  it('UTF-8 with BOM: bad date, bad number, empty line, duplicate key, unknown customer (placeholder), future date, bad type, unknown column', async () => {
    const imp = await importFile(h, analyst, 'transactions', fileA());
    firstA = imp;
    expect(imp.detected).toMatchObject({ encoding: 'utf-8', bom: true, delimiter: ',', decimal: '.', dateFormat: 'YYYY-MM-DD' });
    expect(imp.mapping).toEqual({ external_id: 'ID', customer_external_id: 'Customer', occurred_on: 'Date', amount: 'Amount', discount: 'Discount', type: 'Type', order_id: 'Order' });
    expect(imp.status).toBe('succeeded');
    expect(await problems(imp.id)).toEqual([
      { row: 1, column: 'Comment', value: null, code: 'UNKNOWN_COLUMN', severity: 'warning' },
      { row: 3, column: 'Date', value: '2024-13-01', code: 'BAD_DATE', severity: 'error' },
      { row: 4, column: 'Amount', value: 'abc', code: 'BAD_NUMBER', severity: 'error' },
      { row: 5, column: null, value: null, code: 'EMPTY_LINE', severity: 'warning' },
      { row: 6, column: 'ID', value: 'T-1', code: 'DUPLICATE_KEY', severity: 'error' },
      { row: 7, column: 'Customer', value: 'NEW-CUST-1', code: 'NOT_IN_CRM', severity: 'warning' },
      { row: 8, column: 'Date', value: '2099-01-01', code: 'FUTURE_DATE', severity: 'error' },
      { row: 10, column: 'Type', value: 'gift', code: 'BAD_VALUE', severity: 'error' },
    ]);
    expect(imp).toMatchObject({ rowsIn: 8, rowsImported: 3, rowsQuarantined: 5, rowsInserted: 3, rowsUpdated: 0, rowsUnchanged: 0, placeholdersCreated: 1, errorCount: 5, warningCount: 3 });
    expect(imp.rowsIn).toBe(imp.rowsImported + imp.rowsQuarantined);
    const rows = await sql(h.dbUrl, `SELECT t.external_id, c.external_id AS cust, c.not_in_crm, t.occurred_on::text AS d, t.amount::text AS amount, t.type, t.order_id FROM transactions t JOIN customers c ON c.id = t.customer_id WHERE t.external_id IN ('T-1','T-4','T-6') ORDER BY 1`);
    expect(rows).toEqual([
      { external_id: 'T-1', cust: c1, not_in_crm: false, d: '2024-01-15', amount: '100.50', type: 'payment', order_id: FORMULA },
      { external_id: 'T-4', cust: 'NEW-CUST-1', not_in_crm: true, d: '2024-03-01', amount: '200.00', type: 'payment', order_id: null },
      { external_id: 'T-6', cust: c1, not_in_crm: false, d: '2024-03-05', amount: '-20.00', type: 'refund', order_id: null },
    ]);
    // The P&L rollups were refreshed in the import's transaction: they agree with the raw transactions.
    const [pnl] = await sql(h.dbUrl, `SELECT (SELECT COALESCE(sum(net_revenue), 0)::text FROM pnl_customer_months m JOIN customers c ON c.id = m.customer_id WHERE c.external_id = 'NEW-CUST-1') AS rollup,
      (SELECT sum(amount)::text FROM transactions t JOIN customers c ON c.id = t.customer_id WHERE c.external_id = 'NEW-CUST-1') AS raw`);
    expect(pnl).toEqual({ rollup: '200.00', raw: '200.00' });
    // The report and the quarantine are downloadable, with formula-like cells made inert.
    const report = await fetch(`${h.base}/imports/${imp.id}/report.csv`, { headers: { cookie: analyst.cookie! } });
    expect(report.status).toBe(200);
    const bytes = Buffer.from(await report.arrayBuffer());
    // A BOM, so spreadsheet programs open the UTF-8 report correctly.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const reportText = bytes.subarray(3).toString('utf8');
    expect(reportText.split('\n')[0]).toBe('file,row,column,value,severity,code,reason');
    expect(reportText).toContain('transactions.csv,3,Date,2024-13-01,error,BAD_DATE,not a date in the format YYYY-MM-DD');
    const q = await (await fetch(`${h.base}/imports/${imp.id}/quarantine.csv`, { headers: { cookie: analyst.cookie! } })).text();
    const qLines = q.trim().split('\n');
    expect(qLines).toHaveLength(6);
    expect(qLines.find((l) => l.startsWith('10,'))).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
  });

  it('re-importing the identical file changes nothing and says so', async () => {
    const before = await snapshot(h.dbUrl);
    const again = await importFile(h, analyst, 'transactions', fileA());
    expect(again).toMatchObject({ status: 'succeeded', rowsIn: 8, rowsImported: 3, rowsQuarantined: 5, rowsInserted: 0, rowsUpdated: 0, rowsUnchanged: 3, placeholdersCreated: 0 });
    expect(await snapshot(h.dbUrl)).toEqual(before);
    const third = await importFile(h, analyst, 'transactions', fileA());
    expect(third.rowsUnchanged).toBe(3);
    expect(await snapshot(h.dbUrl)).toEqual(before);
  });

  it('a corrected file updates in place; undo restores the previous values; the first import cannot be undone while a newer one changed its rows', async () => {
    const before = await snapshot(h.dbUrl);
    const corrected = fileA().replace('2024-01-15,100.50', '2024-01-15,101.00').replace('2024-13-01', '2024-01-13');
    const imp = await importFile(h, analyst, 'transactions', corrected);
    expect(imp).toMatchObject({ rowsInserted: 1, rowsUpdated: 1, rowsUnchanged: 2, rowsQuarantined: 4 });
    expect(await sql(h.dbUrl, `SELECT amount::text AS a FROM transactions WHERE external_id = 'T-1'`)).toEqual([{ a: '101.00' }]);
    const blocked = await analyst.request('POST', `/imports/${firstA.id}/undo`);
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe('IMPORT_HAS_DEPENDANTS');
    const undo = await analyst.request('POST', `/imports/${imp.id}/undo`);
    expect(undo.status).toBe(200);
    expect(undo.body.status).toBe('undone');
    expect(await snapshot(h.dbUrl)).toEqual(before);
    // Now the first import is the newest to touch its rows: undo removes its rows and its placeholder customer.
    const undoFirst = await analyst.request('POST', `/imports/${firstA.id}/undo`);
    expect(undoFirst.status).toBe(200);
    expect(await sql(h.dbUrl, `SELECT count(*)::int AS n FROM transactions WHERE external_id IN ('T-1','T-4','T-6')`)).toEqual([{ n: 0 }]);
    expect(await sql(h.dbUrl, `SELECT count(*)::int AS n FROM customers WHERE external_id = 'NEW-CUST-1'`)).toEqual([{ n: 0 }]);
  });

  it('Windows-1251, semicolons, Russian headers, DD.MM.YYYY, decimal comma with space thousands: detected and imported exactly', async () => {
    const text = ['Код;Клиент;Дата;Сумма;Скидка;Тип;Заказ', `R-1;${c1};31.01.2024;1 234,56;10,00;payment;Счёт №5`, `R-2;${c2};01.02.2024;-99,90;0;refund;`].join('\n') + '\n';
    const imp = await importFile(h, analyst, 'transactions', iconv.encode(text, 'win1251'));
    expect(imp.detected).toMatchObject({ encoding: 'windows-1251', bom: false, delimiter: ';', decimal: ',', thousands: ' ', dateFormat: 'DD.MM.YYYY' });
    expect(imp.headers).toEqual(['Код', 'Клиент', 'Дата', 'Сумма', 'Скидка', 'Тип', 'Заказ']);
    expect(imp).toMatchObject({ status: 'succeeded', rowsIn: 2, rowsImported: 2, rowsQuarantined: 0, errorCount: 0, warningCount: 0 });
    expect(await sql(h.dbUrl, `SELECT external_id, occurred_on::text AS d, amount::text AS a, discount::text AS disc, order_id FROM transactions WHERE external_id IN ('R-1','R-2') ORDER BY 1`)).toEqual([
      { external_id: 'R-1', d: '2024-01-31', a: '1234.56', disc: '10.00', order_id: 'Счёт №5' },
      { external_id: 'R-2', d: '2024-02-01', a: '-99.90', disc: '0.00', order_id: null },
    ]);
  });

  it('surveys: NPS 11, unknown customer, a 10 MB single field', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const text = ['external_id,customer_external_id,answered_on,nps,reason', `S-1,${c1},2024-01-10,9,"Всё отлично, спасибо"`, `S-2,${c1},2024-01-11,11,too high`, `S-3,NOPE-1,2024-01-12,5,who`, `S-4,${c2},2024-01-13,7,"${huge}"`].join('\n');
    const imp = await importFile(h, analyst, 'surveys', text);
    expect(await problems(imp.id)).toEqual([
      { row: 3, column: 'nps', value: '11', code: 'OUT_OF_RANGE', severity: 'error' },
      { row: 4, column: 'customer_external_id', value: 'NOPE-1', code: 'UNKNOWN_CUSTOMER', severity: 'error' },
      { row: 5, column: 'reason', value: `${'x'.repeat(200)}… (10,485,760 characters)`, code: 'TOO_LONG', severity: 'error' },
    ]);
    expect(imp).toMatchObject({ status: 'succeeded', rowsIn: 4, rowsImported: 1, rowsQuarantined: 3 });
    expect(await sql(h.dbUrl, `SELECT nps, reason FROM survey_answers WHERE external_id = 'S-1'`)).toEqual([{ nps: 9, reason: 'Всё отлично, спасибо' }]);
  });

  it('a missing required column rejects the file as a whole; reject mode imports nothing when any row fails', async () => {
    const before = await snapshot(h.dbUrl);
    const missing = await importFile(h, analyst, 'transactions', `ID,Customer,Date\nM-1,${c1},2024-01-01\n`);
    expect(missing.status).toBe('failed');
    expect(missing.error).toMatch(/required field amount has no column/);
    expect(await problems(missing.id)).toEqual([{ row: 1, column: 'amount', value: null, code: 'MISSING_COLUMN', severity: 'error' }]);
    const rejected = await importFile(h, analyst, 'transactions', fileA().replace(/T-/g, 'X-'), { mode: 'reject_file' });
    expect(rejected).toMatchObject({ status: 'failed', rowsIn: 8, rowsImported: 0, rowsQuarantined: 0, rowsRejected: 8 });
    expect(await snapshot(h.dbUrl)).toEqual(before);
  });

  it('a dry run reports exact counts and changes nothing', async () => {
    const before = await snapshot(h.dbUrl);
    const up = await upload(h, analyst, { source: 'transactions', fileName: 'dry.csv' }, fileA().replace(/T-/g, 'D-'));
    expect((await analyst.request('POST', `/imports/${up.body.id}/validate`)).status).toBe(200);
    const imp = await waitFor(analyst, up.body.id);
    expect(imp).toMatchObject({ status: 'validated', rowsIn: 8, rowsImported: 3, rowsQuarantined: 5, rowsInserted: 3 });
    expect(await snapshot(h.dbUrl)).toEqual(before);
  });

  it('JSON rows through the API with a token scoped to import; the token can do nothing else; a revoked token is refused', async () => {
    const admin = await h.signIn('admin');
    const created = await admin.request('POST', '/api-tokens', { name: 'Billing export' });
    expect(created.status).toBe(201);
    const secret = created.body.secret as string;
    const res = await fetch(`${h.base}/imports/json?source=surveys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ rows: [{ external_id: 'J-1', customer_external_id: c1, answered_on: '2024-05-01', nps: 10, reason: 'great' }] }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as any;
    const bearer = { cookie: null, request: async (m: string, p: string) => {
      const r = await fetch(h.base + p, { method: m, headers: { authorization: `Bearer ${secret}` } });
      return { status: r.status, body: (await r.json()) as any, headers: r.headers };
    } };
    const done = await waitFor(bearer, body.id);
    expect(done).toMatchObject({ status: 'succeeded', rowsInserted: 1, apiTokenName: 'Billing export' });
    expect((await bearer.request('GET', '/customers')).status).toBe(403);
    expect((await admin.request('POST', `/api-tokens/${created.body.token.id}/revoke`)).status).toBe(200);
    expect((await bearer.request('GET', `/imports/${body.id}`)).status).toBe(401);
  });

  it('presets: save a mapping per source and reuse it for the next file', async () => {
    const preset = await analyst.request('POST', '/imports/presets', { source: 'transactions', name: 'Billing v2', mapping: { external_id: 'Ref', customer_external_id: 'Acct', occurred_on: 'When', amount: 'Total' } });
    expect(preset.status).toBe(201);
    const up = await upload(h, analyst, { source: 'transactions', preset: preset.body.id }, `Ref,Acct,When,Total\nP-1,${c1},2024-04-01,12.00\n`);
    expect(up.body.mapping).toEqual({ external_id: 'Ref', customer_external_id: 'Acct', occurred_on: 'When', amount: 'Total' });
    const dup = await analyst.request('POST', '/imports/presets', { source: 'transactions', name: 'Billing v2', mapping: {} });
    expect(dup.status).toBe(409);
  });
  it('a corrected file that moves a line to another customer and an earlier month keeps both customers’ P&L rollups equal to their transactions', async () => {
    const moved = ['ID,Customer,Date,Amount,Discount,Type', `T-MOVE,${c1},2024-05-10,300,0,payment`].join('\n') + '\n';
    expect((await importFile(h, analyst, 'transactions', moved)).status).toBe('succeeded');
    const corrected = ['ID,Customer,Date,Amount,Discount,Type', `T-MOVE,${c2},2023-11-20,310,0,payment`].join('\n') + '\n';
    const imp = await importFile(h, analyst, 'transactions', corrected);
    expect(imp).toMatchObject({ status: 'succeeded', rowsUpdated: 1 });
    // Per customer and month, rollup vs raw transactions (written separately), for both customers.
    const diff = await sql(
      h.dbUrl,
      `WITH raw AS (SELECT t.customer_id, date_trunc('month', t.occurred_on)::date AS month, SUM(t.amount) AS net FROM transactions t
                    JOIN customers c ON c.id = t.customer_id WHERE c.external_id IN ($1, $2) GROUP BY 1, 2),
            rol AS (SELECT m.customer_id, m.month, SUM(m.net_revenue) AS net FROM pnl_customer_months m
                    JOIN customers c ON c.id = m.customer_id WHERE c.external_id IN ($1, $2) GROUP BY 1, 2)
       SELECT COALESCE(raw.customer_id, rol.customer_id) AS customer_id, COALESCE(raw.month, rol.month)::text AS month, raw.net::text AS raw, rol.net::text AS rollup
       FROM raw FULL JOIN rol ON rol.customer_id = raw.customer_id AND rol.month = raw.month
       WHERE raw.net IS DISTINCT FROM rol.net`,
      [c1, c2],
    );
    expect(diff).toEqual([]);
    const [m] = await sql(h.dbUrl, `SELECT COUNT(*)::int AS n FROM pnl_customer_months m JOIN customers c ON c.id = m.customer_id WHERE c.external_id = $1 AND m.month = '2023-11-01'`, [c2]);
    expect(m.n).toBeGreaterThan(0);
  });
  it('a customers file refreshes the P&L of the customers whose CAC or support level it changed, equal to a full rebuild', async () => {
    // Whole CRM records (a customers file is the full truth of each row it names): one with a new CAC and
    // support level, one exactly as stored.
    const buying = await sql<Record<string, string | null>>(
      h.dbUrl,
      `SELECT c.external_id, c.name, c.industry, c.size_band, c.employees::text AS employees, c.region, c.business_model, c.acquisition_channel,
              c.cac::text AS cac, c.support_level, c.email, c.phone, c.first_seen::text AS first_seen
       FROM customers c WHERE EXISTS (SELECT 1 FROM transactions t WHERE t.customer_id = c.id) AND NOT c.not_in_crm AND c.erased_at IS NULL
       ORDER BY c.id LIMIT 2`,
    );
    const columns = ['external_id', 'name', 'industry', 'size_band', 'employees', 'region', 'business_model', 'acquisition_channel', 'cac', 'support_level', 'email', 'phone', 'first_seen'];
    const header = 'ID,Name,Industry,Size,Employees,Region,Business model,Channel,CAC,Support,Email,Phone,First seen';
    const line = (r: Record<string, string | null>) => columns.map((c) => `"${(r[c] ?? '').replace(/"/g, '""')}"`).join(',');
    const file = [header, line({ ...buying[0], cac: '98765.43', support_level: buying[0].support_level === 'premium' ? 'basic' : 'premium' }), line(buying[1])].join('\n') + '\n';
    const tables = ['pnl_segment_stats', 'pnl_segment_serve_months', 'pnl_segment_periods', 'pnl_customer_months'];
    const rollups = async () =>
      Object.fromEntries(await Promise.all(tables.map(async (t) => [t, (await sql<{ j: string }>(h.dbUrl, `SELECT row_to_json(x)::text AS j FROM ${t} x`)).map((r) => r.j).sort()])));
    const before = await rollups();
    const imp = await importFile(h, analyst, 'customers', file);
    expect(imp).toMatchObject({ status: 'succeeded', rowsUpdated: 1, rowsUnchanged: 1 });
    const afterImport = await rollups();
    // The new CAC and support level reached the rollups (acquisition cost, cost-to-serve counts) ...
    expect(afterImport.pnl_segment_stats).not.toEqual(before.pnl_segment_stats);
    expect(afterImport.pnl_segment_serve_months).not.toEqual(before.pnl_segment_serve_months);
    // ... exactly as a rebuild of everything computes them.
    const db = new pg.Client({ connectionString: h.dbUrl });
    await db.connect();
    try {
      await db.query('BEGIN');
      await refreshRollups(db, { all: true });
      await db.query('COMMIT');
    } finally {
      await db.end();
    }
    expect(afterImport).toEqual(await rollups());
  });
});
