import { describe, expect, test } from 'vitest';

import { labelClusters, runAbcdx } from './abcdx.js';
import type { ParameterSpec } from './prepare.js';

// Five hand-built groups of 50 customers, far apart, each with a symmetric
// jitter so the group median equals the listed value exactly.
// Value ranking (ltv, check up; cac down) is P > Q > R > S > T; Q grows fastest.
const GROUPS = {
  P: { ltv: 1000, check: 100, cac: 10, growth: 0.0 },
  Q: { ltv: 800, check: 80, cac: 20, growth: 0.3 },
  R: { ltv: 600, check: 60, cac: 30, growth: 0.05 },
  S: { ltv: 400, check: 40, cac: 40, growth: 0.02 },
  T: { ltv: 200, check: 20, cac: 50, growth: 0.01 },
} as const;
type Group = keyof typeof GROUPS;
const SIZE = 50;

function fixture() {
  const ids: string[] = [];
  const group: Group[] = [];
  const values: number[][] = [];
  const model: (string | null)[] = [];
  for (const g of Object.keys(GROUPS) as Group[]) {
    const m = GROUPS[g];
    for (let i = 0; i < SIZE; i++) {
      const jitter = ((i % 5) - 2) / 100; // −0.02 … +0.02, symmetric
      ids.push(`${g}${i}`);
      group.push(g);
      values.push([m.ltv * (1 + jitter), m.check * (1 + jitter), m.cac * (1 - jitter), m.growth + jitter / 100]);
      // P: 31 of 50 (62 %) B2B, then B2C, then unknown.
      model.push(g === 'P' ? (i < 31 ? 'B2B' : i < 45 ? 'B2C' : null) : i % 2 ? 'B2C' : 'B2B');
    }
  }
  return { input: { ids, columns: ['ltv', 'avg_check', 'cac', 'usage_growth'], values }, group, model };
}

const ltv: ParameterSpec = { column: 'ltv', direction: 'higher_better', transform: 'log1p', weight: 2, role: 'value', label: 'LTV' };
const check: ParameterSpec = { column: 'avg_check', direction: 'higher_better', transform: 'none', weight: 1, role: 'value', label: 'average check', labelRu: 'средний чек' };
const cac: ParameterSpec = { column: 'cac', direction: 'lower_better', transform: 'none', weight: 1, role: 'value', label: 'CAC' };
const growth: ParameterSpec = { column: 'usage_growth', direction: 'higher_better', transform: 'none', weight: 1, role: 'growth', label: 'usage growth', labelRu: 'рост использования' };

function labelOfGroup(run: ReturnType<typeof runAbcdx>, group: Group[]): Record<Group, string> {
  const out = {} as Record<Group, string>;
  run.ids.forEach((_, i) => {
    const g = group[i];
    if (out[g] === undefined) out[g] = run.labels[i];
    // Every member of a group gets the same label.
    expect(run.labels[i]).toBe(out[g]);
  });
  return out;
}

