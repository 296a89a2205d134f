import { kmeans as mlKmeans } from 'ml-kmeans';

import { EngineError, describeValue } from './errors.js';
import { createRng, type Rng } from './random.js';

export const KMEANS_IMPLEMENTATIONS = ['typed', 'ml-kmeans'] as const;
export type KmeansImplementation = (typeof KMEANS_IMPLEMENTATIONS)[number];

export interface KmeansOptions {
  k: number;
  seed: number;
  /** Independent k-means++ starts; the lowest inertia wins (default 10). */
  restarts?: number;
  /** Lloyd iterations per start (default 300). */
  maxIterations?: number;
  /**
   * Relative tolerance (default 1e-4): a start has converged when the total
   * squared movement of the centres in one iteration is ≤ tolerance × the mean
   * column variance of the data (scikit-learn's definition), so no centre moved
   * more than that. 0 means "until no customer changes cluster".
   */
  tolerance?: number;
  /** Start from these centres (k × d, row-major) instead of k-means++; implies one start. */
  initialCentres?: Float64Array | ReadonlyArray<ReadonlyArray<number>>;
  /** 'typed' (default): flat typed-array Lloyd with Elkan bounds; 'ml-kmeans': the reference library. */
  implementation?: KmeansImplementation;
  /** Use Elkan's triangle-inequality bounds to skip distance computations (default true; same partition). */
  accelerate?: boolean;
}

export interface KmeansResult {
  /** Cluster of each row, 0..k-1; clusters are numbered by their centroids in lexicographic order. */
  assignments: Int32Array;
  /** k × d row-major, in the space of the input data. */
  centroids: Float64Array;
  sizes: Int32Array;
  /** Sum of squared distances of rows to their centroid. */
  inertia: number;
  /** Iterations of the winning start. */
  iterations: number;
  converged: boolean;
  /** Final inertia of every start, in start order. */
  restartInertias: number[];
  bestRestart: number;
  k: number;
  d: number;
}

/** Result of one Lloyd run from given centres (before canonical renumbering). */
export interface LloydResult {
  assignments: Int32Array;
  centroids: Float64Array;
  inertia: number;
  iterations: number;
  converged: boolean;
}

export interface LloydOptions {
  maxIterations: number;
  /** Absolute threshold on the total squared centre shift. */
  shiftTolerance: number;
  accelerate: boolean;
}

/** Mean over columns of the population variance: the scale that makes the tolerance relative. */
export function meanColumnVariance(data: Float64Array, n: number, d: number): number {
  const mu = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) mu[t] += data[i * d + t];
  for (let t = 0; t < d; t++) mu[t] /= n;
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < d; t++) {
      const v = data[i * d + t] - mu[t];
      s += v * v;
    }
  }
  return s / (n * d);
}

/** Number of distinct rows, counting only up to `limit` (cheap: stops as soon as `limit` are found). */
export function countDistinctRows(data: Float64Array, n: number, d: number, limit: number): number {
  const found: number[] = [];
  for (let i = 0; i < n && found.length < limit; i++) {
    let isNew = true;
    for (const f of found) {
      let same = true;
      for (let t = 0; t < d; t++) {
        if (data[i * d + t] !== data[f * d + t]) {
          same = false;
          break;
        }
      }
      if (same) {
        isNew = false;
        break;
      }
    }
    if (isNew) found.push(i);
  }
  return found.length;
}

/** Throws the engine's typed errors for a data/k combination k-means cannot handle. */
export function validateKmeansInput(data: Float64Array, n: number, d: number, k: number): void {
  if (!Number.isInteger(n) || !Number.isInteger(d) || n <= 0 || d <= 0) {
    throw new EngineError('EMPTY_INPUT', `k-means needs at least one row and one column, got ${describeValue(n)} × ${describeValue(d)}`);
  }
  if (data.length !== n * d) {
    throw new EngineError('SHAPE_MISMATCH', `data has ${data.length} values but n × d = ${n} × ${d} = ${n * d}`);
  }
  if (!Number.isInteger(k) || k < 1) {
    throw new EngineError('INVALID_ARGUMENT', `k must be a positive integer, got ${describeValue(k)}`, { value: k });
  }
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new EngineError('NON_FINITE', `row ${Math.floor(i / d)}, column ${i % d}: value ${describeValue(data[i])} is not a finite number`, { row: Math.floor(i / d), value: data[i] });
    }
  }
  const distinct = countDistinctRows(data, n, d, k);
  if (distinct < k) {
    throw new EngineError('K_TOO_LARGE', `k = ${k} but the data has only ${distinct} distinct point${distinct === 1 ? '' : 's'}`, { value: k });
  }
}

