#!/usr/bin/env node
/**
 * cxs-segment: segment a CSV without the server. Node-only (reads files); the
 * library modules it calls stay free of Node imports.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import Papa from 'papaparse';

import { runAbcdx } from './abcdx.js';
import { EngineError } from './errors.js';
import type { ParameterSpec, Standardisation, MissingPolicy } from './prepare.js';
import { STANDARDISATIONS, MISSING_POLICIES } from './prepare.js';
import { computeRfm, RFM_TABLES, toEpochDay, type Transaction } from './rfm.js';

const HELP = `cxs-segment — CX Stream segmentation from the command line (prints JSON)

Usage:
  cxs-segment kmeans --input FILE --id COL --columns a,b,c [options]
  cxs-segment rfm --input FILE --customer COL --date COL --amount COL --as-of YYYY-MM-DD [options]
  cxs-segment --help | cxs-segment kmeans --help | cxs-segment rfm --help

kmeans: ABCDX segmentation by k-means
  --input FILE            CSV with a header row (delimiter detected; decimal commas accepted)
  --id COL                column holding the customer id
  --columns a,b,c         numeric parameter columns to cluster on
  --log1p a,b             apply log(1 + x) to these columns (skewed money/counts)
  --weights a=2,b=1       parameter weights ≥ 0 (default 1); the squared distance is
                          weighted by them: each standardised column is multiplied by √weight
  --lower-better a,b      parameters where lower is better (e.g. CAC); default: higher is better
  --neutral a,b           parameters that shape clusters but do not count in the value score
  --growth a,b            growth parameters: X becomes the fastest-growing cluster outside the top one
  --clip a=1:99           winsorise a column at these percentiles (repeat per column, comma-separated)
  --k N                   number of clusters (default 5 → labels A, B, C, D, X; otherwise ranks 1…k)
  --seed N                random seed (default 42); same input + seed → same output
  --restarts N            k-means++ starts, best inertia kept (default 10)
  --max-iterations N      Lloyd iterations per start (default 300)
  --tolerance X           relative centre-shift tolerance (default 1e-4)
  --standardise M         zscore (default) | robust | minmax
  --missing P             impute_median (default) | exclude — empty cells are missing
  --revenue COL           report each cluster's share of this numeric column
  --attributes a,b        categorical columns for descriptions and the market overlay
  --pretty                indent the JSON

rfm: recency, frequency, monetary scores and segments
  --input FILE            CSV of transactions with a header row
  --customer COL          customer id column
  --date COL              transaction date column (YYYY-MM-DD or ISO timestamp)
  --amount COL            amount column (refunds negative)
  --order COL             order id column; frequency = distinct orders (default: transactions)
  --as-of YYYY-MM-DD      analysis date; later transactions are ignored
  --table ID              segment table: rf-grid-10 (default) | r-rfm-package
  --pretty                indent the JSON

Scores: LEAST(5, 1 + FLOOR(5 * PERCENT_RANK() OVER (ORDER BY value))), recency descending.
Errors print one line and exit with status 1 (bad data) or 2 (bad usage).`;

class UsageError extends Error {}

const list = (s: string | undefined): string[] => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : []);

function intOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new UsageError(`--${name} must be an integer, got "${value}"`);
  return n;
}

/** Parses a numeric cell: empty/NA → null; accepts a decimal comma and spaces between thousands. */
function parseNumberCell(raw: string | undefined): number | null | 'invalid' {
  if (raw === undefined) return null;
  let s = raw.trim();
  if (s === '' || /^(na|n\/a|null|nan)$/i.test(s)) return null;
  s = s.replace(/[\s\u00a0\u202f]/g, '');
  if (/^[-+]?\d+,\d+$/.test(s)) s = s.replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return 'invalid';
  const n = Number(s);
  return Number.isFinite(n) ? n : 'invalid';
}

interface Table {
  fields: string[];
  rows: Record<string, string>[];
}

function readCsv(file: string): Table {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read --input ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim() });
  const err = parsed.errors.find((e) => e.type !== 'Delimiter');
  if (err) throw new EngineError('INVALID_ARGUMENT', `${file} line ${(err.row ?? 0) + 2}: ${err.message}`);
  const fields = parsed.meta.fields ?? [];
  if (parsed.data.length === 0) throw new EngineError('EMPTY_INPUT', `${file} has no data rows`);
  return { fields, rows: parsed.data };
}

function requireColumn(table: Table, column: string | undefined, flag: string, file: string): string {
  if (!column) throw new UsageError(`missing --${flag}`);
  if (!table.fields.includes(column)) {
    throw new EngineError('UNKNOWN_COLUMN', `${file}: no column "${column}" (--${flag}); columns are ${table.fields.map((f) => `"${f}"`).join(', ')}`, { column });
  }
  return column;
}

function numberAt(table: Table, i: number, column: string, file: string): number | null {
  const v = parseNumberCell(table.rows[i][column]);
  if (v === 'invalid') {
    throw new EngineError('NON_FINITE', `${file} line ${i + 2}, column "${column}": ${JSON.stringify(table.rows[i][column])} is not a number`, { column, row: i, value: table.rows[i][column] });
  }
  return v;
}

