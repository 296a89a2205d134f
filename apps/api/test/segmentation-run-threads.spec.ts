import { describe, expect, it } from 'vitest';
import { createRng, kmeans } from '@cxs/segmentation-engine';
import { kmeansInThreads, kmeansThreadsFor } from '../src/modules/segmentation/kmeans-threads.js';

/** A matrix in shared memory, as prepareAbcdx(…, { sharedData: true }) leaves it: overlapping groups, so starts differ. */
function sharedMatrix(n: number, d: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const x = new Float64Array(new SharedArrayBuffer(n * d * 8));
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) x[i * d + t] = rng.normal() + (i % 5 === t % 5 ? 1.5 : 0) + (i % 11 === 0 ? 3 : 0);
  return x;
}

describe('k-means starts of a run in helper threads (the compiled kmeans-starts.worker.js)', () => {
  const n = 30_000;
  const d = 6;
  const x = sharedMatrix(n, d, 21);
  const options = { k: 5, seed: 42, restarts: 10 };
  const single = kmeans(x, n, d, options);

  it('the starts end in different optima (so the choice between threads is exercised)', () => {
    expect(new Set(single.restartInertias.map((v) => v.toPrecision(10))).size).toBeGreaterThan(1);
  });

  for (const threads of [2, 3]) {
    it(`${threads} threads give the single-thread result bit for bit`, async () => {
      const { result: r, startsPerThread } = await kmeansInThreads(x, n, d, options, threads);
      expect(startsPerThread.length).toBe(threads);
      expect(startsPerThread.reduce((a, b) => a + b, 0)).toBe(10);
      // The helpers really ran starts (claimed from the shared counter), not only this thread.
      expect(startsPerThread.slice(1).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      expect(r.bestRestart).toBe(single.bestRestart);
      expect(r.inertia).toBe(single.inertia);
      expect(r.restartInertias).toEqual(single.restartInertias);
      expect(Buffer.from(r.assignments.buffer, r.assignments.byteOffset, r.assignments.byteLength).equals(Buffer.from(single.assignments.buffer))).toBe(true);
      expect(Array.from(r.centroids)).toEqual(Array.from(single.centroids));
    });
  }

  it('a matrix outside shared memory runs in this thread, with the same result', async () => {
    const { result: r, startsPerThread } = await kmeansInThreads(Float64Array.from(x), n, d, options, 2);
    expect(startsPerThread).toEqual([10]);
    expect(r.inertia).toBe(single.inertia);
    expect(r.restartInertias).toEqual(single.restartInertias);
  });

  it('invalid input fails with the engine error before any helper starts', async () => {
    const bad = new Float64Array(new SharedArrayBuffer(40 * 8));
    bad[7] = Number.NaN;
    await expect(kmeansInThreads(bad, 20, 2, options, 2)).rejects.toThrow(/row 3, column 1: value NaN/);
  });

  it('uses one thread for small runs and CXS_RUN_KMEANS_THREADS when set', () => {
    expect(kmeansThreadsFor(5_000)).toBe(1);
    process.env.CXS_RUN_KMEANS_THREADS = '3';
    try {
      expect(kmeansThreadsFor(5_000)).toBe(3);
    } finally {
      delete process.env.CXS_RUN_KMEANS_THREADS;
    }
  });
});
