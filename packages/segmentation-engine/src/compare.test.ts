import { describe, expect, test } from 'vitest';

import { compareRuns } from './compare.js';
import { EngineError } from './errors.js';
import { adjustedRandIndex } from './metrics.js';
import { pca2d } from './pca.js';
import { chooseK } from './choose-k.js';

describe('compareRuns', () => {
  const a = { ids: ['c1', 'c2', 'c3', 'c4', 'c5'], labels: ['A', 'A', 'B', 'X', 'B'] };
  const b = { ids: ['c2', 'c3', 'c4', 'c5', 'c6'], labels: ['A', 'A', 'X', 'B', 'C'] };

  test('migration matrix with value sums, entrants, leavers', () => {
    const revenue = new Map([['c2', 100], ['c3', 250], ['c4', 10], ['c5', 40], ['c6', 5]]);
    const cmp = compareRuns(a, b, revenue);
    expect(cmp.labelsA).toEqual(['A', 'B', 'X']);
    expect(cmp.labelsB).toEqual(['A', 'B', 'C', 'X']);
    expect(cmp.counts).toEqual([
      [1, 0, 0, 0],
      [1, 1, 0, 0],
      [0, 0, 0, 1],
    ]);
    expect(cmp.valueSums).toEqual([
      [100, 0, 0, 0],
      [250, 40, 0, 0],
      [0, 0, 0, 10],
    ]);
    expect(cmp.common).toBe(4);
    expect(cmp.unchanged).toBe(3);
    expect(cmp.entrants).toEqual({ count: 1, byLabel: { C: 1 }, ids: ['c6'] });
    expect(cmp.leavers).toEqual({ count: 1, byLabel: { A: 1 }, ids: ['c1'] });
    // common: a = A,B,X,B ; b = A,A,X,B
    expect(cmp.adjustedRandIndex).toBeCloseTo(adjustedRandIndex(['A', 'B', 'X', 'B'], ['A', 'A', 'X', 'B']), 15);
    // A value array is aligned with b.ids.
    expect(compareRuns(a, b, [100, 250, 10, 40, 5]).valueSums).toEqual(cmp.valueSums);
  });

  test('duplicate ids are rejected', () => {
    expect(() => compareRuns({ ids: ['x', 'x'], labels: ['A', 'B'] }, b)).toThrow(EngineError);
  });
});

describe('adjustedRandIndex', () => {
  test('matches scikit-learn and ignores label names', () => {
    // sklearn.metrics.adjusted_rand_score([0,0,1,1,2,2,2,0],[1,1,0,0,2,2,0,0])
    expect(adjustedRandIndex([0, 0, 1, 1, 2, 2, 2, 0], [1, 1, 0, 0, 2, 2, 0, 0])).toBeCloseTo(0.18181818181818182, 14);
    expect(adjustedRandIndex([0, 0, 1, 1], ['b', 'b', 'a', 'a'])).toBe(1);
    expect(adjustedRandIndex([0, 0, 0], [1, 1, 1])).toBe(1);
  });
});

describe('pca2d', () => {
  test('points on a line: one component explains everything', () => {
    const data = Float64Array.from([0, 0, 1, 2, 2, 4, 3, 6]);
    const p = pca2d({ data, n: 4, d: 2 });
    expect(p.explainedVarianceRatio[0]).toBeCloseTo(1, 12);
    expect(p.explainedVarianceRatio[1]).toBeCloseTo(0, 12);
    expect(p.components[0]).toBeCloseTo(1 / Math.sqrt(5), 12);
    expect(p.components[1]).toBeCloseTo(2 / Math.sqrt(5), 12);
    expect(p.coordinates[0]).toBeCloseTo(-1.5 * Math.sqrt(5), 12);
    expect(p.explainedVariance[0]).toBeCloseTo(1.25 * 5, 12);
  });

  test('axis-aligned spread: components are the axes, variance of the coordinates matches', () => {
    // rows (−3,0,0) (0,3,0) (0,0,1) (0,0,−1)
    const data = Float64Array.from([-3, 0, 0, 0, 3, 0, 0, 0, 1, 0, 0, -1]);
    const p = pca2d({ data, n: 4, d: 3 });
    const varX = [0, 1, 2, 3].reduce((s, i) => s + p.coordinates[i * 2] ** 2, 0) / 4;
    expect(varX).toBeCloseTo(p.explainedVariance[0], 12);
    expect(p.explainedVariance[0]).toBeGreaterThanOrEqual(p.explainedVariance[1]);
  });
});

describe('chooseK', () => {
  test('silhouette matches scikit-learn on a small set', () => {
    const pts = [[0, 0], [0, 1], [1, 0], [5, 5], [5, 6], [6, 5], [10, 0], [10, 1]];
    const data = Float64Array.from(pts.flat());
    const res = chooseK({ data, n: 8, d: 2 }, { seed: 1, kMin: 2, kMax: 4, restarts: 5 });
    expect(res.points.map((p) => p.k)).toEqual([2, 3, 4]);
    const k3 = res.points[1];
    expect(k3.sizes.slice().sort()).toEqual([2, 3, 3]);
    // sklearn.metrics.silhouette_score(X, [0,0,0,1,1,1,2,2])
    expect(k3.silhouette).toBeCloseTo(0.8381087202020668, 12);
    expect(res.bestBySilhouette).toBe(3);
    expect(res.points[0].inertia).toBeGreaterThan(res.points[1].inertia);
  });
});
