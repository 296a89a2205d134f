import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvField, csvLine, generateDemoCompany, TABLE_COLUMNS } from './index.js';
import { writeDemoCsv } from './write-csv.js';

describe('csv', () => {
  it('encodes fields the way COPY … (FORMAT csv) reads them', () => {
    expect(csvField(null)).toBe('');
    expect(csvField('')).toBe('""');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(false)).toBe('false');
    expect(csvField('a, "b"')).toBe('"a, ""b"""');
    expect(csvField(['sms', 'push'])).toBe('"[""sms"",""push""]"');
    expect(csvLine({ a: 1, b: null, c: 'x\ny' }, ['a', 'b', 'c'])).toBe('1,,"x\ny"\n');
  });

  it('every table row has every CSV column', () => {
    const c = generateDemoCompany({ customers: 50 });
    const samples: Record<string, object | undefined> = {
      users: c.users[0],
      products: c.products[0],
      segments: c.segments[0],
      interviews: c.interviews[0],
      customers: c.customers().next().value,
      hidden_types: c.hiddenTypes().next().value,
      deals: c.deals().next().value,
      transactions: c.transactions().next().value,
      usage: c.usage().next().value,
      surveys: c.surveys().next().value,
      memberships: c.memberships().next().value,
    };
    for (const [table, columns] of Object.entries(TABLE_COLUMNS)) {
      const row = samples[table];
      expect(row, table).toBeDefined();
      for (const col of columns) expect(Object.keys(row!), `${table}.${col}`).toContain(col);
    }
  });

  it('writes all tables, including hidden-types.csv, to a folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cxs-demo-'));
    try {
      const counts = await writeDemoCsv(dir, { customers: 300 });
      expect(counts.customers).toBe(300);
      expect(counts.hidden_types).toBe(300);
      const hidden = (await readFile(join(dir, 'hidden-types.csv'), 'utf8')).trim().split('\n');
      expect(hidden[0]).toBe('customer_external_id,hidden_type');
      expect(hidden[1]).toMatch(/^C-000001,(smb_operator|mid_market|enterprise|growth_team|cost_sensitive)$/);
      const tx = (await readFile(join(dir, 'transactions.csv'), 'utf8')).trim().split('\n');
      expect(tx.length - 1).toBe(counts.transactions);
      expect(tx[0]).toBe(TABLE_COLUMNS.transactions.join(','));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