/** Where seeding left every row: its nearest chosen centre and the squared distance to it. */
export interface SeedState {
  nearest: Int32Array;
  closest: Float64Array;
  /** n × k lower bounds on the distance from each row to each centre (float32, rounded down). */
  lower: Float32Array;
}

/** Squared distance between row i of `a` and row j of `b` (both d wide), unrolled by 4. */
function dist2(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
  const ao = i * d;
  const bo = j * d;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = 0;
  for (; t + 3 < d; t += 4) {
    const v0 = a[ao + t] - b[bo + t];
    const v1 = a[ao + t + 1] - b[bo + t + 1];
    const v2 = a[ao + t + 2] - b[bo + t + 2];
    const v3 = a[ao + t + 3] - b[bo + t + 3];
    s0 += v0 * v0;
    s1 += v1 * v1;
    s2 += v2 * v2;
    s3 += v3 * v3;
  }
  let s = s0 + s1 + (s2 + s3);
  for (; t < d; t++) {
    const v = a[ao + t] - b[bo + t];
    s += v * v;
  }
  return s;
}

/**
 * Same distance summed strictly left to right, exactly as ml-kmeans computes it
 * (used where decisions must match plain Lloyd bit for bit). Unrolled by 4
 * without reassociating, so the rounding is that of the simple loop.
 */
function dist2Sequential(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
  const ao = i * d;
  const bo = j * d;
  let s = 0;
  let t = 0;
  for (; t + 3 < d; t += 4) {
    const v0 = a[ao + t] - b[bo + t];
    const v1 = a[ao + t + 1] - b[bo + t + 1];
    const v2 = a[ao + t + 2] - b[bo + t + 2];
    const v3 = a[ao + t + 3] - b[bo + t + 3];
    s += v0 * v0;
    s += v1 * v1;
    s += v2 * v2;
    s += v3 * v3;
  }
  for (; t < d; t++) {
    const v = a[ao + t] - b[bo + t];
    s += v * v;
  }
  return s;
}

/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii; scikit-learn's variant):
 * each new centre is the best of 2 + ⌊ln k⌋ candidates drawn with probability
 * proportional to the squared distance to the nearest chosen centre. Rows whose
 * nearest centre is at least twice as far from the candidate as from them are
 * skipped (triangle inequality), which changes no result.
 */
export function kmeansPlusPlus(data: Float64Array, n: number, d: number, k: number, rng: Rng): Float64Array {
  return kmeansPlusPlusWithState(data, n, d, k, rng).centres;
}

/** {@link kmeansPlusPlus} that also returns what seeding learnt about every row, so Lloyd can skip its first full pass. */
/**
 * Per-row buffers of seeding, reusable from one start to the next (every cell
 * is written before it is read). At 1M rows they are ~56 MB per start: allocating
 * them anew for each of 10 restarts left hundreds of MB for the allocator and
 * the garbage collector to return, and the API's RSS grew past 1 GiB.
 */
export interface SeedScratch {
  closest: Float64Array;
  nearest: Int32Array;
  candDist: Float64Array;
  lower: Float32Array;
}

export function createSeedScratch(n: number, k: number): SeedScratch {
  const trials = 2 + Math.floor(Math.log(k));
  return { closest: new Float64Array(n), nearest: new Int32Array(n), candDist: new Float64Array(trials * n), lower: new Float32Array(n * k) };
}

