import fc from 'fast-check';
import { kmeans as mlKmeans } from 'ml-kmeans';
import { describe, expect, test } from 'vitest';

import { EngineError } from './errors.js';
import { readNumericCsv, readReference } from './fixtures.test-util.js';
import { inertiaOf, kmeans, kmeansPlusPlus, kmeansPlusPlusWithState, lloyd, toRows } from './kmeans.js';
import { adjustedRandIndex } from './metrics.js';
import { prepareMatrix, type ParameterSpec } from './prepare.js';
import { createRng } from './random.js';

function blobs(n: number, d: number, k: number, seed: number, spread = 1, separation = 4): Float64Array {
  const rng = createRng(seed);
  const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => rng.normal() * separation));
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = centres[i % k];
    for (let t = 0; t < d; t++) out[i * d + t] = c[t] + rng.normal() * spread;
  }
  return out;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

describe('reference parity with scikit-learn (10 restarts, seeds 1–20)', () => {
  const reference = readReference();
  for (const [name, ref] of Object.entries(reference)) {
    test(name, () => {
      const csv = readNumericCsv(ref.file);
      // Preprocessing exactly as the reference states: log1p on the money/count columns of the customer set, z-score, √weight.
      const logged = name.startsWith('customers') ? ['avg_check', 'frequency', 'ltv', 'cac'] : [];
      const params: ParameterSpec[] = csv.columns.map((column) => ({
        column,
        direction: 'neutral',
        transform: logged.includes(column) ? 'log1p' : 'none',
        weight: ref.weights?.[column] ?? 1,
        role: 'value',
      }));
      const prepared = prepareMatrix({ ids: csv.ids, columns: csv.columns, values: csv.rows }, params, { standardise: 'zscore', missing: 'exclude' });
      const ratios: number[] = [];
      for (let seed = 1; seed <= 20; seed++) {
        const run = kmeans(prepared.data, prepared.n, prepared.d, { k: ref.k, seed, restarts: 10 });
        ratios.push(run.inertia / ref.best_inertia);
        // Never better than scikit-learn's best of 100 (beyond rounding): both compute the same objective.
        expect(run.inertia).toBeGreaterThan(ref.best_inertia * (1 - 1e-9));
        if (name === 'wine_k3' || name === 'customers_k5') {
          expect(adjustedRandIndex(run.assignments, ref.labels)).toBeGreaterThanOrEqual(0.95);
        }
      }
      expect(median(ratios)).toBeLessThanOrEqual(1.002);
      expect(Math.max(...ratios)).toBeLessThanOrEqual(1.005);
    });
  }
});

describe('typed Lloyd vs ml-kmeans from the same initial centres', () => {
  test.each([
    { n: 2000, d: 8, k: 5, seed: 1, spread: 2.5 },
    { n: 1500, d: 3, k: 7, seed: 2, spread: 1.5 },
    { n: 800, d: 13, k: 3, seed: 3, spread: 4 },
  ])('n=$n d=$d k=$k: same partition, same inertia', ({ n, d, k, seed, spread }) => {
    const data = blobs(n, d, k, seed, spread);
    const init = kmeansPlusPlus(data, n, d, k, createRng(seed));
    // Tolerance 0: both iterate until no label changes, so the fixed points must coincide.
    const ml = mlKmeans(toRows(data, n, d), k, { initialization: toRows(init, k, d), tolerance: 0, maxIterations: 1000 });
    const mlLabels = Int32Array.from(ml.clusters);
    const mlCentres = Float64Array.from(ml.centroids.flat());
    for (const accelerate of [false, true]) {
      const ours = lloyd(data, n, d, init, { maxIterations: 1000, shiftTolerance: 0, accelerate });
      expect(ours.converged).toBe(true);
      expect(Array.from(ours.assignments)).toEqual(Array.from(mlLabels));
      expect(Array.from(ours.centroids)).toEqual(Array.from(mlCentres));
      expect(ours.inertia).toBe(inertiaOf(data, n, d, mlLabels, mlCentres));
    }
    // The path kmeans() takes: seeding hands its nearest centres and bounds to Lloyd.
    const seeded = kmeansPlusPlusWithState(data, n, d, k, createRng(seed));
    expect(Array.from(seeded.centres)).toEqual(Array.from(init));
    const fromSeed = lloyd(data, n, d, seeded.centres, { maxIterations: 1000, shiftTolerance: 0, accelerate: true }, seeded.state);
    expect(Array.from(fromSeed.assignments)).toEqual(Array.from(mlLabels));
    expect(Array.from(fromSeed.centroids)).toEqual(Array.from(mlCentres));
    // The labels are not trivially equal: overlapping blobs need several iterations.
    expect(ml.iterations).toBeGreaterThan(2);
  });

  test("the 'ml-kmeans' implementation option reaches the same result as 'typed'", () => {
    const data = blobs(600, 4, 4, 9, 2);
    const a = kmeans(data, 600, 4, { k: 4, seed: 5, restarts: 3, tolerance: 0 });
    const b = kmeans(data, 600, 4, { k: 4, seed: 5, restarts: 3, tolerance: 0, implementation: 'ml-kmeans' });
    expect(Array.from(b.assignments)).toEqual(Array.from(a.assignments));
    expect(b.inertia).toBeCloseTo(a.inertia, 9);
  });
});

