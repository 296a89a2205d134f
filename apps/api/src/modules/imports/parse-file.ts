import { createReadStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import type { ImportFormat, ImportMapping, ImportSource } from '@cxs/contracts';
import { csvField } from '../../database/copy.js';
import { makeConverter, mappingProblems, shortValue, SOURCES, unknownColumns, type Issue } from './sources.js';

/** Problems with the file as a whole (a required column missing): nothing can be imported. */
export class FileRejected extends Error {
  constructor(readonly issues: Issue[]) {
    super(`The file cannot be imported: ${issues.map((i) => i.reason).join('; ')}`);
  }
}

export interface ParseInput {
  filePath: string;
  source: ImportSource;
  mapping: ImportMapping;
  format: ImportFormat;
  /** YYYY-MM-DD: bounds future dates. */
  today: string;
}

export interface Note {
  row: number;
  issue: Issue;
}

/** A slice of COPY input (CSV lines for the staging table) and the progress after it. */
export interface ParseChunk {
  kind: 'chunk';
  text: string;
  bytesRead: number;
  rowsIn: number;
}

/** What the parser learnt about the whole file, after its last chunk. */
export interface ParseSummary {
  kind: 'end';
  headers: string[];
  notes: Note[];
  emptyLines: number;
  /** Lines read including the header and empty lines. */
  lastRow: number;
  rowsIn: number;
  /** Rows the parser found problems in (staged with bad = true). */
  badRows: number;
  bytesRead: number;
}

export type ParseEvent = ParseChunk | ParseSummary;

const MAX_NOTES = 1000;
/** Rows per COPY chunk: large enough to amortise messages, small enough to keep memory flat. */
const CHUNK_ROWS = 2000;

/** The staging table's columns, in the order of the COPY lines `parseFile` produces. */
export function stagingColumns(source: ImportSource): string[] {
  return ['row_no', 'bad', 'issues', 'raw', ...SOURCES[source].fields.map((f) => f.key)];
}

/**
 * Streams one file (read → count bytes → decode → CSV parse → validate and
 * normalise each row) into CSV lines for `COPY stg FROM STDIN`, in chunks of
 * CHUNK_ROWS rows: a valid row carries its converted values, a row with
 * problems carries its issues and its raw cells (for the quarantine).
 * Consumed with `for await`, which gives backpressure down to the file read:
 * memory stays flat whatever the file size. Throws FileRejected for problems
 * with the file as a whole.
 */
export async function* parseFile(input: ParseInput): AsyncGenerator<ParseEvent> {
  const def = SOURCES[input.source];
  const notes: Note[] = [];
  let emptyLines = 0;
  let rowNo = 0;
  let rowsIn = 0;
  let badRows = 0;
  let bytesRead = 0;
  let converter: ReturnType<typeof makeConverter> | null = null;
  let headers: string[] = [];
  const fieldKeys = def.fields.map((f) => f.key);
  const mappedIdx: number[] = [];
  const emptyTail = ','.repeat(fieldKeys.length);
  let batch = '';
  let inBatch = 0;
  const toCopy = new Transform({
    writableObjectMode: true,
    readableObjectMode: true,
    // At most a few chunks wait between the parser and the consumer.
    readableHighWaterMark: 4,
    transform(record: string[], _enc: BufferEncoding, cb: TransformCallback) {
      rowNo++;
      if (rowNo === 1) {
        headers = record.map((h) => h.trim());
        const problems = mappingProblems(def, headers, input.mapping);
        if (problems.length) return cb(new FileRejected(problems));
        for (const h of unknownColumns(headers, input.mapping)) {
          notes.push({ row: 1, issue: { column: h, value: null, code: 'UNKNOWN_COLUMN', reason: 'column is not mapped to any field and was not imported' } });
        }
        converter = makeConverter(def, headers, input.mapping, input.format, input.today);
        for (const f of def.fields) mappedIdx.push(input.mapping[f.key] ? headers.indexOf(input.mapping[f.key]) : -1);
        return cb();
      }
      if (record.length === 1 && record[0].trim() === '') {
        emptyLines++;
        if (notes.length < MAX_NOTES) notes.push({ row: rowNo, issue: { column: null, value: null, code: 'EMPTY_LINE', reason: 'empty line skipped' } });
        return cb();
      }
      rowsIn++;
      const { values, issues } = converter!.convert(record);
      if (issues.length) {
        badRows++;
        const raw: Record<string, string> = {};
        for (let i = 0; i < fieldKeys.length; i++) if (mappedIdx[i] >= 0) raw[fieldKeys[i]] = record[mappedIdx[i]] ?? '';
        const shortIssues = issues.map((x) => ({ ...x, value: shortValue(x.value) }));
        batch += `${rowNo},t,${csvField(JSON.stringify(shortIssues))},${csvField(JSON.stringify(raw))}${emptyTail}\n`;
      } else {
        let line = `${rowNo},f,,`;
        for (const v of values) line += ',' + csvField(v);
        batch += line + '\n';
      }
      if (++inBatch >= CHUNK_ROWS) {
        const chunk: ParseChunk = { kind: 'chunk', text: batch, bytesRead, rowsIn };
        batch = '';
        inBatch = 0;
        return cb(null, chunk);
      }
      cb();
    },
    flush(cb: TransformCallback) {
      if (rowNo === 0) return cb(new FileRejected([{ column: null, value: null, code: 'EMPTY_FILE', reason: 'the file has no header line' }]));
      if (batch) this.push({ kind: 'chunk', text: batch, bytesRead, rowsIn } satisfies ParseChunk);
      batch = '';
      cb();
    },
  });
  const source = createReadStream(input.filePath, { highWaterMark: 256 * 1024 });
  const counter = new Transform({
    transform(chunk: Buffer, _e, cb) {
      bytesRead += chunk.length;
      cb(null, chunk);
    },
  });
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { delimiter: input.format.delimiter, skipEmptyLines: false });
  const decoder = iconv.decodeStream(input.format.encoding === 'windows-1251' ? 'win1251' : 'utf8');
  // Errors anywhere upstream end up on toCopy, where the `for await` below throws them.
  const chain = [source, counter, decoder, parser, toCopy] as NodeJS.ReadWriteStream[];
  for (let i = 0; i < chain.length - 1; i++) {
    chain[i].on('error', (err: Error) => toCopy.destroy(err));
    chain[i].pipe(chain[i + 1] as NodeJS.WritableStream);
  }
  try {
    for await (const chunk of toCopy as AsyncIterable<ParseChunk>) yield chunk;
  } finally {
    for (const s of chain) (s as unknown as { destroy(): void }).destroy();
  }
  if (emptyLines > MAX_NOTES) {
    notes.push({ row: rowNo, issue: { column: null, value: null, code: 'EMPTY_LINE', reason: `${emptyLines - MAX_NOTES} more empty lines skipped` } });
  }
  yield { kind: 'end', headers, notes, emptyLines, lastRow: rowNo, rowsIn, badRows, bytesRead } satisfies ParseSummary;
}