describe('ABCDX labelling on a hand-built fixture', () => {
  const { input, group, model } = fixture();
  const base = { standardise: 'zscore', missing: 'exclude', seed: 7 } as const;

  test('reusable Float64Array input gives the same run as row arrays (revenue read before the input is overwritten)', () => {
    const opts = { ...base, revenueColumn: 'ltv', attributes: { business_model: model } };
    const params = [ltv, check, cac, growth];
    const expected = runAbcdx(input, params, opts);
    const values = Float64Array.from(input.values.flat());
    const run = runAbcdx({ ids: input.ids, columns: input.columns, values, valuesReusable: true }, params, opts);
    expect(run.prepared.original.buffer).toBe(values.buffer);
    const { prepared: _p, ...rest } = run;
    const { prepared: _q, ...restExpected } = expected;
    expect(rest).toEqual(restExpected);
    // P's revenue is its 50 LTVs: 1000 × (1 + jitter), the jitter summing to 0 over the group.
    const p = run.clusters.find((c) => c.label === 'A')!;
    expect(p.revenue).toBeCloseTo(50 * 1000, 6);
    expect(p.revenueShare).toBeCloseTo(1000 / 3000, 9);
  });

  test('with a growth parameter: X is the fastest-growing cluster outside the top one', () => {
    const run = runAbcdx(input, [ltv, check, cac, growth], { ...base, revenueColumn: 'ltv', attributes: { business_model: model } });
    expect(labelOfGroup(run, group)).toEqual({ P: 'A', Q: 'X', R: 'B', S: 'C', T: 'D' });
    expect(run.clusters.map((c) => c.label)).toEqual(['A', 'B', 'C', 'D', 'X']);
    const [a, b, , , x] = run.clusters;
    expect(a.reason.en).toMatch(/^A: highest value score of 5 clusters \(\+\d\.\d\d\), driven by LTV \(median 1\.7× the base\)\.$/);
    expect(x.reason.en).toMatch(/^X: highest growth score outside A \(\+\d\.\d\d\), driven by usage growth \(median 15× the base\); its value ranks 2 of 5 \(\+\d\.\d\d\) — growth potential\.$/);
    expect(x.reason.ru).toContain('потенциал роста');
    expect(b.reason.en).toMatch(/^B: 3rd-highest value score/);
    // Profiles in original units: the jitter is symmetric, so medians are the group values.
    const ltvOf = (c: (typeof run.clusters)[number]) => c.profile.find((p) => p.column === 'ltv');
    expect(ltvOf(a)?.median).toBeCloseTo(1000, 9);
    expect(ltvOf(x)?.median).toBeCloseTo(800, 9);
    expect(ltvOf(a)?.p25).toBeCloseTo(990, 9);
    expect(ltvOf(a)?.p75).toBeCloseTo(1010, 9);
    expect(a.profile.find((p) => p.column === 'cac')?.median).toBeCloseTo(10, 9);
    // Revenue share of the ltv column: 1000 / (1000+800+600+400+200) of the total.
    expect(a.revenueShare).toBeCloseTo(1000 / 3000, 12);
    expect(x.revenueShare).toBeCloseTo(800 / 3000, 12);
    expect(a.size).toBe(50);
    expect(a.share).toBe(0.2);
    expect(a.description.en).toContain('62 % B2B');
    expect(a.description.en).toMatch(/^Typical customer \(A, 20 % of customers\): median /);
    expect(a.description.ru).toMatch(/^Типичный клиент \(A, 20 % клиентов\): медиана /);
    // Original-unit centroid of a log1p column is the back-transformed mean of log1p values.
    expect(a.centroidOriginal[0]).toBeGreaterThan(999);
    expect(a.centroidOriginal[0]).toBeLessThan(1001);
    expect(run.overlay?.[0].attribute).toBe('business_model');
    expect(run.overlay?.[0].values).toEqual(['B2B', 'B2C', 'unknown']);
  });

  test('without growth parameters: A–D are the top four by value and X the lowest', () => {
    const run = runAbcdx(input, [ltv, check, cac], base);
    expect(labelOfGroup(run, group)).toEqual({ P: 'A', Q: 'B', R: 'C', S: 'D', T: 'X' });
    const x = run.clusters[4];
    expect(x.growthScore).toBeNull();
    expect(x.reason.en).toMatch(/^X: lowest value score of 5 clusters \(−\d\.\d\d; LTV median 0\.33× the base\) — untapped potential\.$/);
  });

  test('a lower-is-better parameter reverses the ranking when it dominates', () => {
    const cacHeavy: ParameterSpec = { ...cac, weight: 5 };
    // Make cost rise with value: the best customers by check are also the most expensive to acquire.
    const flipped = { ...input, values: input.values.map((r) => [r[0], r[1], 60 - r[2], r[3]]) };
    const run = runAbcdx(flipped, [check, cacHeavy], base);
    expect(labelOfGroup(run, group)).toEqual({ P: 'X', Q: 'D', R: 'C', S: 'B', T: 'A' });
    // Same data with cac declared higher-is-better: the ranking follows check and cac together.
    const asHigher = runAbcdx(flipped, [check, { ...cacHeavy, direction: 'higher_better' }], base);
    expect(labelOfGroup(asHigher, group)).toEqual({ P: 'A', Q: 'B', R: 'C', S: 'D', T: 'X' });
    expect(run.clusters[0].reason.en).toContain('lower is better');
  });

  test('k ≠ 5 ranks clusters 1…k by value', () => {
    const run = runAbcdx(input, [ltv, check, cac], { ...base, k: 3 });
    expect(run.clusters.map((c) => c.label)).toEqual(['1', '2', '3']);
    expect(run.clusters[0].valueScore).toBeGreaterThan(run.clusters[1].valueScore);
    expect(run.clusters[1].valueScore).toBeGreaterThan(run.clusters[2].valueScore);
  });
});

describe('labelClusters', () => {
  test('rules on bare scores, ties to the lower index', () => {
    expect(labelClusters([3, 1, 2, 0, -1], null)).toEqual(['A', 'C', 'B', 'D', 'X']);
    // Cluster 0 is top by value so cannot be X despite growing fastest; X is cluster 2.
    expect(labelClusters([3, 1, 2, 0, -1], [9, 0, 5, 1, 0])).toEqual(['A', 'B', 'X', 'C', 'D']);
    expect(labelClusters([1, 1, 1, 1, 1], null)).toEqual(['A', 'B', 'C', 'D', 'X']);
    expect(labelClusters([0.5, 2], null)).toEqual(['2', '1']);
  });
});