export function kmeansPlusPlusWithState(data: Float64Array, n: number, d: number, k: number, rng: Rng, scratch?: SeedScratch): { centres: Float64Array; state: SeedState } {
  const centres = new Float64Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  const s0 = scratch && scratch.closest.length === n && scratch.lower.length === n * k ? scratch : createSeedScratch(n, k);
  const closest = s0.closest;
  const nearest = s0.nearest;
  nearest.fill(0);
  // Squared distance from each row to each candidate of the current step, −1 where the triangle inequality ruled it out.
  const candDist = s0.candDist;
  const lower = s0.lower;
  const toCand = new Float64Array(trials * k);
  const candIdx = new Int32Array(trials);
  const candPot = new Float64Array(trials);
  const thresholds = new Float64Array(trials);
  const halfD = d >> 1;
  const first = rng.int(n);
  centres.set(data.subarray(first * d, first * d + d), 0);
  let pot = 0;
  for (let i = 0; i < n; i++) {
    const s = dist2(data, i, centres, 0, d);
    closest[i] = s;
    lower[i * k] = down32(Math.sqrt(s));
    pot += s;
  }
  for (let c = 1; c < k; c++) {
    // All candidates of a step are drawn from the same distribution: find them in one scan.
    for (let t = 0; t < trials; t++) thresholds[t] = pot > 0 ? rng.next() * pot : -1;
    const order = Array.from({ length: trials }, (_, t) => t).sort((x, y) => thresholds[x] - thresholds[y]);
    let o = 0;
    while (o < trials && thresholds[order[o]] < 0) candIdx[order[o++]] = rng.int(n);
    let acc = 0;
    for (let i = 0; i < n && o < trials; i++) {
      acc += closest[i];
      while (o < trials && acc > thresholds[order[o]]) candIdx[order[o++]] = i;
    }
    // Rounding can leave a threshold beyond the last partial sum: take the last row with weight.
    for (; o < trials; o++) candIdx[order[o]] = n - 1;
    for (let t = 0; t < trials; t++) {
      let idx = candIdx[t];
      while (idx > 0 && closest[idx] === 0 && pot > 0) idx--;
      candIdx[t] = idx;
      for (let j = 0; j < c; j++) toCand[t * k + j] = dist2(data, idx, centres, j, d);
    }
    candPot.fill(0);
    for (let i = 0; i < n; i++) {
      const near = nearest[i];
      const ci = closest[i];
      for (let t = 0; t < trials; t++) {
        // ‖cand − centre‖ ≥ 2‖x − centre‖ ⇒ ‖x − cand‖ ≥ ‖x − centre‖: the candidate cannot be nearer.
        if (toCand[t * k + near] > 4 * ci * BOUND_SLACK) {
          candDist[t * n + i] = -1;
          candPot[t] += ci;
          continue;
        }
        // Partial distance: once the first half already exceeds the nearest centre, the candidate
        // cannot win; the partial sum is still a valid lower bound for Lloyd.
        const ao = i * d;
        const bo = candIdx[t] * d;
        let s = 0;
        for (let q = 0; q < halfD; q++) {
          const v = data[ao + q] - data[bo + q];
          s += v * v;
        }
        if (s < ci) {
          for (let q = halfD; q < d; q++) {
            const v = data[ao + q] - data[bo + q];
            s += v * v;
          }
        }
        candDist[t * n + i] = s;
        candPot[t] += s < ci ? s : ci;
      }
    }
    let bt = 0;
    for (let t = 1; t < trials; t++) if (candPot[t] < candPot[bt]) bt = t;
    const idx = candIdx[bt];
    centres.set(data.subarray(idx * d, idx * d + d), c * d);
    const off = bt * n;
    const tk = bt * k;
    for (let i = 0; i < n; i++) {
      const s = candDist[off + i];
      const ci = closest[i];
      if (s < 0) {
        lower[i * k + c] = down32((Math.sqrt(toCand[tk + nearest[i]]) - Math.sqrt(ci)) * BOUND_MARGIN);
      } else {
        lower[i * k + c] = down32(Math.sqrt(s));
        if (s < ci) {
          closest[i] = s;
          nearest[i] = c;
        }
      }
    }
    pot = candPot[bt];
  }
  return { centres, state: { nearest, closest, lower } };
}

// Relative slack on triangle-inequality tests: a shortcut is taken only when it
// wins by more than float rounding could hide, so results are exactly those of
// the plain computation (first minimum wins on ties).
const BOUND_SLACK = 1 + 1e-9;
const BOUND_MARGIN = 1 - 1e-9;

