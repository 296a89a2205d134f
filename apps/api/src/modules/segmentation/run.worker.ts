/**
 * Worker-thread entry: runs one segmentation run on its own PostgreSQL
 * connection so clustering never blocks the API's event loop. Posts
 * { ok: true } or { ok: false, cancelled, message } and exits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { EngineError } from '@cxs/segmentation-engine';
import { lowerThreadPriority } from './kmeans-threads.js';
import { executeRun, RunCancelled, RunFailure } from './run-executor.js';

const { databaseUrl, runId } = workerData as { databaseUrl: string; runId: string };
// The run computes on every core during clustering: requests to the API and PostgreSQL go first.
lowerThreadPriority();

const client = new pg.Client({ connectionString: databaseUrl, application_name: `cx-stream-run-${runId}` });
// A dropped connection surfaces as a failed query below; never as an unhandled event.
client.on('error', () => undefined);
try {
  await client.connect();
  await executeRun(client, runId);
  parentPort?.postMessage({ ok: true });
} catch (err) {
  const cancelled = err instanceof RunCancelled;
  const message =
    err instanceof RunFailure
      ? err.message
      : err instanceof EngineError
        ? `The engine refused the data: ${err.message}`
        : `Unexpected error: ${err instanceof Error ? err.message : String(err)}`;
  parentPort?.postMessage({ ok: false, cancelled, message });
} finally {
  await client.end().catch(() => undefined);
}
