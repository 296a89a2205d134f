// Bundled by Vite for the browser (and run as-is in Node for the reference figure).
import { gaussianBlobs, kmeans, prepareMatrix, reweightPrepared, runAbcdx } from '@cxs/segmentation-engine';

/** 5,000 × 8, k = 5, 10 restarts: the live-preview workload. Returns ms per repetition and the inertia. */
export function runBench(reps) {
  const n = 5000;
  const d = 8;
  const data = gaussianBlobs(n, d, 5, 42);
  const times = [];
  let inertia = 0;
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    inertia = kmeans(data, n, d, { k: 5, seed: 42 + r, restarts: 10 }).inertia;
    times.push(performance.now() - t);
  }
  return { times, inertia };
}

/**
 * The preview's redraw after a weight change, 5,000 × 15 with k = 5 and 3
 * restarts (the editor's default model): "cold" prepares the matrix again
 * (read, clip, log1p, z-score, then k-means and labels: what the preview did
 * before), "warm" re-weights the cached prepared matrix (what it does now).
 * Each repetition changes one weight. Returns ms per repetition of each and
 * the cluster sizes of the last repetition (equal on both paths).
 */
export function runRedrawBench(reps) {
  const n = 5000;
  const d = 15;
  const blobs = gaussianBlobs(n, d, 5, 7);
  // Skewed, positive columns like money and counts; a few missing cells.
  const columns = Array.from({ length: d }, (_, j) => `f${j}`);
  const values = Array.from({ length: n }, (_, i) => columns.map((_, j) => (i % 97 === j ? null : j % 3 === 0 ? Math.exp(blobs[i * d + j]) : blobs[i * d + j])));
  const input = { ids: Array.from({ length: n }, (_, i) => String(i)), columns, values };
  const base = columns.map((c, j) => ({ column: c, direction: j === 4 ? 'lower_better' : 'higher_better', transform: j % 3 === 0 ? 'log1p' : 'none', clip: { lower: 1, upper: 99 }, weight: 1, role: j >= 13 ? 'growth' : 'value' }));
  const options = { standardise: 'zscore', missing: 'impute_median', k: 5, seed: 42, restarts: 3 };
  const weightsAt = (r) => base.map((p, j) => ({ ...p, weight: j === r % d ? 1 + (r % 4) : 1 }));
  const cold = [];
  const warm = [];
  let sizesCold = '';
  let sizesWarm = '';
  let prepared = prepareMatrix(input, base, options);
  for (let r = 0; r < reps; r++) {
    const params = weightsAt(r);
    let t = performance.now();
    const a = runAbcdx(input, params, options);
    cold.push(performance.now() - t);
    t = performance.now();
    prepared = reweightPrepared(prepared, params);
    const b = runAbcdx(input, params, { ...options, prepared });
    warm.push(performance.now() - t);
    sizesCold = a.clusters.map((c) => `${c.label}:${c.size}`).join(',');
    sizesWarm = b.clusters.map((c) => `${c.label}:${c.size}`).join(',');
  }
  return { cold, warm, sizesCold, sizesWarm };
}

globalThis.runBench = runBench;
globalThis.runRedrawBench = runRedrawBench;