function kmeansCommand(values: Record<string, string | boolean | undefined>): unknown {
  const file = values.input as string | undefined;
  if (!file) throw new UsageError('missing --input');
  const table = readCsv(file);
  const idCol = requireColumn(table, values.id as string | undefined, 'id', file);
  const columns = list(values.columns as string | undefined);
  if (columns.length === 0) throw new UsageError('missing --columns');
  columns.forEach((c) => requireColumn(table, c, 'columns', file));
  const weights = new Map<string, number>();
  for (const pair of list(values.weights as string | undefined)) {
    const [name, w] = pair.split('=');
    const n = parseNumberCell(w);
    if (!columns.includes(name)) throw new UsageError(`--weights names "${name}", which is not in --columns`);
    if (n === null || n === 'invalid' || n < 0) throw new UsageError(`--weights ${pair}: the weight must be a number ≥ 0`);
    weights.set(name, n);
  }
  const clips = new Map<string, { lower: number; upper: number }>();
  for (const pair of list(values.clip as string | undefined)) {
    const m = /^([^=]+)=([\d.]+):([\d.]+)$/.exec(pair);
    if (!m) throw new UsageError(`--clip ${pair}: expected column=lower:upper, e.g. ltv=1:99`);
    clips.set(m[1], { lower: Number(m[2]), upper: Number(m[3]) });
  }
  const flagged = (flag: string): Set<string> => {
    const s = new Set(list(values[flag] as string | undefined));
    for (const c of s) if (!columns.includes(c)) throw new UsageError(`--${flag} names "${c}", which is not in --columns`);
    return s;
  };
  const log1p = flagged('log1p');
  const lower = flagged('lower-better');
  const neutral = flagged('neutral');
  const growth = flagged('growth');
  for (const c of clips.keys()) if (!columns.includes(c)) throw new UsageError(`--clip names "${c}", which is not in --columns`);
  const standardise = (values.standardise as string | undefined) ?? 'zscore';
  if (!(STANDARDISATIONS as readonly string[]).includes(standardise)) throw new UsageError(`--standardise must be one of ${STANDARDISATIONS.join(', ')}, got "${standardise}"`);
  const missing = (values.missing as string | undefined) ?? 'impute_median';
  if (!(MISSING_POLICIES as readonly string[]).includes(missing)) throw new UsageError(`--missing must be one of ${MISSING_POLICIES.join(', ')}, got "${missing}"`);

  const params: ParameterSpec[] = columns.map((column) => ({
    column,
    direction: lower.has(column) ? 'lower_better' : neutral.has(column) ? 'neutral' : 'higher_better',
    transform: log1p.has(column) ? 'log1p' : 'none',
    weight: weights.get(column) ?? 1,
    role: growth.has(column) ? 'growth' : 'value',
    ...(clips.has(column) ? { clip: clips.get(column) } : {}),
  }));
  const revenue = values.revenue as string | undefined;
  const attributeNames = list(values.attributes as string | undefined);
  const numericCols = revenue && !columns.includes(revenue) ? [...columns, requireColumn(table, revenue, 'revenue', file)] : columns;
  attributeNames.forEach((a) => requireColumn(table, a, 'attributes', file));
  const ids = table.rows.map((r, i) => {
    const id = (r[idCol] ?? '').trim();
    if (!id) throw new EngineError('INVALID_ARGUMENT', `${file} line ${i + 2}: empty id in column "${idCol}"`, { row: i, column: idCol });
    return id;
  });
  const rows = table.rows.map((_, i) => numericCols.map((c) => numberAt(table, i, c, file)));
  const attributes = attributeNames.length ? Object.fromEntries(attributeNames.map((a) => [a, table.rows.map((r) => (r[a] ?? '').trim() || null)])) : undefined;

  const run = runAbcdx({ ids, columns: numericCols, values: rows }, params, {
    standardise: standardise as Standardisation,
    missing: missing as MissingPolicy,
    k: intOption(values.k as string | undefined, 'k', 5),
    seed: intOption(values.seed as string | undefined, 'seed', 42),
    restarts: intOption(values.restarts as string | undefined, 'restarts', 10),
    maxIterations: intOption(values['max-iterations'] as string | undefined, 'max-iterations', 300),
    tolerance: values.tolerance === undefined ? undefined : Number(values.tolerance),
    revenueColumn: revenue,
    attributes,
  });
  return {
    command: 'kmeans',
    input: file,
    k: run.k,
    seed: run.seed,
    restarts: run.restarts,
    inertia: run.inertia,
    iterations: run.iterations,
    converged: run.converged,
    restartInertias: run.restartInertias,
    missing: run.missing,
    parameters: run.stats.map((s) => ({ column: s.column, direction: s.direction, transform: s.transform, role: s.role, weight: s.weight, centre: s.centre, scale: s.scale })),
    clusters: run.clusters.map((c) => ({
      label: c.label,
      size: c.size,
      share: c.share,
      valueScore: c.valueScore,
      growthScore: c.growthScore,
      reason: c.reason,
      description: c.description,
      revenueShare: c.revenueShare,
      profile: Object.fromEntries(c.profile.map((p) => [p.column, { median: p.median, p25: p.p25, p75: p.p75 }])),
      centroid: Object.fromEntries(c.profile.map((p, j) => [p.column, { standardised: c.centroidStandardised[j], original: c.centroidOriginal[j] }])),
    })),
    overlay: run.overlay?.map((o) => ({ attribute: o.attribute, chiSquare: o.chiSquare, degreesOfFreedom: o.degreesOfFreedom, pValue: o.pValue, cramersV: o.cramersV, flagged: o.flagged })),
    assignments: run.ids.map((id, i) => ({ id, label: run.labels[i] })),
  };
}

