import { describe, expect, test } from 'vitest';

import { completeAbcdx, prepareAbcdx, runAbcdx } from './abcdx.js';
import { EngineError } from './errors.js';
import { combineKmeansStarts, kmeans, planKmeans, runKmeansStarts } from './kmeans.js';
import { prepareMatrix, type ParameterSpec } from './prepare.js';
import { createRng } from './random.js';

/** Overlapping blobs, so the starts end in different local optima with different inertias. */
function data(n: number, d: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) out[i * d + t] = rng.normal() + (i % 7 === 0 ? 2.5 : 0) + (i % 3 === t % 3 ? 1.2 : 0);
  return out;
}

describe('k-means starts split between parts (threads) give the result of one call', () => {
  const n = 3000;
  const d = 4;
  const x = data(n, d, 11);
  const options = { k: 5, seed: 7, restarts: 8 };
  const whole = kmeans(x, n, d, options);
  const plan = planKmeans(x, n, d, options);

  test('the starts really differ (otherwise the split would prove nothing)', () => {
    expect(new Set(whole.restartInertias.map((v) => v.toPrecision(12))).size).toBeGreaterThan(1);
  });

  for (const split of [
    [[0, 2, 4, 6], [1, 3, 5, 7]],
    [[7, 6, 5], [0], [4, 3, 2, 1]],
    [[3], [0, 1, 2, 4, 5, 6, 7]],
  ]) {
    test(`split ${JSON.stringify(split)}`, () => {
      const parts = split.map((starts) => runKmeansStarts(x, n, d, plan, starts));
      const combined = combineKmeansStarts(parts.reverse(), n, d, plan);
      expect(combined.bestRestart).toBe(whole.bestRestart);
      expect(combined.inertia).toBe(whole.inertia);
      expect(combined.restartInertias).toEqual(whole.restartInertias);
      expect(Array.from(combined.assignments)).toEqual(Array.from(whole.assignments));
      expect(Array.from(combined.centroids)).toEqual(Array.from(whole.centroids));
      expect(Array.from(combined.sizes)).toEqual(Array.from(whole.sizes));
    });
  }

  test('equal inertias: the earliest start wins, whichever part holds it', () => {
    // Every start of a data set with k well-separated single points ends at the same partition.
    const pts = Float64Array.from([0, 0, 10, 10, 20, 0, 0, 20, 30, 30]);
    const p = planKmeans(pts, 5, 2, { k: 5, seed: 1, restarts: 4 });
    const combined = combineKmeansStarts([runKmeansStarts(pts, 5, 2, p, [3, 2]), runKmeansStarts(pts, 5, 2, p, [1]), runKmeansStarts(pts, 5, 2, p, [0])], 5, 2, p);
    expect(combined.inertia).toBe(0);
    expect(combined.bestRestart).toBe(0);
  });

  test('a start missing, run twice or out of range is an error, not a quieter result', () => {
    const a = runKmeansStarts(x, n, d, plan, [0, 1, 2, 3]);
    const b = runKmeansStarts(x, n, d, plan, [4, 5, 6]);
    expect(() => combineKmeansStarts([a, b], n, d, plan)).toThrow(/7 of 8 k-means starts/);
    expect(() => combineKmeansStarts([a, b, runKmeansStarts(x, n, d, plan, [6, 7])], n, d, plan)).toThrow(/start 6 was run twice/);
    expect(() => runKmeansStarts(x, n, d, plan, [8])).toThrow(EngineError);
  });
});

describe('an ABCDX run in two halves around k-means computed outside it', () => {
  const n = 2000;
  const x = data(n, 3, 5);
  const input = { ids: Array.from({ length: n }, (_, i) => String(i)), columns: ['a', 'b', 'c'], values: x };
  const params: ParameterSpec[] = ['a', 'b', 'c'].map((column, j) => ({ column, direction: j === 2 ? 'lower_better' : 'higher_better', transform: 'none', weight: j === 0 ? 2 : 1, role: 'value' }));
  const opts = { standardise: 'zscore' as const, missing: 'impute_median' as const, k: 5, seed: 3, restarts: 4 };

  test('shared-memory preparation holds the same matrix', () => {
    const plain = prepareMatrix(input, params, opts);
    const shared = prepareMatrix(input, params, { ...opts, sharedData: true });
    expect(shared.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(shared.data)).toEqual(Array.from(plain.data));
    expect(Array.from(shared.standardised)).toEqual(Array.from(plain.standardised));
  });

  test('same clusters, labels and profiles as the run that calls k-means itself', () => {
    const direct = runAbcdx(input, params, opts);
    const half = prepareAbcdx({ ...input, values: Float64Array.from(x), valuesReusable: true }, params, { ...opts, sharedData: true, revenueColumn: 'a' });
    expect(half.prepared.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    const { data: m, n: rows, d: cols } = half.prepared;
    const plan = planKmeans(m, rows, cols, half.kmeansOptions);
    const km = combineKmeansStarts([runKmeansStarts(m, rows, cols, plan, [1, 3]), runKmeansStarts(m, rows, cols, plan, [0, 2])], rows, cols, plan);
    const split = completeAbcdx(half, km);
    const withRevenue = runAbcdx(input, params, { ...opts, revenueColumn: 'a' });
    expect(split.labels).toEqual(direct.labels);
    expect(split.inertia).toBe(direct.inertia);
    expect(split.clusters.map((c) => [c.label, c.size, c.profile.map((p) => p.median)])).toEqual(direct.clusters.map((c) => [c.label, c.size, c.profile.map((p) => p.median)]));
    // The revenue column was read before the reusable input was overwritten.
    expect(split.clusters.map((c) => c.revenueShare)).toEqual(withRevenue.clusters.map((c) => c.revenueShare));
  });

  test('a result of another shape is refused', () => {
    const half = prepareAbcdx(input, params, opts);
    const other = kmeans(half.prepared.data, half.prepared.n, half.prepared.d, { ...opts, k: 4 });
    expect(() => completeAbcdx(half, other)).toThrow(/does not match the run/);
  });
});