// Bounds are stored as float32 (half the memory traffic per pass, which is what
// limits the bounded step), always rounded in the safe direction: a lower bound
// down, an upper bound up, by more than float32's half-ulp.
const F32_DOWN = 1 - 2 ** -22;
/** A float32 ≤ v, for v ≥ 0. */
const down32 = (v: number): number => Math.fround(v * F32_DOWN);
/** A float32 ≥ w, for any sign of w. */
const up32 = (w: number): number => Math.fround(w + Math.abs(w) * 2 ** -22);

interface LloydState {
  data: Float64Array;
  n: number;
  d: number;
  k: number;
  centres: Float64Array;
  labels: Int32Array;
  upper: Float32Array;
  lower: Float32Array;
  sums: Float64Array;
  counts: Int32Array;
  move: Float64Array;
  half: Float64Array;
  /** Half the centre-to-centre distances, k × k. */
  cc: Float64Array;
  /** Cumulative movement of each centre since the start (see assignBounded). */
  drift: Float64Array;
}

/** Exact nearest centre of every row (first minimum wins), with exact distances as bounds. */
function assignAll(st: LloydState): number {
  const { data, n, d, k, centres, labels, upper, lower, drift } = st;
  let changed = 0;
  for (let i = 0; i < n; i++) {
    let b1 = Infinity;
    let a = 0;
    for (let j = 0; j < k; j++) {
      const s = dist2Sequential(data, i, centres, j, d);
      lower[i * k + j] = down32(Math.sqrt(s) + drift[j]);
      if (s < b1) {
        b1 = s;
        a = j;
      }
    }
    if (labels[i] !== a) changed++;
    labels[i] = a;
    upper[i] = up32(Math.sqrt(b1) * BOUND_SLACK - drift[a]);
  }
  return changed;
}

/** Cluster sums and sizes from scratch, in row order (ml-kmeans' summation order). */
function recomputeSums(st: LloydState): void {
  const { data, n, d, labels, sums, counts } = st;
  sums.fill(0);
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const a = labels[i];
    counts[a]++;
    const cb = a * d;
    const off = i * d;
    for (let t = 0; t < d; t++) sums[cb + t] += data[off + t];
  }
}

/**
 * Elkan's step: every row keeps an upper bound on the distance to its centre
 * and a lower bound per other centre; a distance is computed only when the
 * bounds (and half the centre-to-centre distance) cannot rule the centre out.
 * Decisions between computed distances compare the same squared sums as plain
 * Lloyd, first index winning ties, so the partition is Lloyd's. Moves between
 * clusters update the sums incrementally.
 *
 * Bounds are stored relative to each centre's cumulative movement (`drift`):
 * the true lower bound is `lower − drift[j]` and the true upper bound
 * `upper + drift[a]`, so a row that is skipped costs two reads and no writes.
 */
function assignBounded(st: LloydState): number {
  const { data, n, d, k, centres, labels, upper, lower, sums, counts, half, cc, drift } = st;
  for (let j = 0; j < k; j++) {
    let m = Infinity;
    for (let h = 0; h < k; h++) {
      if (h === j) {
        cc[j * k + h] = 0;
        continue;
      }
      const q = Math.sqrt(dist2(centres, j, centres, h, d));
      cc[j * k + h] = 0.5 * q * BOUND_MARGIN;
      if (q < m) m = q;
    }
    half[j] = 0.5 * m * BOUND_MARGIN;
  }
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const a0 = labels[i];
    let u = (upper[i] + drift[a0]) * BOUND_SLACK;
    if (u < half[a0]) continue;
    const lo = i * k;
    let a = a0;
    let tight = false;
    let ua2 = 0;
    for (let j = 0; j < k; j++) {
      if (j === a) continue;
      const lj = lower[lo + j] - drift[j];
      if (u < lj || u < cc[a * k + j]) continue;
      if (!tight) {
        ua2 = dist2Sequential(data, i, centres, a, d);
        u = Math.sqrt(ua2);
        lower[lo + a] = down32(u + drift[a]);
        tight = true;
        if (u < lj || u < cc[a * k + j]) continue;
      }
      const dj2 = dist2Sequential(data, i, centres, j, d);
      const dj = Math.sqrt(dj2);
      lower[lo + j] = down32(dj + drift[j]);
      if (dj2 < ua2 || (dj2 === ua2 && j < a)) {
        a = j;
        ua2 = dj2;
        u = dj;
      }
    }
    if (tight) upper[i] = up32(u * BOUND_SLACK - drift[a]);
    if (a !== a0) {
      changed++;
      labels[i] = a;
      counts[a0]--;
      counts[a]++;
      const off = i * d;
      const ca = a0 * d;
      const cb = a * d;
      for (let t = 0; t < d; t++) {
        sums[ca + t] -= data[off + t];
        sums[cb + t] += data[off + t];
      }
    }
  }
  return changed;
}

