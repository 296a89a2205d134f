import { readlinkSync } from 'node:fs';
import { availableParallelism, setPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { compiledWorkerFile } from '../../common/worker-file.js';
import { combineKmeansStarts, planKmeans, runKmeansStarts, type KmeansOptions, type KmeansPlan, type KmeansResult, type KmeansStartsOutcome } from '@cxs/segmentation-engine';

/**
 * k-means of a run with its starts shared between this thread and helper
 * threads (issue #5: 10 starts over 1M customers × 15 parameters were half of
 * a run). Each start is deterministic by its index (its own random stream), the
 * threads claim start indices from one shared counter, and the winner is
 * chosen by (inertia, start index) — so the result is the one a single thread
 * gives, whichever thread ran which start (engine test `kmeans-split.test.ts`,
 * API test `segmentation-run-threads.spec.ts`).
 *
 * The matrix must live in a SharedArrayBuffer (`prepareAbcdx(…, { sharedData:
 * true })`): helpers read it in place, nothing is copied. Every computing
 * thread runs at a lower scheduling priority ({@link lowerThreadPriority}) so
 * the API's own thread and PostgreSQL keep answering requests while a run
 * clusters on every core.
 */

/** Threads for the k-means of a run: CXS_RUN_KMEANS_THREADS, else the cores (at most 4); 1 below 20,000 rows (a helper's start-up costs more than it saves). */
export function kmeansThreadsFor(rows: number): number {
  const configured = Number(process.env.CXS_RUN_KMEANS_THREADS);
  if (Number.isInteger(configured) && configured >= 1) return configured;
  if (rows < 20_000) return 1;
  return Math.max(1, Math.min(4, availableParallelism()));
}

/**
 * Lowers this thread's priority (nice 10) on Linux, where a thread id is a
 * valid `setpriority` target; elsewhere, or when refused, nothing changes.
 * Raising it back needs privileges, so only threads that compute call it.
 */
export function lowerThreadPriority(nice = 10): boolean {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}

/** Start indices claimed one by one from a counter shared by every thread of the call. */
export function* claimStarts(counter: Int32Array, starts: number): Generator<number> {
  for (;;) {
    const r = Atomics.add(counter, 0, 1);
    if (r >= starts) return;
    yield r;
  }
}

export interface HelperData {
  data: Float64Array;
  n: number;
  d: number;
  plan: KmeansPlan;
  counter: Int32Array;
}

/** What a helper posts: its outcome, null when the other threads had claimed every start, or an error message. */
export type HelperMessage = { outcome: KmeansStartsOutcome | null } | { error: string };

export interface ThreadedKmeans {
  result: KmeansResult;
  /** Starts run by each thread: this one first, then each helper. */
  startsPerThread: number[];
}

export async function kmeansInThreads(data: Float64Array, n: number, d: number, options: KmeansOptions, threads: number): Promise<ThreadedKmeans> {
  const plan = planKmeans(data, n, d, options);
  const helpers = Math.min(threads, plan.starts) - 1;
  if (helpers <= 0 || !(data.buffer instanceof SharedArrayBuffer)) {
    const all = Array.from({ length: plan.starts }, (_, r) => r);
    return { result: combineKmeansStarts([runKmeansStarts(data, n, d, plan, all)], n, d, plan), startsPerThread: [plan.starts] };
  }
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const workerData: HelperData = { data, n, d, plan, counter };
  const workers = Array.from({ length: helpers }, () => new Worker(compiledWorkerFile(import.meta.url, 'kmeans-starts.worker.js', 'k-means helper'), { workerData }));
  const answers = workers.map(
    (w) =>
      new Promise<KmeansStartsOutcome | null>((resolve, reject) => {
        w.once('message', (m: HelperMessage) => ('error' in m ? reject(new Error(m.error)) : resolve(m.outcome)));
        w.once('error', reject);
        w.once('exit', (code) => reject(new Error(`a k-means helper thread stopped (exit code ${code}) before it answered`)));
      }),
  );
  // A helper that fails must not leave the others' rejections unhandled while this thread computes.
  const settled = Promise.allSettled(answers);
  try {
    const mine = runKmeansStarts(data, n, d, plan, claimStarts(counter, plan.starts));
    const results = await settled;
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
    const theirs = results.map((r) => (r as PromiseFulfilledResult<KmeansStartsOutcome | null>).value);
    const parts = [mine, ...theirs.filter((o): o is KmeansStartsOutcome => o !== null)];
    return { result: combineKmeansStarts(parts, n, d, plan), startsPerThread: [mine, ...theirs].map((o) => o?.inertias.length ?? 0) };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
