import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { FileRejected, parseFile, type ParseInput, type ParseSummary } from './parse-file.js';
import type { WorkerOut } from './parse-worker.js';

export interface CopyChunk {
  kind: 'chunk';
  data: string | Uint8Array;
  bytesRead: number;
  rowsIn: number;
}

const WORKER_FILE = fileURLToPath(new URL('./parse-worker.js', import.meta.url));

/**
 * The built server parses in a worker thread; running from TypeScript sources
 * (the test runner) it parses in-process with the same `parseFile`.
 */
export function parsesInWorker(): boolean {
  return WORKER_FILE.endsWith('.js') && existsSync(WORKER_FILE) && process.env.CXS_IMPORT_WORKER !== 'off';
}

/**
 * The file's COPY chunks, then its summary. In the built server the parsing
 * (decode, CSV, validation: the CPU-heavy part) runs in a worker thread with
 * a capped heap: the API stays responsive during a big import, the process's
 * memory stays bounded, and the parser runs on one core while PostgreSQL
 * stores the previous chunks on another. Aborting terminates the worker.
 */
export async function* parseChunks(input: ParseInput, signal: AbortSignal, forceWorker = false): AsyncGenerator<CopyChunk | ParseSummary> {
  if (!forceWorker && !parsesInWorker()) {
    for await (const ev of parseFile(input)) {
      if (signal.aborted) throw signal.reason;
      yield ev.kind === 'chunk' ? { kind: 'chunk', data: ev.text, bytesRead: ev.bytesRead, rowsIn: ev.rowsIn } : ev;
    }
    return;
  }
  const worker = new Worker(WORKER_FILE, {
    workerData: input,
    // Bounded memory whatever the file: a parser that would need more fails the import with a reason.
    resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 },
    stdout: false,
    stderr: false,
  });
  const queue: WorkerOut[] = [];
  let failure: Error | null = null;
  let exited = false;
  let wake: (() => void) | null = null;
  const poke = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: WorkerOut) => {
    queue.push(m);
    poke();
  });
  worker.on('error', (err: Error & { code?: string }) => {
    failure =
      err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new Error('the file could not be parsed within the memory limit (a single field or line is too large)') : err;
    poke();
  });
  worker.on('exit', () => {
    exited = true;
    poke();
  });
  const onAbort = () => void worker.terminate();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      if (signal.aborted) throw signal.reason;
      const m = queue.shift();
      if (!m) {
        if (failure) throw failure;
        if (exited) throw new Error('the file parser stopped unexpectedly');
        await new Promise<void>((r) => (wake = r));
        continue;
      }
      if (m.kind === 'chunk') {
        yield { kind: 'chunk', data: m.bytes, bytesRead: m.bytesRead, rowsIn: m.rowsIn };
        // The consumer has taken the chunk (it is written to COPY): one more may come.
        worker.postMessage({ kind: 'ack' });
      } else if (m.kind === 'end') {
        yield m.summary as ParseSummary;
        return;
      } else if (m.kind === 'rejected') {
        throw new FileRejected(m.issues);
      } else {
        throw new Error(m.message);
      }
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    if (!exited) await worker.terminate();
  }
}
