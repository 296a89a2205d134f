import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import type { ParseInput } from '../src/modules/imports/parse-file.js';

/**
 * The built server parses import files in a worker thread (dist/…/parse-worker.js);
 * the test runner parses in-process. Both must give the same COPY lines and
 * summary, byte for byte, and the worker must report a rejected file, an
 * out-of-memory parse and an abort as such. (Needs `pnpm build`.)
 */
const DIST = fileURLToPath(new URL('../dist/modules/imports/', import.meta.url));

describe('import parsing in a worker thread', () => {
  it('runs against the built server', () => expect(existsSync(`${DIST}parse-worker.js`)).toBe(true));

  const files: string[] = [];
  afterAll(() => files.forEach((f) => rmSync(f, { force: true })));
  const write = (name: string, body: string | Buffer) => {
    const f = `/tmp/cxs-parse-${process.pid}-${name}`;
    writeFileSync(f, body);
    files.push(f);
    return f;
  };

  async function collect(mod: 'dist' | 'src', input: ParseInput, signal = new AbortController().signal) {
    const { parseChunks } = (await import(mod === 'dist' ? `${DIST}parse-source.js` : '../src/modules/imports/parse-source.js')) as typeof import('../src/modules/imports/parse-source.js');
    let text = '';
    let chunks = 0;
    let summary: unknown = null;
    for await (const ev of parseChunks(input, signal, mod === 'dist')) {
      if (ev.kind === 'chunk') {
        chunks++;
        text += typeof ev.data === 'string' ? ev.data : Buffer.from(ev.data).toString('utf8');
      } else summary = ev;
    }
    return { text, chunks, summary };
  }

  const mapping = { external_id: 'Код', customer_external_id: 'Клиент', occurred_on: 'Дата', amount: 'Сумма', type: 'Тип' };
  const format = { delimiter: ';', encoding: 'windows-1251', decimal: ',', thousands: ' ', dateFormat: 'DD.MM.YYYY' } as const;

  it('gives the same chunks and summary as the in-process parser (Windows-1251, bad rows, empty lines, unknown column)', async () => {
    const lines = ['Код;Клиент;Дата;Сумма;Тип;Лишнее'];
    for (let i = 0; i < 5000; i++) {
      if (i % 1000 === 7) lines.push('');
      const bad = i % 997 === 3;
      lines.push(`Ж-${i};C-${i % 50};${bad ? '31.02.2024' : '15.03.2024'};${i % 10} 000,5${i % 10};${i % 2 ? 'payment' : 'refund'};x`);
    }
    const file = write('a.csv', iconv.encode(lines.join('\r\n') + '\r\n', 'win1251'));
    const input: ParseInput = { filePath: file, source: 'transactions', mapping, format, today: '2026-01-01' };
    const inWorker = await collect('dist', input);
    const inProcess = await collect('src', input);
    expect(inWorker.text).toBe(inProcess.text);
    expect(inWorker.summary).toEqual(inProcess.summary);
    expect(inWorker.chunks).toBe(3); // 5000 rows in chunks of 2000
    // Independently: 5000 rows, 5 empty lines, 6 bad dates (i % 997 === 3 for i < 5000), the unknown column noted.
    expect(inWorker.summary).toMatchObject({ rowsIn: 5000, badRows: 6, emptyLines: 5, lastRow: 5006, headers: ['Код', 'Клиент', 'Дата', 'Сумма', 'Тип', 'Лишнее'] });
    const lineOf = (ext: string) => inWorker.text.split('\n').find((l) => l.includes(`"${ext}"`));
    expect(lineOf('Ж-1')).toBe('3,f,,,"Ж-1","C-1",,"2024-03-15","1000.51",,,,"payment",,');
    expect(inWorker.text.split('\n').filter((l) => /^\d+,t,/.test(l))).toHaveLength(6);
    expect((inWorker.summary as any).notes.map((n: any) => n.issue.code)).toEqual(['UNKNOWN_COLUMN', 'EMPTY_LINE', 'EMPTY_LINE', 'EMPTY_LINE', 'EMPTY_LINE', 'EMPTY_LINE']);
  });

  it('parses a 10 MB single field within the worker\'s heap cap, as the in-process parser does', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const file = write('huge.csv', `Код;Клиент;Дата;Сумма;Тип\nH-1;C-1;15.03.2024;1,00;payment\nH-2;C-1;15.03.2024;"${huge}";payment\n`);
    const input: ParseInput = { filePath: file, source: 'transactions', mapping, format: { ...format, encoding: 'utf-8' }, today: '2026-01-01' };
    const inWorker = await collect('dist', input);
    const inProcess = await collect('src', input);
    expect(inWorker.summary).toEqual(inProcess.summary);
    expect(inWorker.text).toBe(inProcess.text);
    // Two rows in; the 10 MB amount is a bad row (not a number), the other is fine.
    expect(inWorker.summary).toMatchObject({ rowsIn: 2, badRows: 1 });
  });

  it('reports a file without a required column as rejected', async () => {
    const file = write('b.csv', 'Код;Клиент\n1;2\n');
    await expect(collect('dist', { filePath: file, source: 'transactions', mapping: { external_id: 'Код', customer_external_id: 'Клиент' }, format: { ...format, encoding: 'utf-8' }, today: '2026-01-01' })).rejects.toMatchObject({
      issues: [
        { code: 'MISSING_COLUMN', column: 'occurred_on' },
        { code: 'MISSING_COLUMN', column: 'amount' },
      ],
    });
  });

  it('stops the worker when the import is cancelled', async () => {
    const lines = ['Код;Клиент;Дата;Сумма'];
    for (let i = 0; i < 100_000; i++) lines.push(`K-${i};C-1;15.03.2024;1,00`);
    const file = write('c.csv', lines.join('\n'));
    const abort = new AbortController();
    const { parseChunks } = (await import(`${DIST}parse-source.js`)) as typeof import('../src/modules/imports/parse-source.js');
    let seen = 0;
    await expect(
      (async () => {
        for await (const ev of parseChunks({ filePath: file, source: 'transactions', mapping: { external_id: 'Код', customer_external_id: 'Клиент', occurred_on: 'Дата', amount: 'Сумма' }, format: { ...format, encoding: 'utf-8' }, today: '2026-01-01' }, abort.signal, true)) {
          if (ev.kind === 'chunk' && ++seen === 2) abort.abort(new Error('cancelled by the test'));
        }
      })(),
    ).rejects.toThrow('cancelled by the test');
    expect(seen).toBe(2);
  });
});
