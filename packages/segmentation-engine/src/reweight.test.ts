import { describe, expect, test } from 'vitest';

import { runAbcdx } from './abcdx.js';
import { prepareMatrix, type ParameterSpec } from './prepare.js';
import { preparationKey, reweightPrepared } from './reweight.js';
import { createRng } from './random.js';

// 400 customers × 4 columns with skew, a missing cell every 37 rows and a few outliers.
function input() {
  const rng = createRng(7);
  const rnd = () => rng.next();
  const ids: string[] = [];
  const values: (number | null)[][] = [];
  for (let i = 0; i < 400; i++) {
    ids.push(`c${i}`);
    const g = i % 5;
    values.push([Math.exp(3 + g + rnd()), i % 37 === 0 ? null : 10 * g + 5 * rnd(), (i % 50 === 0 ? 40 : 1) * rnd(), rnd() - 0.5 + g / 10]);
  }
  return { ids, columns: ['ltv', 'freq', 'refunds', 'growth'], values };
}
const base: ParameterSpec[] = [
  { column: 'ltv', direction: 'higher_better', transform: 'log1p', clip: { lower: 1, upper: 99 }, weight: 1, role: 'value' },
  { column: 'freq', direction: 'higher_better', transform: 'none', weight: 1, role: 'value' },
  { column: 'refunds', direction: 'lower_better', transform: 'none', clip: { lower: 5, upper: 95 }, weight: 1, role: 'value' },
  { column: 'growth', direction: 'higher_better', transform: 'none', weight: 1, role: 'growth' },
];
const reweighted = base.map((p, j) => ({ ...p, weight: [2.5, 0.5, 0, 4][j] }));
const options = { standardise: 'robust', missing: 'impute_median' } as const;

describe('reweightPrepared', () => {
  test('gives exactly the matrix a fresh preparation with the new weights gives', () => {
    const fresh = prepareMatrix(input(), reweighted, options);
    const reused = reweightPrepared(prepareMatrix(input(), base, options), reweighted);
    expect(Array.from(reused.data)).toEqual(Array.from(fresh.data));
    expect(reused.stats.map((s) => [s.weight, s.scaleWeight])).toEqual([[2.5, Math.sqrt(2.5)], [0.5, Math.sqrt(0.5)], [0, 0], [4, 2]]);
    // The weighted cell is the standardised one × √weight (hand-checked on one cell).
    expect(reused.data[1 * 4 + 3]).toBeCloseTo(reused.standardised[1 * 4 + 3] * 2, 12);
  });

  test('a run on the reweighted matrix equals a run prepared from scratch', () => {
    const opts = { ...options, k: 5, seed: 11, restarts: 3 };
    const fresh = runAbcdx(input(), reweighted, opts);
    const reused = runAbcdx(input(), reweighted, { ...opts, prepared: reweightPrepared(prepareMatrix(input(), base, options), reweighted) });
    expect(reused.clusters.map((c) => [c.label, c.size, c.profile.map((p) => p.median)])).toEqual(fresh.clusters.map((c) => [c.label, c.size, c.profile.map((p) => p.median)]));
    expect(Array.from(reused.assignments)).toEqual(Array.from(fresh.assignments));
  });

  test('refuses parameters prepared differently, and all-zero weights', () => {
    const prepared = prepareMatrix(input(), base, options);
    const otherClip = base.map((p, j) => (j === 0 ? { ...p, clip: { lower: 5, upper: 95 } } : p));
    expect(preparationKey(otherClip, options)).not.toBe(preparationKey(base, options));
    expect(() => reweightPrepared(prepared, otherClip)).toThrow(/prepare the matrix again/);
    expect(() => reweightPrepared(prepared, base.map((p) => ({ ...p, weight: 0 })))).toThrow(/all parameter weights are 0/);
    // Direction and role only score clusters: they keep the key.
    expect(preparationKey(base.map((p) => ({ ...p, direction: 'neutral', role: 'growth' })), options)).toBe(preparationKey(base, options));
  });
});
