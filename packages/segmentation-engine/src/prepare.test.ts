import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

import { EngineError } from './errors.js';
import { prepareMatrix, toOriginalUnits, type ParameterSpec } from './prepare.js';

const spec = (column: string, extra: Partial<ParameterSpec> = {}): ParameterSpec => ({ column, direction: 'higher_better', transform: 'none', weight: 1, role: 'value', ...extra });

function errorOf(f: () => unknown): EngineError {
  try {
    f();
  } catch (e) {
    if (e instanceof EngineError) return e;
    throw e;
  }
  throw new Error('expected an EngineError');
}

describe('prepareMatrix', () => {
  test('z-score uses the population SD and multiplies by √weight', () => {
    const p = prepareMatrix({ ids: ['a', 'b', 'c', 'd'], columns: ['x', 'y'], values: [[1, 10], [2, 10], [3, 20], [4, 20]] }, [spec('x', { weight: 4 }), spec('y')], { standardise: 'zscore', missing: 'exclude' });
    const sd = Math.sqrt(1.25);
    expect(p.stats[0].centre).toBe(2.5);
    expect(p.stats[0].scale).toBeCloseTo(sd, 15);
    expect(Array.from(p.standardised.filter((_, i) => i % 2 === 0))).toEqual([-1.5 / sd, -0.5 / sd, 0.5 / sd, 1.5 / sd]);
    expect(p.data[0]).toBeCloseTo((2 * -1.5) / sd, 15);
    expect(p.data[1]).toBe(-1);
    // The weighted squared distance: Σ w_j (z_aj − z_bj)².
    const dist = (i: number, j: number) => (p.data[i * 2] - p.data[j * 2]) ** 2 + (p.data[i * 2 + 1] - p.data[j * 2 + 1]) ** 2;
    expect(dist(0, 3)).toBeCloseTo(4 * (3 / sd) ** 2 + 1 * 2 ** 2, 12);
  });

  test('robust uses median/IQR, min–max maps to 0..1, log1p before standardising', () => {
    const values = [[0], [1], [3], [7], [15]];
    const robust = prepareMatrix({ ids: ['a', 'b', 'c', 'd', 'e'], columns: ['x'], values }, [spec('x')], { standardise: 'robust', missing: 'exclude' });
    expect(robust.stats[0].centre).toBe(3);
    expect(robust.stats[0].scale).toBe(6); // p75 7 − p25 1
    const minmax = prepareMatrix({ ids: ['a', 'b', 'c', 'd', 'e'], columns: ['x'], values }, [spec('x', { transform: 'log1p' })], { standardise: 'minmax', missing: 'exclude' });
    expect(Array.from(minmax.standardised)).toEqual([0, 0.25, 0.5, 0.75, 1]); // log2-spaced values: log1p makes them even
    expect(toOriginalUnits(minmax.stats[0], 0.5)).toBeCloseTo(3, 12);
  });

  test('robust falls back to 1.349·SD when the IQR is 0', () => {
    const p = prepareMatrix({ ids: ['a', 'b', 'c', 'd', 'e', 'f'], columns: ['x'], values: [[1], [1], [1], [1], [1], [7]] }, [spec('x')], { standardise: 'robust', missing: 'exclude' });
    expect(p.stats[0].scaleFallback).toBe('sd');
    expect(p.stats[0].scale).toBeCloseTo(1.349 * Math.sqrt(5), 12);
  });

  test('missing values: median imputation and exclusion are both reported per column', () => {
    const input = { ids: ['a', 'b', 'c', 'd', 'e', 'f'], columns: ['x', 'y'], values: [[1, null], [2, 5], [null, 6], [10, null], [4, 8], [6, 9]] };
    const imputed = prepareMatrix(input, [spec('x'), spec('y')], { standardise: 'zscore', missing: 'impute_median' });
    expect(imputed.n).toBe(6);
    expect(imputed.stats.map((s) => s.imputedWith)).toEqual([4, 7]);
    expect(imputed.missing.perColumn).toEqual([
      { column: 'x', missing: 1, imputed: 1, excluded: 0 },
      { column: 'y', missing: 2, imputed: 2, excluded: 0 },
    ]);
    expect(Number.isNaN(imputed.original[2 * 2])).toBe(true); // profiles see the imputed cell as missing
    const excluded = prepareMatrix(input, [spec('x'), spec('y')], { standardise: 'zscore', missing: 'exclude' });
    expect(excluded.ids).toEqual(['b', 'e', 'f']);
    expect(excluded.missing.excludedIds).toEqual(['a', 'c', 'd']);
    expect(excluded.missing.perColumn.map((c) => c.excluded)).toEqual([1, 2]);
  });

  test('Float64Array input with a missing mask', () => {
    const p = prepareMatrix(
      { ids: ['a', 'b', 'c'], columns: ['x'], values: Float64Array.from([1, 999, 3]), missingMask: Uint8Array.from([0, 1, 0]) },
      [spec('x')],
      { standardise: 'minmax', missing: 'impute_median' },
    );
    expect(Array.from(p.standardised)).toEqual([0, 0.5, 1]);
  });

  test('reusable Float64Array input: prepared in its own memory, same matrix as a copy', () => {
    // Input 4 wide (x, y, z, w), parameters z, x in that order: the raw matrix is rows of (z, x).
    const cells = [
      [1, 10, 100, 7],
      [2, 20, 999, 7],
      [3, 30, 300, 7],
      [4, 40, 400, 7],
    ];
    const flat = () => Float64Array.from(cells.flat());
    const mask = Uint8Array.from([0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]); // row 1's z is missing
    const params = [spec('z'), spec('x', { weight: 4 })];
    for (const missing of ['impute_median', 'exclude'] as const) {
      const opts = { standardise: 'zscore', missing } as const;
      const copy = prepareMatrix({ ids: ['a', 'b', 'c', 'd'], columns: ['x', 'y', 'z', 'w'], values: flat(), missingMask: mask }, params, opts);
      const values = flat();
      const reused = prepareMatrix({ ids: ['a', 'b', 'c', 'd'], columns: ['x', 'y', 'z', 'w'], values, missingMask: mask, valuesReusable: true }, params, opts);
      expect(reused.ids).toEqual(copy.ids);
      expect(Array.from(reused.original)).toEqual(Array.from(copy.original));
      expect(Array.from(reused.standardised)).toEqual(Array.from(copy.standardised));
      expect(Array.from(reused.data)).toEqual(Array.from(copy.data));
      expect(reused.stats).toEqual(copy.stats);
      expect(reused.missing).toEqual(copy.missing);
      if (missing === 'impute_median') {
        // Every row kept: `original` is the input's memory, holding (z, x) per row, NaN where z was missing.
        expect(reused.original.buffer).toBe(values.buffer);
        expect(Array.from(reused.original)).toEqual([100, 1, Number.NaN, 2, 300, 3, 400, 4]);
        expect(reused.stats[0].imputedWith).toBe(300);
      } else {
        expect(reused.ids).toEqual(['a', 'c', 'd']);
        expect(Array.from(reused.original)).toEqual([100, 1, 300, 3, 400, 4]);
      }
    }
  });

  test('clipping winsorises at percentiles of the observed values', () => {
    const values = Array.from({ length: 101 }, (_, i) => [i === 100 ? 1e6 : i]);
    const p = prepareMatrix({ ids: values.map((_, i) => `c${i}`), columns: ['x'], values }, [spec('x', { clip: { lower: 1, upper: 99 } })], { standardise: 'minmax', missing: 'exclude' });
    expect(p.stats[0].clipLower).toBe(1);
    expect(p.stats[0].clipUpper).toBe(99);
    expect([p.stats[0].clippedLow, p.stats[0].clippedHigh]).toEqual([1, 1]);
    expect(p.stats[0].centre).toBe(1);
    expect(p.stats[0].scale).toBe(98);
  });

  test('property: z-scored columns have mean 0 and SD 1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -1e8, max: 1e8 }).map((x) => x / 7), fc.integer({ min: 0, max: 1e4 })), { minLength: 2, maxLength: 60 }),
        (rows) => {
          fc.pre(new Set(rows.map((r) => r[0])).size > 1 && new Set(rows.map((r) => r[1])).size > 1);
          const p = prepareMatrix({ ids: rows.map((_, i) => String(i)), columns: ['a', 'b'], values: rows }, [spec('a'), spec('b', { transform: 'log1p' })], { standardise: 'zscore', missing: 'exclude' });
          for (let j = 0; j < 2; j++) {
            let s = 0;
            let q = 0;
            for (let i = 0; i < p.n; i++) s += p.standardised[i * 2 + j];
            const m = s / p.n;
            for (let i = 0; i < p.n; i++) q += (p.standardised[i * 2 + j] - m) ** 2;
            expect(Math.abs(m)).toBeLessThan(1e-9);
            expect(Math.sqrt(q / p.n)).toBeCloseTo(1, 9);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  test('bad input → typed errors naming the column or value', () => {
    const opts = { standardise: 'zscore', missing: 'exclude' } as const;
    const ids = ['a', 'b', 'c'];
    let e = errorOf(() => prepareMatrix({ ids, columns: ['x'], values: [[1], [Number.NaN], [3]] }, [spec('x')], opts));
    expect([e.code, e.message]).toEqual(['NON_FINITE', 'column "x", row 1 (id "b"): value NaN is not a finite number (use null for a missing value)']);
    e = errorOf(() => prepareMatrix({ ids, columns: ['x'], values: [[1], [Infinity], [3]] }, [spec('x')], opts));
    expect([e.code, e.message]).toEqual(['NON_FINITE', 'column "x", row 1 (id "b"): value Infinity is not a finite number']);
    e = errorOf(() => prepareMatrix({ ids, columns: ['x', 'k'], values: [[1, 7], [2, 7], [3, 7]] }, [spec('x'), spec('k')], opts));
    expect([e.code, e.message]).toEqual(['CONSTANT_COLUMN', 'column "k" is constant (every kept value is 7) and cannot be standardised; drop it or fix the data']);
    e = errorOf(() => prepareMatrix({ ids, columns: ['x'], values: [[1], [2], [3]] }, [spec('x', { weight: 0 })], opts));
    expect(e.code).toBe('ALL_WEIGHTS_ZERO');
    expect(e.message).toContain('all parameter weights are 0 (x)');
    e = errorOf(() => prepareMatrix({ ids: [], columns: ['x'], values: [] }, [spec('x')], opts));
    expect([e.code, e.message]).toEqual(['EMPTY_INPUT', 'the input has no customers']);
    e = errorOf(() => prepareMatrix({ ids, columns: ['x'], values: [[1], [2], [3]] }, [spec('ltv')], opts));
    expect([e.code, e.message, e.details.column]).toEqual(['UNKNOWN_COLUMN', 'unknown column "ltv"; the input has "x"', 'ltv']);
    e = errorOf(() => prepareMatrix({ ids, columns: ['x'], values: [[1], [-2], [3]] }, [spec('x', { transform: 'log1p' })], opts));
    expect([e.code, e.message]).toEqual(['OUT_OF_DOMAIN', 'column "x", id "b": log1p needs values > -1, got -2']);
    e = errorOf(() => prepareMatrix({ ids, columns: ['x'], values: [[null], [null], [3]] }, [spec('x')], { standardise: 'zscore', missing: 'impute_median' }));
    expect(e.code).toBe('CONSTANT_COLUMN');
    e = errorOf(() => prepareMatrix({ ids, columns: ['x'], values: [[1], [2], [3]] }, [spec('x', { weight: -1 })], opts));
    expect([e.code, e.message]).toEqual(['INVALID_ARGUMENT', 'column "x": weight must be a finite number ≥ 0, got -1']);
  });
});
