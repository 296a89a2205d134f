import { parentPort, workerData } from 'node:worker_threads';
import { FileRejected, parseFile, type ParseInput } from './parse-file.js';

/**
 * Worker-thread entry: runs `parseFile` off the API's main thread and posts
 * each chunk as transferred bytes. Flow control by credits: at most
 * MAX_IN_FLIGHT chunks are unacknowledged, so a slow database slows the
 * parser instead of filling memory. Messages out: `chunk`, `end`, `rejected`,
 * `error`; in: `ack` after each chunk is written to COPY.
 */
const MAX_IN_FLIGHT = 4;

export type WorkerOut =
  | { kind: 'chunk'; bytes: Uint8Array; bytesRead: number; rowsIn: number }
  | { kind: 'end'; summary: unknown }
  | { kind: 'rejected'; issues: FileRejected['issues'] }
  | { kind: 'error'; message: string };

const port = parentPort!;
let inFlight = 0;
let wake: (() => void) | null = null;
port.on('message', (m: { kind: string }) => {
  if (m.kind === 'ack') {
    inFlight--;
    wake?.();
    wake = null;
  }
});

try {
  for await (const ev of parseFile(workerData as ParseInput)) {
    if (ev.kind === 'chunk') {
      while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((r) => (wake = r));
      const bytes = new Uint8Array(Buffer.byteLength(ev.text));
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).write(ev.text);
      inFlight++;
      port.postMessage({ kind: 'chunk', bytes, bytesRead: ev.bytesRead, rowsIn: ev.rowsIn } satisfies WorkerOut, [bytes.buffer]);
    } else {
      port.postMessage({ kind: 'end', summary: ev } satisfies WorkerOut);
    }
  }
} catch (err) {
  if (err instanceof FileRejected) port.postMessage({ kind: 'rejected', issues: err.issues } satisfies WorkerOut);
  else port.postMessage({ kind: 'error', message: (err as Error).message } satisfies WorkerOut);
}
port.close();