/** Moves every centre to the mean of its rows; re-seeds empty clusters. Returns the total squared shift. */
function updateCentres(st: LloydState): { shift: number; reseeded: boolean } {
  const { data, n, d, k, centres, labels, sums, counts, move } = st;
  let shift = 0;
  let reseeded = false;
  for (let j = 0; j < k; j++) {
    const cb = j * d;
    let s = 0;
    if (counts[j] > 0) {
      for (let t = 0; t < d; t++) {
        const c = sums[cb + t] / counts[j];
        const v = c - centres[cb + t];
        s += v * v;
        centres[cb + t] = c;
      }
    } else {
      // Empty cluster: move it to the row farthest from its own centre (as scikit-learn does).
      let far = 0;
      let farDist = -1;
      for (let i = 0; i < n; i++) {
        if (counts[labels[i]] <= 1) continue;
        const q = dist2(data, i, centres, labels[i], d);
        if (q > farDist) {
          farDist = q;
          far = i;
        }
      }
      counts[labels[far]]--;
      labels[far] = j;
      counts[j] = 1;
      for (let t = 0; t < d; t++) {
        const v = data[far * d + t] - centres[cb + t];
        s += v * v;
        centres[cb + t] = data[far * d + t];
      }
      reseeded = true;
    }
    move[j] = Math.sqrt(s);
    st.drift[j] += move[j];
    shift += s;
  }
  return { shift, reseeded };
}

/**
 * Per-row arrays of one Lloyd run that a caller may lend it (every cell is
 * written before it is read); the result's `assignments` is then `labels`.
 * k-means keeps two sets — the best start's and the current one's — instead of
 * allocating n-sized arrays for every restart (80 MB of garbage over 10
 * restarts at 1M rows).
 */
export interface LloydBuffers {
  labels: Int32Array;
  upper: Float32Array;
}

export function createLloydBuffers(n: number): LloydBuffers {
  return { labels: new Int32Array(n), upper: new Float32Array(n) };
}

/**
 * Lloyd's algorithm on a flat row-major Float64Array from the given centres
 * (copied, not modified): assign every row to its nearest centre, move every
 * centre to the mean of its rows, stop when the total squared move is ≤
 * `shiftTolerance` or no row changes cluster. As in ml-kmeans, the labels are
 * those of the last assignment and the centroids are the exact means of those
 * labels. With `accelerate`, Elkan's bounds skip distance computations that
 * cannot change a label: the partition is the same as plain Lloyd's (first
 * minimum wins on ties). Empty clusters are re-seeded with the row farthest
 * from its centre.
 */