function rfmCommand(values: Record<string, string | boolean | undefined>): unknown {
  const file = values.input as string | undefined;
  if (!file) throw new UsageError('missing --input');
  const asOf = values['as-of'] as string | undefined;
  if (!asOf) throw new UsageError('missing --as-of');
  const tableId = (values.table as string | undefined) ?? 'rf-grid-10';
  const segTable = (RFM_TABLES as Record<string, (typeof RFM_TABLES)[keyof typeof RFM_TABLES]>)[tableId];
  if (!segTable) throw new UsageError(`--table must be one of ${Object.keys(RFM_TABLES).join(', ')}, got "${tableId}"`);
  toEpochDay(asOf, '--as-of');
  const table = readCsv(file);
  const customer = requireColumn(table, values.customer as string | undefined, 'customer', file);
  const date = requireColumn(table, values.date as string | undefined, 'date', file);
  const amount = requireColumn(table, values.amount as string | undefined, 'amount', file);
  const order = values.order ? requireColumn(table, values.order as string, 'order', file) : null;
  const transactions: Transaction[] = table.rows.map((r, i) => {
    const customerId = (r[customer] ?? '').trim();
    if (!customerId) throw new EngineError('INVALID_ARGUMENT', `${file} line ${i + 2}: empty customer id in column "${customer}"`, { row: i });
    const a = numberAt(table, i, amount, file);
    if (a === null) throw new EngineError('NON_FINITE', `${file} line ${i + 2}: empty amount in column "${amount}"`, { row: i, column: amount });
    const d = (r[date] ?? '').trim();
    toEpochDay(d, `${file} line ${i + 2}, column "${date}": date`);
    return { customerId, date: d, amount: a, orderId: order ? (r[order] ?? '').trim() || null : null };
  });
  const res = computeRfm(transactions, asOf, segTable);
  return { command: 'rfm', input: file, asOf: res.asOf, table: res.table, ignoredAfterAsOf: res.ignoredAfterAsOf, segmentCounts: res.segmentCounts, customers: res.rows };
}

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  pretty: { type: 'boolean' },
  input: { type: 'string' },
  id: { type: 'string' },
  columns: { type: 'string' },
  log1p: { type: 'string' },
  weights: { type: 'string' },
  'lower-better': { type: 'string' },
  neutral: { type: 'string' },
  growth: { type: 'string' },
  clip: { type: 'string' },
  k: { type: 'string' },
  seed: { type: 'string' },
  restarts: { type: 'string' },
  'max-iterations': { type: 'string' },
  tolerance: { type: 'string' },
  standardise: { type: 'string' },
  missing: { type: 'string' },
  revenue: { type: 'string' },
  attributes: { type: 'string' },
  customer: { type: 'string' },
  date: { type: 'string' },
  amount: { type: 'string' },
  order: { type: 'string' },
  'as-of': { type: 'string' },
  table: { type: 'string' },
} as const;

/** Runs the CLI; returns the exit code. */
function main(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    } catch (e) {
      // Node's parseArgs messages run on with advice about '--'; the first sentence says it.
      throw new UsageError((e as Error).message.split('\n')[0].split('. ')[0]);
    }
    const [command, ...rest] = parsed.positionals;
    if (parsed.values.help || !command) {
      out(HELP);
      return command || parsed.values.help ? 0 : 2;
    }
    if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
    let result: unknown;
    if (command === 'kmeans') result = kmeansCommand(parsed.values);
    else if (command === 'rfm') result = rfmCommand(parsed.values);
    else throw new UsageError(`unknown command "${command}" (kmeans or rfm)`);
    out(JSON.stringify(result, null, parsed.values.pretty ? 2 : undefined));
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      err(`cxs-segment: error: ${e.message} (see cxs-segment --help)`);
      return 2;
    }
    if (e instanceof EngineError) {
      err(`cxs-segment: error: ${e.message}`);
      return 1;
    }
    err(`cxs-segment: error: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

// `cxs-segment … | head` closes stdout early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
process.exitCode = main(process.argv.slice(2), (s) => process.stdout.write(`${s}\n`), (s) => process.stderr.write(`${s}\n`));
