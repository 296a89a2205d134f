// Node-only: writes the demo company as CSV files. Kept out of the main entry
// point so the library itself stays free of fs (importable in a browser or a
// worker); available as `@cxs/demo-company/write-csv`.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { csvLines, TABLE_COLUMNS, type TableName } from './csv.js';
import { generateDemoCompany } from './index.js';
import type { DemoCompany, DemoCompanyOptions } from './types.js';

/** Stream rows to a CSV file with backpressure; returns the number of data rows. */
export async function writeCsvFile(path: string, rows: Iterable<object>, columns: readonly string[]): Promise<number> {
  const out = createWriteStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const failed = once(out, 'error').then(([err]) => Promise.reject(err as Error));
  let count = -1;
  let chunk = '';
  for (const line of csvLines(rows, columns)) {
    count++;
    chunk += line;
    if (chunk.length >= 1 << 16) {
      if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
      chunk = '';
    }
  }
  out.end(chunk);
  await Promise.race([once(out, 'finish'), failed]);
  return count;
}

function tableRows(company: DemoCompany): Record<TableName, () => Iterable<object>> {
  return {
    users: () => company.users,
    products: () => company.products,
    segments: () => company.segments,
    interviews: () => company.interviews,
    customers: () => company.customers(),
    hidden_types: () => company.hiddenTypes(),
    deals: () => company.deals(),
    transactions: () => company.transactions(),
    usage: () => company.usage(),
    surveys: () => company.surveys(),
    memberships: () => company.memberships(),
  };
}

/** File name of a table's CSV: `hidden_types` → `hidden-types.csv`. */
export function csvFileName(table: TableName): string {
  return `${table.replace(/_/g, '-')}.csv`;
}

/**
 * Write every table (and hidden-types.csv, the answer key that never goes into
 * the product's tables) into `dir`. Returns rows written per table.
 */
export async function writeDemoCsv(
  dir: string,
  options: DemoCompanyOptions = {},
  onTable?: (table: TableName, rows: number, seconds: number) => void,
): Promise<Record<TableName, number>> {
  const company = generateDemoCompany(options);
  await mkdir(dir, { recursive: true });
  const rows = tableRows(company);
  const counts = {} as Record<TableName, number>;
  for (const table of Object.keys(TABLE_COLUMNS) as TableName[]) {
    const t0 = performance.now();
    counts[table] = await writeCsvFile(join(dir, csvFileName(table)), rows[table](), TABLE_COLUMNS[table]);
    onTable?.(table, counts[table], (performance.now() - t0) / 1000);
  }
  return counts;
}
