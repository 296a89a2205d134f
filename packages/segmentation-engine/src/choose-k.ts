import { EngineError, describeValue } from './errors.js';
import { countDistinctRows, kmeans, type KmeansImplementation } from './kmeans.js';
import { sampleIndices } from './random.js';

export interface ChooseKOptions {
  seed: number;
  kMin?: number;
  kMax?: number;
  restarts?: number;
  maxIterations?: number;
  tolerance?: number;
  /** Silhouette is computed on a seeded sample of at most this many rows (default 5000). */
  sampleSize?: number;
  implementation?: KmeansImplementation;
}

export interface ChooseKPoint {
  k: number;
  inertia: number;
  /** Mean silhouette over the sample (−1..1; higher = better separated). */
  silhouette: number;
  sizes: number[];
}

export interface ChooseKResult {
  points: ChooseKPoint[];
  sampleSize: number;
  /** k with the highest mean silhouette (a suggestion, not a rule). */
  bestBySilhouette: number;
}

/**
 * Inertia (full data) and mean silhouette (seeded sample of ≤ 5,000 rows,
 * Euclidean distance in the weighted space) for k = kMin…kMax (default 2…10),
 * to help choose k. Values of k above the number of distinct rows are skipped.
 */
export function chooseK(prepared: { data: Float64Array; n: number; d: number }, options: ChooseKOptions): ChooseKResult {
  const { data, n, d } = prepared;
  const kMin = options.kMin ?? 2;
  const kMax = options.kMax ?? 10;
  if (!Number.isInteger(kMin) || !Number.isInteger(kMax) || kMin < 2 || kMax < kMin) {
    throw new EngineError('INVALID_ARGUMENT', `k range must be integers with 2 ≤ kMin ≤ kMax, got ${describeValue(kMin)}..${describeValue(kMax)}`);
  }
  if (n === 0) throw new EngineError('EMPTY_INPUT', 'chooseK needs at least one row');
  const distinct = countDistinctRows(data, n, d, kMax);
  if (distinct < kMin) throw new EngineError('K_TOO_LARGE', `k = ${kMin} but the data has only ${distinct} distinct point${distinct === 1 ? '' : 's'}`, { value: kMin });
  const ks: number[] = [];
  for (let k = kMin; k <= Math.min(kMax, distinct); k++) ks.push(k);
  const runs = ks.map((k) =>
    kmeans(data, n, d, { k, seed: options.seed, restarts: options.restarts ?? 10, maxIterations: options.maxIterations, tolerance: options.tolerance, implementation: options.implementation }),
  );

  const sample = sampleIndices(n, Math.min(n, options.sampleSize ?? 5000), options.seed);
  const s = sample.length;
  // One pass over sample pairs serves every k: distance sums per (row, cluster) for each run.
  const offsets: number[] = [];
  let total = 0;
  for (const k of ks) {
    offsets.push(total);
    total += s * k;
  }
  const sums = new Float64Array(total);
  const labels = runs.map((r) => Int32Array.from(sample, (i) => r.assignments[i]));
  for (let a = 0; a < s; a++) {
    const ia = sample[a] * d;
    for (let b = a + 1; b < s; b++) {
      const ib = sample[b] * d;
      let q = 0;
      for (let t = 0; t < d; t++) {
        const v = data[ia + t] - data[ib + t];
        q += v * v;
      }
      const dist = Math.sqrt(q);
      for (let r = 0; r < ks.length; r++) {
        const k = ks[r];
        const off = offsets[r];
        sums[off + a * k + labels[r][b]] += dist;
        sums[off + b * k + labels[r][a]] += dist;
      }
    }
  }
  const points = ks.map((k, r) => {
    const counts = new Array<number>(k).fill(0);
    for (let a = 0; a < s; a++) counts[labels[r][a]]++;
    let sil = 0;
    for (let a = 0; a < s; a++) {
      const own = labels[r][a];
      // A cluster of one in the sample scores 0 (Rousseeuw's convention, as in scikit-learn).
      if (counts[own] <= 1) continue;
      const off = offsets[r] + a * k;
      const ai = sums[off + own] / (counts[own] - 1);
      let bi = Infinity;
      for (let c = 0; c < k; c++) {
        if (c === own || counts[c] === 0) continue;
        const m = sums[off + c] / counts[c];
        if (m < bi) bi = m;
      }
      if (!Number.isFinite(bi)) continue;
      const denom = Math.max(ai, bi);
      sil += denom > 0 ? (bi - ai) / denom : 0;
    }
    return { k, inertia: runs[r].inertia, silhouette: sil / s, sizes: Array.from(runs[r].sizes) };
  });
  const best = points.reduce((acc, p) => (p.silhouette > acc.silhouette ? p : acc), points[0]);
  return { points, sampleSize: s, bestBySilhouette: best.k };
}
