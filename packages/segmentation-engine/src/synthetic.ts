import { createRng } from './random.js';

/**
 * Seeded Gaussian blobs (k overlapping centres in d dimensions, z-scored per
 * column) for benchmarks: the Node bench and the browser bench measure the same data.
 */
export function gaussianBlobs(n: number, d: number, k: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => rng.normal() * 1.5));
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = centres[rng.int(k)];
    for (let t = 0; t < d; t++) out[i * d + t] = c[t] + rng.normal();
  }
  for (let t = 0; t < d; t++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += out[i * d + t];
    m /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (out[i * d + t] - m) ** 2;
    const sd = Math.sqrt(v / n);
    for (let i = 0; i < n; i++) out[i * d + t] = (out[i * d + t] - m) / sd;
  }
  return out;
}
