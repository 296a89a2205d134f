import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';
import { sql, upload, waitFor } from './imports/helpers.js';

/** The demo's initial loads are in the import history, and each source has a saved preset the wizard can apply. */
describe('demo import history and presets', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('demo-imports');
  });
  afterAll(async () => h?.close());

  const TABLE_OF: Record<string, string> = {
    products: 'products',
    customers: 'customers',
    deals: 'deals',
    transactions: 'transactions',
    usage: 'usage_records',
    surveys: 'survey_answers',
    interviews: 'interviews',
  };

  it('lists one finished import per source by the analyst, with rows in = imported = the rows in its table', async () => {
    const analyst = await h.signIn('analyst');
    const res = await analyst.request('GET', '/imports');
    expect(res.status).toBe(200);
    const items = res.body.items as any[];
    expect(items.map((i) => i.source).sort()).toEqual(Object.keys(TABLE_OF).sort());
    for (const imp of items) {
      const table = TABLE_OF[imp.source];
      const [{ n }] = await sql(h.dbUrl, `SELECT count(*)::int AS n FROM ${table}`);
      const [{ mine }] = await sql(h.dbUrl, `SELECT count(*)::int AS mine FROM ${table} WHERE import_id = $1`, [imp.id]);
      expect(n).toBeGreaterThan(0);
      expect({ source: imp.source, status: imp.status, by: imp.createdBy?.name, rowsIn: imp.rowsIn, imported: imp.rowsImported, inserted: imp.rowsInserted, quarantined: imp.rowsQuarantined, mine }).toEqual({
        source: imp.source,
        status: 'succeeded',
        by: 'Maya Chen',
        rowsIn: n,
        imported: n,
        inserted: n,
        quarantined: 0,
        mine: n,
      });
      expect(new Date(imp.finishedAt).getTime()).toBeGreaterThan(new Date(imp.startedAt).getTime());
    }
  });

  it('refuses to undo the demo CRM load while billing rows refer to its customers', async () => {
    const analyst = await h.signIn('analyst');
    const [{ id }] = await sql(h.dbUrl, `SELECT id::text AS id FROM imports WHERE source = 'customers' AND status = 'succeeded' ORDER BY id LIMIT 1`);
    const res = await analyst.request('POST', `/imports/${id}/undo`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('IMPORT_HAS_DEPENDANTS');
  });

  it('offers a preset per source; the 1C preset reads a Windows-1251 file with decimal comma, spaces and DD.MM.YYYY', async () => {
    const analyst = await h.signIn('analyst');
    const all = await analyst.request('GET', '/imports/presets');
    expect(all.status).toBe(200);
    expect([...new Set((all.body.items as any[]).map((p) => p.source))].sort()).toEqual(Object.keys(TABLE_OF).sort());
    const presets = await analyst.request('GET', '/imports/presets?source=transactions');
    expect(presets.body.items).toHaveLength(1);
    const preset = presets.body.items[0];
    expect(preset.name).toBe('1C payments register');
    expect(preset.format).toEqual({ delimiter: ';', encoding: 'windows-1251', decimal: ',', thousands: ' ', dateFormat: 'DD.MM.YYYY' });

    const [cust] = await sql(h.dbUrl, `SELECT external_id FROM customers ORDER BY id LIMIT 1`);
    // Headers no guesser knows ("Контрагент (код)"): only the preset maps them.
    const csv = [
      'Номер документа;Контрагент (код);Номенклатура (код);Дата оплаты;Сумма;Количество;Скидка;Себестоимость;Вид операции;Просрочка;Счёт',
      `1C-DEMO-1;${cust.external_id};;15.03.2026;1 234,50;1;10,00;;payment;нет;СЧ-1`,
      `1C-DEMO-2;${cust.external_id};;16.03.2026;-99,90;1;;;refund;;СЧ-2`,
    ].join('\r\n');
    const up = await upload(h, analyst, { source: 'transactions', fileName: '1c-march.csv', preset: preset.id }, iconv.encode(csv, 'win1251'));
    expect(up.status).toBe(201);
    expect(up.body.mapping).toEqual(preset.mapping);
    expect(up.body.format).toEqual(preset.format);
    expect(up.body.headers[1]).toBe('Контрагент (код)');
    const st = await analyst.request('POST', `/imports/${up.body.id}/start`, { mode: 'reject_file' });
    expect(st.status).toBe(200);
    const done = await waitFor(analyst, up.body.id);
    expect({ status: done.status, rowsIn: done.rowsIn, imported: done.rowsImported, error: done.error }).toEqual({ status: 'succeeded', rowsIn: 2, imported: 2, error: null });
    expect(await sql(h.dbUrl, `SELECT external_id, occurred_on::text AS d, amount::text AS amount, discount::text AS discount, type FROM transactions WHERE external_id LIKE '1C-DEMO-%' ORDER BY external_id`)).toEqual([
      { external_id: '1C-DEMO-1', d: '2026-03-15', amount: '1234.50', discount: '10.00', type: 'payment' },
      { external_id: '1C-DEMO-2', d: '2026-03-16', amount: '-99.90', discount: '0.00', type: 'refund' },
    ]);
  });
});
