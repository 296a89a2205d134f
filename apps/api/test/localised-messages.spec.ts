import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasRussian, languageOf, localise } from '../src/common/messages.js';
import { SOURCES, makeConverter, mappingProblems } from '../src/modules/imports/sources.js';
import { startHarness, type Client, type Harness } from './harness.js';
import { importFile, sql } from './imports/helpers.js';
import { waitForRun } from './segmentation-helpers.js';

/** ADR 0011: the same failing request answers in Russian with Accept-Language: ru, in English otherwise. */
describe('server messages in the reader’s language: the catalogue', () => {
  it('reads the reader’s language from ?lang, then Accept-Language by weight, defaulting to English', () => {
    const req = (h?: string, lang?: string) => ({ headers: h ? { 'accept-language': h } : {}, query: lang ? { lang } : {} });
    expect(languageOf(req())).toBe('en');
    expect(languageOf(req('ru'))).toBe('ru');
    expect(languageOf(req('ru-RU,ru;q=0.9,en;q=0.8'))).toBe('ru');
    expect(languageOf(req('en-GB,en;q=0.9,ru;q=0.8'))).toBe('en');
    expect(languageOf(req('de-DE, en;q=0.5, ru;q=0.7'))).toBe('ru');
    expect(languageOf(req('ru;q=0, en'))).toBe('en');
    expect(languageOf(req('fr'))).toBe('en');
    expect(languageOf(req('en', 'ru'))).toBe('ru');
  });

  it('renders Russian from the English template and leaves unknown texts in English', () => {
    expect(localise('Segment not found', 'ru')).toBe('Не найдено: сегмент');
    expect(localise('Segment not found', 'en')).toBe('Segment not found');
    expect(localise('email must be an email address; name must be shorter than or equal to 200 characters', 'ru')).toBe(
      'email: должен быть адресом электронной почты; name: не длиннее 200 символов',
    );
    expect(localise('each value in ids must be a string', 'ru')).toBe('каждое значение — ids: должно быть строкой');
    expect(localise('The run failed: No customer matches any level of the rules.', 'ru')).toBe(
      'Запуск завершился ошибкой: Ни один клиент не подходит ни под один уровень правил.',
    );
    expect(localise('This promotion was already approved', 'ru')).toBe('Это продвижение уже одобрено');
    expect(localise('Some internal failure nobody wrote a template for', 'ru')).toBe('Some internal failure nobody wrote a template for');
    expect(localise(null, 'ru')).toBeNull();
  });

  it('has Russian for every problem reason the import converter writes', () => {
    const def = SOURCES.transactions;
    const mapping = { external_id: 'ID', customer_external_id: 'Customer', occurred_on: 'Date', amount: 'Amount', discount: 'Discount', type: 'Type', order_id: 'Order' };
    const headers = Object.values(mapping);
    const conv = makeConverter(def, headers, mapping, { decimal: ',', thousands: ' ', dateFormat: 'DD.MM.YYYY' } as never, '2025-06-30');
    const reasons = [
      ...conv.convert(['', 'C-1', '31.02.2024', '1,5', '0', 'payment', '']).issues,
      ...conv.convert(['T-1', 'C-1', '01.01.2099', 'abc', '0', 'gift', '']).issues,
      ...conv.convert(['T-1', 'C-1', '01.01.2024', '1,555', '0', 'payment', 'x'.repeat(5000)]).issues,
      ...mappingProblems(def, ['ID'], { external_id: 'Nope' }),
    ].map((i) => i.reason);
    expect(reasons.length).toBeGreaterThanOrEqual(6);
    for (const r of reasons) expect(hasRussian(r), r).toBe(true);
    // Hand-written expectations for the most frequent ones.
    expect(localise('external_id is required', 'ru')).toBe('external_id: обязательное поле');
    expect(localise('not a date in the format DD.MM.YYYY', 'ru')).toBe('не дата в формате DD.MM.YYYY');
    expect(localise('not a number (decimal separator ",", thousands "space")', 'ru')).toBe('не число (десятичный разделитель «,», разделитель тысяч «пробел»)');
    expect(localise('must be one of payment, refund, credit_note', 'ru')).toBe('допустимые значения: payment, refund, credit_note');
  });

  it('has Russian for every literal message of ApiException and RunFailure in the code (but the listed internal ones)', () => {
    // Rare or internal texts left in English on purpose (ADR 0011); "field: message" wraps a message checked on its own.
    const ENGLISH_ONLY = new Set(['run ${} does not exist', '${}: ${}', 'Support costs: ${}: ${}']);
    const root = fileURLToPath(new URL('../src', import.meta.url));
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : []));
    const found: string[] = [];
    for (const f of files(root)) {
      const text = readFileSync(f, 'utf8').replace(/\s*\n\s*/g, ' ');
      for (const m of text.matchAll(/new (?:ApiException\([^,]+,\s*'[A-Z_]+',|RunFailure\()\s*(['`])((?:(?!\1).)*)\1/g)) {
        // Template literals: each ${…} becomes a sample value (a number when it looks like one).
        const sample = m[2]!.replace(/\$\{[^}]*\}/g, (x) => (/id|Id|months|BYTES|lookback/.test(x) ? '12' : 'x'));
        if (ENGLISH_ONLY.has(m[2]!.replace(/\$\{[^}]*\}/g, '${}'))) continue;
        found.push(sample);
      }
    }
    expect(found.length).toBeGreaterThan(50);
    expect(found.filter((s) => !hasRussian(s))).toEqual([]);
  });
});

describe('server messages in the reader’s language: over HTTP', () => {
  let h: Harness;
  let admin: Client;
  let analyst: Client;
  beforeAll(async () => {
    h = await startHarness('messages');
    admin = await h.signIn('admin');
    analyst = await h.signIn('analyst');
  });
  afterAll(async () => h?.close());

  const call = async (who: Client, method: string, path: string, lang: string | null, body?: unknown) => {
    const res = await fetch(h.base + path, {
      method,
      headers: { cookie: who.cookie!, ...(lang ? { 'accept-language': lang } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('a validation failure: the same request, field messages in Russian or English, code unchanged', async () => {
    const bad = { email: 'not-an-email', name: 'Someone', role: 'cx_owner' };
    const en = await call(admin, 'POST', '/users', null, bad);
    const ru = await call(admin, 'POST', '/users', 'ru-RU,ru;q=0.9,en;q=0.8', bad);
    expect(en.status).toBe(400);
    expect(ru.status).toBe(400);
    expect(en.body).toMatchObject({ code: 'VALIDATION_FAILED', message: 'email must be an email address', details: [{ field: 'email', message: 'email must be an email address' }] });
    expect(ru.body).toMatchObject({ code: 'VALIDATION_FAILED', message: 'email: должен быть адресом электронной почты', details: [{ field: 'email', message: 'email: должен быть адресом электронной почты' }] });
    // An English browser gets English.
    expect((await call(admin, 'POST', '/users', 'en-GB,en;q=0.9', bad)).body.message).toBe('email must be an email address');
  });

  it('a 404 and a P&L period error', async () => {
    const director = await h.signIn('director');
    expect((await call(director, 'GET', '/segments/999999', null)).body).toMatchObject({ code: 'NOT_FOUND', message: 'Segment not found' });
    expect((await call(director, 'GET', '/segments/999999', 'ru')).body).toMatchObject({ code: 'NOT_FOUND', message: 'Не найдено: сегмент' });
    const en = await call(director, 'GET', '/pnl/portfolio?from=2025-06&to=2025-01', null);
    const ru = await call(director, 'GET', '/pnl/portfolio?from=2025-06&to=2025-01', 'ru');
    expect(en.body).toMatchObject({ code: 'VALIDATION_FAILED', message: '"to" is before "from"', details: [{ field: 'to', message: 'must not be before from' }] });
    expect(ru.body).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Конец периода раньше начала', details: [{ field: 'to', message: 'не раньше начала периода' }] });
  });

  it('an import row problem: the report, the quarantine and the CSV read in the reader’s language', async () => {
    const [{ external_id: c1 }] = await sql<{ external_id: string }>(h.dbUrl, `SELECT external_id FROM customers ORDER BY id LIMIT 1`);
    const file = ['ID,Customer,Date,Amount,Discount,Type', `LM-1,${c1},2024-13-01,50,0,payment`, `LM-2,${c1},2024-02-01,10,0,payment`].join('\n') + '\n';
    const imp = await importFile(h, analyst, 'transactions', file);
    expect(imp.status).toBe('succeeded');
    const en = await call(analyst, 'GET', `/imports/${imp.id}/problems`, null);
    const ru = await call(analyst, 'GET', `/imports/${imp.id}/problems`, 'ru');
    expect(en.body.items).toEqual([{ row: 2, column: 'Date', value: '2024-13-01', code: 'BAD_DATE', reason: 'not a date in the format YYYY-MM-DD', severity: 'error' }]);
    expect(ru.body.items).toEqual([{ row: 2, column: 'Date', value: '2024-13-01', code: 'BAD_DATE', reason: 'не дата в формате YYYY-MM-DD', severity: 'error' }]);
    const q = await call(analyst, 'GET', `/imports/${imp.id}/quarantine`, 'ru');
    expect(q.body.items[0].problems).toEqual([{ column: 'Date', code: 'BAD_DATE', reason: 'не дата в формате YYYY-MM-DD', severity: 'error' }]);
    // The stored reason stays English: a reader of the other language later gets theirs.
    expect(await sql(h.dbUrl, `SELECT reason FROM import_problems WHERE import_id = $1`, [imp.id])).toEqual([{ reason: 'not a date in the format YYYY-MM-DD' }]);
    const csv = async (suffix: string) => (await fetch(`${h.base}/imports/${imp.id}/report.csv${suffix}`, { headers: { cookie: analyst.cookie! } })).text();
    expect((await csv('?lang=ru')).split('\n')[1]).toBe('transactions.csv,2,Date,2024-13-01,error,BAD_DATE,не дата в формате YYYY-MM-DD');
    expect((await csv('')).split('\n')[1]).toBe('transactions.csv,2,Date,2024-13-01,error,BAD_DATE,not a date in the format YYYY-MM-DD');
  });

  it('a segmentation run failure stored on the run reads in Russian', async () => {
    const models = (await analyst.request('GET', '/segmentation/models')).body.items as any[];
    const abcdx = models.find((m) => m.kind === 'abcdx');
    const empty = await analyst.request('POST', '/segmentation/models', { name: 'Empty window (messages)', kind: 'abcdx', spec: { ...abcdx.spec, asOf: '2010-01-31', lookbackMonths: 12 } });
    expect(empty.status).toBe(201);
    const r = await analyst.request('POST', `/segmentation/models/${empty.body.id}/runs`, {});
    const done = await waitForRun(analyst, r.body.id);
    expect(done.status).toBe('failed');
    expect(done.error).toBe(
      'The feature window is empty: no customer has a charge in the 12 months up to 2010-01-31. Pick an as-of date inside the data or a longer lookback.',
    );
    const ru = await call(analyst, 'GET', `/segmentation/runs/${r.body.id}`, 'ru');
    expect(ru.body.error).toBe('Окно признаков пусто: ни у одного клиента нет начислений за 12 мес. до 2010-01-31. Выберите дату расчёта внутри данных или более длинное окно.');
    const list = await call(analyst, 'GET', `/segmentation/runs?modelId=${empty.body.id}`, 'ru');
    expect(list.body.items[0].error).toBe(ru.body.error);
    // Asking for its results: the 409 embeds the stored failure, both localised.
    const results = await call(analyst, 'GET', `/segmentation/runs/${r.body.id}/results`, 'ru');
    expect(results.body).toMatchObject({ code: 'RUN_NOT_READY', message: `Запуск завершился ошибкой: ${ru.body.error}` });
  });
});
