import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';

/** A CSV field for COPY: null → unquoted empty (SQL NULL); text always quoted, so '' stays ''. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) {
    // text[] literal, then CSV-quoted
    const literal = `{${v.map((x) => `"${String(x).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
    return `"${literal.replace(/"/g, '""')}"`;
  }
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return `"${s.replace(/"/g, '""')}"`;
}

/**
 * Streams ready CSV lines (without their newline; build fields with {@link csvField})
 * into a table with COPY … FROM STDIN (CSV), in batches of 2000 lines: for a
 * million rows whose fields repeat (a run's members), building each line
 * directly spares the per-row arrays of {@link copyRows}.
 */
export async function copyLines(client: pg.ClientBase, table: string, columns: string[], lines: Iterable<string>): Promise<number> {
  let count = 0;
  function* batches(): Generator<string> {
    let batch: string[] = [];
    for (const line of lines) {
      batch.push(line);
      count++;
      if (batch.length === 2000) {
        yield batch.join('\n') + '\n';
        batch = [];
      }
    }
    if (batch.length) yield batch.join('\n') + '\n';
  }
  const sql = `COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN WITH (FORMAT csv)`;
  await pipeline(Readable.from(batches()), client.query(copyStreams.from(sql)));
  return count;
}

/**
 * Streams rows into a table with COPY … FROM STDIN (CSV), batching lines so
 * millions of rows flow with constant memory and backpressure.
 */
export async function copyRows<T extends object>(
  client: pg.ClientBase,
  table: string,
  columns: string[],
  rows: Iterable<T>,
  map: (row: T) => unknown[] = (row) => columns.map((c) => (row as Record<string, unknown>)[c]),
): Promise<number> {
  function* lines(): Generator<string> {
    for (const row of rows) yield map(row).map(csvField).join(',');
  }
  return copyLines(client, table, columns, lines());
}
