/** Plain numeric helpers shared by the engine. All ignore nothing: callers filter NaN first. */

/** Sorts a copy ascending. */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * Quantile of already sorted values with linear interpolation between order
 * statistics (Hyndman–Fan type 7): the default of numpy, R and PostgreSQL's
 * `percentile_cont`, so figures agree with what analysts compute elsewhere.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  if (n === 1) return sorted[0];
  const pos = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  const frac = pos - lo;
  return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
}

/** Median of unsorted values. */
export function median(values: ArrayLike<number>): number {
  return quantileSorted(sortedCopy(values), 0.5);
}

/** Arithmetic mean. */
export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/** Population variance (ddof = 0), two-pass for accuracy. */
export function populationVariance(values: ArrayLike<number>, mu = mean(values)): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    const dlt = values[i] - mu;
    s += dlt * dlt;
  }
  return s / values.length;
}

/** n choose 2. */
export function comb2(n: number): number {
  return (n * (n - 1)) / 2;
}