export function lloyd(data: Float64Array, n: number, d: number, initialCentres: Float64Array, options: LloydOptions, seed?: SeedState, buffers?: LloydBuffers): LloydResult {
  const k = initialCentres.length / d;
  const own = buffers && buffers.labels.length === n && buffers.upper.length === n ? buffers : null;
  const st: LloydState = {
    data,
    n,
    d,
    k,
    centres: Float64Array.from(initialCentres),
    labels: own ? own.labels.fill(-1) : new Int32Array(n).fill(-1),
    upper: own ? own.upper : new Float32Array(n),
    lower: seed && options.accelerate ? seed.lower : new Float32Array(n * k),
    sums: new Float64Array(k * d),
    counts: new Int32Array(k),
    move: new Float64Array(k),
    half: new Float64Array(k),
    cc: new Float64Array(k * k),
    drift: new Float64Array(k),
  };
  if (seed && options.accelerate) {
    // Seeding already knows each row's nearest centre and bounds to the others (it may reuse its arrays).
    st.labels.set(seed.nearest);
    for (let i = 0; i < n; i++) st.upper[i] = up32(Math.sqrt(seed.closest[i]) * BOUND_SLACK);
  } else assignAll(st);
  recomputeSums(st);
  let iterations = 0;
  let converged = false;
  while (iterations < options.maxIterations) {
    const { shift, reseeded } = updateCentres(st);
    iterations++;
    if (reseeded) {
      assignAll(st);
      recomputeSums(st);
      continue;
    }
    if (shift <= options.shiftTolerance) {
      converged = true;
      break;
    }
    let changed: number;
    if (options.accelerate) changed = assignBounded(st);
    else {
      changed = assignAll(st);
      recomputeSums(st);
    }
    if (changed === 0) {
      // Same labels → the next update would give the same centres: a fixed point.
      converged = true;
      break;
    }
  }
  // Exact means of the final labels (incremental sums drift by rounding only).
  recomputeSums(st);
  for (let j = 0; j < k; j++) {
    if (st.counts[j] === 0) continue;
    for (let t = 0; t < d; t++) st.centres[j * d + t] = st.sums[j * d + t] / st.counts[j];
  }
  return { assignments: st.labels, centroids: st.centres, inertia: inertiaOf(data, n, d, st.labels, st.centres), iterations, converged };
}

/** Sum of squared distances of every row to the centre of its cluster. */
export function inertiaOf(data: Float64Array, n: number, d: number, labels: Int32Array, centres: Float64Array): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const cb = labels[i] * d;
    const off = i * d;
    let s = 0;
    for (let t = 0; t < d; t++) {
      const v = data[off + t] - centres[cb + t];
      s += v * v;
    }
    total += s;
  }
  return total;
}

/** Nearest centre of each row (first minimum wins), e.g. to place new customers into an existing run. */
export function assignToCentres(data: Float64Array, n: number, d: number, centres: Float64Array): Int32Array {
  const k = centres.length / d;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    let a = 0;
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) {
        const v = data[i * d + t] - centres[j * d + t];
        s += v * v;
      }
      if (s < best) {
        best = s;
        a = j;
      }
    }
    out[i] = a;
  }
  return out;
}

/** Converts row arrays to a flat row-major Float64Array. */
export function toFlat(rows: ReadonlyArray<ReadonlyArray<number>>, d: number): Float64Array {
  const out = new Float64Array(rows.length * d);
  rows.forEach((r, i) => {
    if (r.length !== d) throw new EngineError('SHAPE_MISMATCH', `row ${i} has ${r.length} values, expected ${d}`, { row: i });
    out.set(r, i * d);
  });
  return out;
}

/** Converts a flat row-major array to row arrays (what ml-kmeans takes). */
export function toRows(data: Float64Array, n: number, d: number): number[][] {
  const rows = new Array<number[]>(n);
  for (let i = 0; i < n; i++) rows[i] = Array.from(data.subarray(i * d, i * d + d));
  return rows;
}

/**
 * One Lloyd run with the reference library `ml-kmeans` from the given centres.
 * ml-kmeans' tolerance is an absolute bound on each centre's squared move; we
 * pass the same absolute shift threshold the typed path uses.
 */
export function lloydWithMlKmeans(data: Float64Array, n: number, d: number, initialCentres: Float64Array, options: LloydOptions): LloydResult {
  const k = initialCentres.length / d;
  const rows = toRows(data, n, d);
  const result = mlKmeans(rows, k, {
    initialization: toRows(initialCentres, k, d),
    maxIterations: options.maxIterations,
    tolerance: options.shiftTolerance,
  });
  const assignments = Int32Array.from(result.clusters);
  const centroids = toFlat(result.centroids, d);
  return { assignments, centroids, inertia: inertiaOf(data, n, d, assignments, centroids), iterations: result.iterations, converged: result.converged };
}

