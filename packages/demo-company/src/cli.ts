#!/usr/bin/env node
// cxs-demo: write the demo company as CSV files, one per table, plus
// hidden-types.csv (the answer key segmentation is scored against).
//
//   cxs-demo --out ./demo-data [--seed 42] [--customers 5000] [--end-date 2026-09-30] [--months 36]
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { csvFileName, writeDemoCsv } from './write-csv.js';

const USAGE = 'usage: cxs-demo --out DIR [--seed 42] [--customers 5000] [--end-date 2026-09-30] [--months 36]';

function intOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw new Error(`--${name} must be an integer, got ${JSON.stringify(value)}\n${USAGE}`);
  return Number(value);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: 'demo-data' },
      seed: { type: 'string' },
      customers: { type: 'string' },
      'end-date': { type: 'string' },
      months: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const out = values.out;
  await writeDemoCsv(
    out,
    {
      seed: intOption('seed', values.seed),
      customers: intOption('customers', values.customers),
      endDate: values['end-date'],
      months: intOption('months', values.months),
    },
    (table, rows, seconds) => console.log(`${join(out, csvFileName(table))}: ${rows} rows in ${seconds.toFixed(2)} s`),
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
