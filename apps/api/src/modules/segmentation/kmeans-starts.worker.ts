/**
 * Helper thread of {@link kmeansInThreads}: claims k-means starts from the
 * shared counter, runs them on the shared matrix and posts the best of them
 * (its labels' memory is transferred, not copied) and every start's inertia.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runKmeansStarts } from '@cxs/segmentation-engine';
import { claimStarts, lowerThreadPriority, type HelperData, type HelperMessage } from './kmeans-threads.js';

const { data, n, d, plan, counter } = workerData as HelperData;
lowerThreadPriority();
let message: HelperMessage;
let transfer: ArrayBuffer[] = [];
try {
  const claimed = claimStarts(counter, plan.starts);
  const first = claimed.next();
  if (first.done) message = { outcome: null };
  else {
    const rest = claimed;
    const outcome = runKmeansStarts(data, n, d, plan, (function* () {
      yield first.value;
      yield* rest;
    })());
    message = { outcome };
    if (!(outcome.best.assignments.buffer instanceof SharedArrayBuffer)) transfer = [outcome.best.assignments.buffer as ArrayBuffer];
  }
} catch (err) {
  message = { error: err instanceof Error ? err.message : String(err) };
}
parentPort?.postMessage(message, transfer);