/** Renumbers clusters by lexicographic centroid order so equal partitions get equal numbers. */
function canonicalise(r: LloydResult, n: number, d: number, k: number): { assignments: Int32Array; centroids: Float64Array; sizes: Int32Array } {
  const order = Array.from({ length: k }, (_, j) => j).sort((x, y) => {
    for (let t = 0; t < d; t++) {
      const dv = r.centroids[x * d + t] - r.centroids[y * d + t];
      if (dv !== 0) return dv;
    }
    return x - y;
  });
  const rank = new Int32Array(k);
  order.forEach((old, neu) => (rank[old] = neu));
  const assignments = new Int32Array(n);
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    assignments[i] = rank[r.assignments[i]];
    sizes[assignments[i]]++;
  }
  const centroids = new Float64Array(k * d);
  order.forEach((old, neu) => centroids.set(r.centroids.subarray(old * d, old * d + d), neu * d));
  return { assignments, centroids, sizes };
}

/** The validated settings every start of one k-means call shares (see {@link planKmeans}). */
export interface KmeansPlan {
  k: number;
  seed: number;
  /** Starts of the call: `restarts`, or 1 with initial centres. */
  starts: number;
  implementation: KmeansImplementation;
  lloyd: LloydOptions;
  /** The given initial centres (k × d), or null for k-means++ starts. */
  initialCentres: Float64Array | null;
}

/**
 * Checks the options and the data once and derives what every start needs
 * (the absolute shift tolerance from the data's mean column variance). Throws
 * the engine's typed errors.
 */
export function planKmeans(data: Float64Array, n: number, d: number, options: KmeansOptions): KmeansPlan {
  const { k, seed } = options;
  const restarts = options.restarts ?? 10;
  const maxIterations = options.maxIterations ?? 300;
  const tolerance = options.tolerance ?? 1e-4;
  const implementation = options.implementation ?? 'typed';
  if (!Number.isFinite(seed)) throw new EngineError('INVALID_ARGUMENT', `seed must be a finite number, got ${describeValue(seed)}`, { value: seed });
  if (!Number.isInteger(restarts) || restarts < 1) throw new EngineError('INVALID_ARGUMENT', `restarts must be an integer ≥ 1, got ${describeValue(restarts)}`, { value: restarts });
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new EngineError('INVALID_ARGUMENT', `maxIterations must be an integer ≥ 1, got ${describeValue(maxIterations)}`, { value: maxIterations });
  if (!(tolerance >= 0) || !Number.isFinite(tolerance)) throw new EngineError('INVALID_ARGUMENT', `tolerance must be ≥ 0, got ${describeValue(tolerance)}`, { value: tolerance });
  if (!(KMEANS_IMPLEMENTATIONS as readonly string[]).includes(implementation)) {
    throw new EngineError('INVALID_ARGUMENT', `unknown implementation ${describeValue(implementation)}`, { value: implementation });
  }
  validateKmeansInput(data, n, d, k);
  let initialCentres: Float64Array | null = null;
  if (options.initialCentres) {
    initialCentres = options.initialCentres instanceof Float64Array ? options.initialCentres : toFlat(options.initialCentres, d);
    if (initialCentres.length !== k * d) {
      throw new EngineError('SHAPE_MISMATCH', `initialCentres has ${initialCentres.length / d} centres of ${d} values, expected k = ${k}`);
    }
  }
  return {
    k,
    seed,
    starts: initialCentres ? 1 : restarts,
    implementation,
    lloyd: { maxIterations, shiftTolerance: tolerance * meanColumnVariance(data, n, d), accelerate: options.accelerate ?? true },
    initialCentres,
  };
}

/** What some of a call's starts gave: the best of them and the final inertia of each. */
export interface KmeansStartsOutcome {
  /** Index of the best of these starts (lowest inertia; the earliest start wins ties). */
  bestStart: number;
  best: LloydResult;
  /** [start index, final inertia] of every start run, in the order run. */
  inertias: Array<[number, number]>;
}

/**
 * Runs the given starts of a planned call (indices in 0..plan.starts − 1, taken
 * one at a time, so they may be claimed from a counter shared with other threads; start
 * r seeds k-means++ from stream r of the seed, so it gives the same result in
 * any thread and in any order). Starts can be split between threads and the
 * parts joined with {@link combineKmeansStarts}: the result is the one
 * {@link kmeans} gives.
 */