describe('k-means behaviour', () => {
  test('recovers well-separated blobs exactly and reports every restart', () => {
    const n = 900;
    const data = blobs(n, 2, 3, 11, 0.3, 10);
    const r = kmeans(data, n, 2, { k: 3, seed: 1, restarts: 4 });
    const truth = Int32Array.from({ length: n }, (_, i) => i % 3);
    expect(adjustedRandIndex(r.assignments, truth)).toBe(1);
    expect(r.restartInertias).toHaveLength(4);
    expect(r.inertia).toBe(Math.min(...r.restartInertias));
    expect(Array.from(r.sizes)).toEqual([300, 300, 300]);
    expect(r.converged).toBe(true);
  });

  test('property: same input and seed → identical output', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 2, max: 6 }), (seed, k) => {
        const data = blobs(200, 3, 4, seed, 2);
        const a = kmeans(data, 200, 3, { k, seed, restarts: 3 });
        const b = kmeans(data, 200, 3, { k, seed, restarts: 3 });
        expect(Array.from(a.assignments)).toEqual(Array.from(b.assignments));
        expect(Array.from(a.centroids)).toEqual(Array.from(b.centroids));
        expect(a.restartInertias).toEqual(b.restartInertias);
      }),
      { numRuns: 25 },
    );
  });

  test('property: shuffling rows does not change the partition', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 2, max: 5 }), (seed, k) => {
        const n = 150;
        const d = 3;
        const data = blobs(n, d, k, seed, 0.5, 8);
        const perm = Array.from({ length: n }, (_, i) => i);
        const rng = createRng(seed, 99);
        for (let i = n - 1; i > 0; i--) {
          const j = rng.int(i + 1);
          [perm[i], perm[j]] = [perm[j], perm[i]];
        }
        const shuffled = new Float64Array(n * d);
        perm.forEach((src, dst) => shuffled.set(data.subarray(src * d, src * d + d), dst * d));
        const a = kmeans(data, n, d, { k, seed, restarts: 10 });
        const b = kmeans(shuffled, n, d, { k, seed: seed + 1, restarts: 10 });
        const back = new Int32Array(n);
        perm.forEach((src, dst) => (back[src] = b.assignments[dst]));
        // Canonical numbering: the same partition gets the same cluster numbers.
        expect(Array.from(back)).toEqual(Array.from(a.assignments));
        expect(b.inertia).toBeCloseTo(a.inertia, 8);
      }),
      { numRuns: 20 },
    );
  });

  test('bad input gives typed errors', () => {
    const data = Float64Array.from([1, 2, 1, 2, 3, 4]);
    const code = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(EngineError);
        return `${(e as EngineError).code}: ${(e as EngineError).message}`;
      }
      return 'no error';
    };
    expect(code(() => kmeans(data, 3, 2, { k: 3, seed: 1 }))).toBe('K_TOO_LARGE: k = 3 but the data has only 2 distinct points');
    expect(code(() => kmeans(Float64Array.from([1, Number.NaN]), 1, 2, { k: 1, seed: 1 }))).toBe('NON_FINITE: row 0, column 1: value NaN is not a finite number');
    expect(code(() => kmeans(new Float64Array(0), 0, 2, { k: 1, seed: 1 }))).toMatch(/^EMPTY_INPUT/);
    expect(code(() => kmeans(data, 3, 2, { k: 0, seed: 1 }))).toMatch(/^INVALID_ARGUMENT: k must be a positive integer, got 0/);
    expect(code(() => kmeans(data, 3, 2, { k: 2, seed: 1, initialCentres: [[1, 2]] }))).toMatch(/^SHAPE_MISMATCH/);
  });
});
