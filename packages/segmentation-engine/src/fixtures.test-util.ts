import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../test-fixtures/', import.meta.url));

export interface NumericCsv {
  ids: string[];
  columns: string[];
  rows: number[][];
}

/** Reads a small numeric fixture CSV whose first column is the id. */
export function readNumericCsv(name: string): NumericCsv {
  const lines = readFileSync(dir + name, 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const ids: string[] = [];
  const rows: number[][] = [];
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    ids.push(cells[0]);
    rows.push(cells.slice(1).map(Number));
  }
  return { ids, columns: header.slice(1), rows };
}

export interface ReferenceCase {
  file: string;
  k: number;
  preprocess: string;
  best_inertia: number;
  labels: number[];
  weights?: Record<string, number>;
}

export function readReference(): Record<string, ReferenceCase> {
  const all = JSON.parse(readFileSync(dir + 'kmeans-reference.json', 'utf8')) as Record<string, ReferenceCase>;
  delete all._about;
  return all;
}

export const fixturesDir = dir;