export function runKmeansStarts(data: Float64Array, n: number, d: number, plan: KmeansPlan, starts: Iterable<number>): KmeansStartsOutcome {
  const { k } = plan;
  const typed = plan.implementation === 'typed';
  const run = typed ? lloyd : lloydWithMlKmeans;
  const inertias: Array<[number, number]> = [];
  let best: LloydResult | null = null;
  let bestStart = -1;
  // Seeding buffers shared by every start (Lloyd copies `nearest` and only reads/updates `lower` during its own start).
  const scratch = plan.initialCentres ? undefined : createSeedScratch(n, k);
  // Lloyd's per-row arrays: the best start's and the current start's, swapped when a start wins
  // (allocated when a start needs them, so a winning last start leaves no spare set behind).
  let current: LloydBuffers | undefined;
  let bestBuffers: LloydBuffers | undefined;
  for (const r of starts) {
    if (!Number.isInteger(r) || r < 0 || r >= plan.starts) throw new EngineError('INVALID_ARGUMENT', `start ${describeValue(r)} is not one of 0..${plan.starts - 1}`, { value: r });
    let result: LloydResult;
    if (plan.initialCentres) result = run(data, n, d, plan.initialCentres, plan.lloyd);
    else {
      const seeded = kmeansPlusPlusWithState(data, n, d, k, createRng(plan.seed, r), scratch);
      if (typed) current ??= createLloydBuffers(n);
      result = typed ? lloyd(data, n, d, seeded.centres, plan.lloyd, seeded.state, current) : run(data, n, d, seeded.centres, plan.lloyd);
    }
    inertias.push([r, result.inertia]);
    if (!best || result.inertia < best.inertia || (result.inertia === best.inertia && r < bestStart)) {
      best = result;
      bestStart = r;
      if (current) {
        const previous = bestBuffers;
        bestBuffers = current;
        current = previous;
      }
    }
  }
  if (!best) throw new EngineError('INVALID_ARGUMENT', 'no k-means start was run');
  return { bestStart, best, inertias };
}

/**
 * Joins the outcomes of a call's starts (every start exactly once, in any
 * split) into the call's result: the lowest inertia wins, the earliest start on
 * ties, and clusters are renumbered canonically.
 */
export function combineKmeansStarts(parts: readonly KmeansStartsOutcome[], n: number, d: number, plan: KmeansPlan): KmeansResult {
  const restartInertias = new Array<number>(plan.starts);
  const seen = new Set<number>();
  let win: KmeansStartsOutcome | null = null;
  for (const part of parts) {
    for (const [r, inertia] of part.inertias) {
      if (seen.has(r)) throw new EngineError('INVALID_ARGUMENT', `start ${r} was run twice`, { value: r });
      seen.add(r);
      restartInertias[r] = inertia;
    }
    if (!win || part.best.inertia < win.best.inertia || (part.best.inertia === win.best.inertia && part.bestStart < win.bestStart)) win = part;
  }
  if (!win || seen.size !== plan.starts) throw new EngineError('INVALID_ARGUMENT', `${seen.size} of ${plan.starts} k-means starts were run`);
  const canon = canonicalise(win.best, n, d, plan.k);
  return {
    assignments: canon.assignments,
    centroids: canon.centroids,
    sizes: canon.sizes,
    inertia: win.best.inertia,
    iterations: win.best.iterations,
    converged: win.best.converged,
    restartInertias,
    bestRestart: win.bestStart,
    k: plan.k,
    d,
  };
}

/**
 * k-means on a flat row-major matrix: `restarts` independent greedy k-means++
 * starts from a seeded PRNG (start r uses stream r of `seed`), Lloyd iterations
 * to convergence, lowest inertia kept (the earliest start wins ties). Same data,
 * options and seed → identical result.
 */
export function kmeans(data: Float64Array, n: number, d: number, options: KmeansOptions): KmeansResult {
  const plan = planKmeans(data, n, d, options);
  const all = Array.from({ length: plan.starts }, (_, r) => r);
  return combineKmeansStarts([runKmeansStarts(data, n, d, plan, all)], n, d, plan);
}
