import { describe, expect, test } from 'vitest';

import { marketOverlay } from './overlay.js';
import { chiSquareSurvival, logGamma, regularisedGammaQ } from './special.js';

describe('chi-square survival (regularised incomplete gamma)', () => {
  // Expected values from scipy.stats.chi2.sf.
  test.each([
    [3.841458820694124, 1, 0.04999999999999989],
    [18.307038053275146, 10, 0.05000000000000005],
    [100, 50, 3.454931382984871e-5],
    [0.5, 3, 0.9188914116546758],
    [250, 200, 0.009379131668826098],
    [1e-3, 2, 0.9995001249791693],
    [72.23148148148148, 4, 7.668160932652775e-15],
  ])('χ² = %f, df = %i → p = %e', (x, df, p) => {
    expect(chiSquareSurvival(x, df) / p).toBeCloseTo(1, 9);
  });

  test('log-gamma and edge cases', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(regularisedGammaQ(1, 2)).toBeCloseTo(Math.exp(-2), 14); // Q(1, x) = e^−x
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(chiSquareSurvival(5, 0)).toBe(1);
  });
});

describe('marketOverlay', () => {
  // 3 clusters × 3 industries, counts [[30,10,5],[10,25,15],[5,5,40]]; reference: scipy chi2_contingency(correction=False).
  const table = [
    [30, 10, 5],
    [10, 25, 15],
    [5, 5, 40],
  ];
  const clusters: string[] = [];
  const industry: (string | null)[] = [];
  const names = ['IT', 'Retail', 'Logistics'];
  table.forEach((row, c) => row.forEach((count, v) => {
    for (let i = 0; i < count; i++) {
      clusters.push(['A', 'B', 'C'][c]);
      industry.push(names[v]);
    }
  }));

  test('counts, shares, lift, adjusted residuals, chi-square, p-value and Cramér\'s V', () => {
    const [o] = marketOverlay(clusters, { industry });
    expect(o.clusters).toEqual(['A', 'B', 'C']);
    expect(o.values).toEqual(['IT', 'Logistics', 'Retail']);
    expect(o.counts).toEqual([
      [30, 5, 10],
      [10, 15, 25],
      [5, 40, 5],
    ]);
    expect(o.chiSquare).toBeCloseTo(72.23148148148148, 10);
    expect(o.degreesOfFreedom).toBe(4);
    expect(o.pValue / 7.668160932652775e-15).toBeCloseTo(1, 8);
    expect(o.cramersV).toBeCloseTo(0.49907321514390457, 12);
    const cell = (c: string, v: string) => o.cells.find((x) => x.cluster === c && x.value === v);
    // Residuals from numpy: (O−E)/√(E(1−r/N)(1−c/N)).
    expect(cell('A', 'IT')?.residual).toBeCloseTo(6.221491, 5);
    expect(cell('A', 'Retail')?.residual).toBeCloseTo(-0.96944, 5);
    expect(cell('B', 'IT')?.residual).toBeCloseTo(-2.083632, 5);
    expect(cell('C', 'Logistics')?.residual).toBeCloseTo(6.850309, 5);
    expect(cell('A', 'IT')).toMatchObject({ count: 30, expected: 45 * 45 / 145, rowShare: 30 / 45, colShare: 30 / 45, flag: 'anomaly', direction: 'over' });
    expect(cell('A', 'IT')?.lift).toBeCloseTo((30 / 45) / (45 / 145), 12);
    expect(cell('B', 'IT')).toMatchObject({ flag: 'pattern', direction: 'under' });
    expect(cell('A', 'Retail')).toMatchObject({ flag: 'none', direction: 'none' });
    expect(o.flagged[0]).toMatchObject({ cluster: 'C', value: 'Logistics' });
    expect(o.flagged).toHaveLength(8);
  });

  test('missing values become "unknown" and sort last; a single column gives df 0', () => {
    const [o] = marketOverlay([0, 0, 1, 1], { size: ['S', null, '', 'S'] });
    expect(o.values).toEqual(['S', 'unknown']);
    expect(o.counts).toEqual([[1, 1], [1, 1]]);
    const [single] = marketOverlay([0, 1, 1], { region: ['EU', 'EU', 'EU'] });
    expect(single.degreesOfFreedom).toBe(0);
    expect(single.pValue).toBe(1);
    expect(single.cramersV).toBe(0);
    expect(single.cells.every((c) => c.residual === 0)).toBe(true);
  });
});
