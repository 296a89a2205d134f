import { kmeans } from 'ml-kmeans';
import { describe, expect, it } from 'vitest';
import { behaviourFeatures, FEATURE_NAMES, type BehaviourFeatures } from './features.js';
import { generateDemoCompany } from './index.js';

// Which features get log1p before standardising (skewed money and counts).
const LOG_FEATURES = new Set<string>(['avg_check', 'frequency', 'ltv', 'arpu_month', 'cac', 'active_users_last', 'expansion_count', 'recency_days']);
// Weights applied after z-scoring (all 1: the data must separate without tuning).
const WEIGHTS: Record<string, number> = Object.fromEntries(FEATURE_NAMES.map((f) => [f, 1]));

export function adjustedRandIndex(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  const pairs = new Map<string, number>();
  const rows = new Map<string | number, number>();
  const cols = new Map<string | number, number>();
  for (let i = 0; i < a.length; i++) {
    const k = `${a[i]}\u0000${b[i]}`;
    pairs.set(k, (pairs.get(k) ?? 0) + 1);
    rows.set(a[i], (rows.get(a[i]) ?? 0) + 1);
    cols.set(b[i], (cols.get(b[i]) ?? 0) + 1);
  }
  const c2 = (n: number): number => (n * (n - 1)) / 2;
  let index = 0;
  for (const n of pairs.values()) index += c2(n);
  let sa = 0;
  for (const n of rows.values()) sa += c2(n);
  let sb = 0;
  for (const n of cols.values()) sb += c2(n);
  const expected = (sa * sb) / c2(a.length);
  const max = (sa + sb) / 2;
  return (index - expected) / (max - expected);
}

export function featureMatrix(features: BehaviourFeatures[]): number[][] {
  const npsKnown = features.flatMap((f) => (f.nps === null ? [] : [f.nps])).sort((x, y) => x - y);
  const npsMedian = npsKnown.length > 0 ? npsKnown[Math.floor(npsKnown.length / 2)] : 0;
  const columns = FEATURE_NAMES.map((name) =>
    features.map((f) => {
      const v = name === 'nps' ? (f.nps ?? npsMedian) : (f[name] as number);
      return LOG_FEATURES.has(name) ? Math.log1p(Math.max(0, v)) : v;
    }),
  );
  const z = columns.map((col, j) => {
    const mean = col.reduce((s, x) => s + x, 0) / col.length;
    const sd = Math.sqrt(col.reduce((s, x) => s + (x - mean) ** 2, 0) / col.length) || 1;
    const w = WEIGHTS[FEATURE_NAMES[j]];
    // Clip outliers at ±3 sd so a handful of refund-heavy customers cannot claim a cluster.
    return col.map((x) => Math.max(-3, Math.min(3, (x - mean) / sd)) * w);
  });
  return features.map((_, i) => z.map((col) => col[i]));
}

function inertia(data: number[][], clusters: number[], centroids: number[][]): number {
  let s = 0;
  for (let i = 0; i < data.length; i++) {
    const c = centroids[clusters[i]];
    for (let j = 0; j < c.length; j++) s += (data[i][j] - c[j]) ** 2;
  }
  return s;
}

/** k-means with k-means++ initialisation, best of `restarts` seeded runs. */
export function bestKmeans(data: number[][], k: number, restarts = 10): number[] {
  let best: { clusters: number[]; inertia: number } | undefined;
  for (let seed = 1; seed <= restarts; seed++) {
    const r = kmeans(data, k, { initialization: 'kmeans++', seed, maxIterations: 300 });
    const e = inertia(data, r.clusters, r.centroids);
    if (!best || e < best.inertia) best = { clusters: r.clusters, inertia: e };
  }
  return best!.clusters;
}

describe('hidden types are separable from behaviour', () => {
  it('k-means on 15 z-scored features (log1p money) recovers the 5 hidden types with ARI ≥ 0.85', () => {
    const company = generateDemoCompany({ seed: 42, customers: 5000 });
    const features = behaviourFeatures(company.options.endDate, company.customers(), company.transactions(), company.usage(), company.surveys());
    const truthById = new Map<string, string>();
    for (const h of company.hiddenTypes()) truthById.set(h.customer_external_id, h.hidden_type);
    const truth = features.map((f) => truthById.get(`C-${String(f.customer_id).padStart(6, '0')}`)!);
    const clusters = bestKmeans(featureMatrix(features), 5);
    const ari = adjustedRandIndex(truth, clusters);
    // Cross-tab for the log: which cluster took which type.
    const tab = new Map<string, number>();
    truth.forEach((t, i) => tab.set(`${t}→${clusters[i]}`, (tab.get(`${t}→${clusters[i]}`) ?? 0) + 1));
    console.log(`ARI = ${ari.toFixed(4)}`, Object.fromEntries([...tab].sort()));
    expect(ari).toBeGreaterThanOrEqual(0.85);
  }, 120_000);
});
