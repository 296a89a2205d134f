import { EngineError } from './errors.js';

export interface Pca2d {
  /** n × 2 row-major projection of the (centred) rows on the first two components. */
  coordinates: Float64Array;
  /** Variance along each component (population). */
  explainedVariance: [number, number];
  /** Share of the total variance along each component. */
  explainedVarianceRatio: [number, number];
  /** 2 × d loadings (unit vectors); the largest loading of each is positive, so signs are stable. */
  components: Float64Array;
}

/** Eigen-decomposition of a symmetric d × d matrix (cyclic Jacobi). Returns values and column eigenvectors. */
export function symmetricEigen(matrix: Float64Array, d: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += a[p * d + q] * a[p * d + q];
    if (off < 1e-30) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * d + q] - a[p * d + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = a[k * d + p];
          const akq = a[k * d + q];
          a[k * d + p] = c * akp - s * akq;
          a[k * d + q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = a[p * d + k];
          const aqk = a[q * d + k];
          a[p * d + k] = c * apk - s * aqk;
          a[q * d + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p];
          const vkq = v[k * d + q];
          v[k * d + p] = c * vkp - s * vkq;
          v[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(d);
  for (let i = 0; i < d; i++) values[i] = a[i * d + i];
  return { values, vectors: v };
}

/**
 * Principal-component projection to 2-D of the standardised, weighted matrix
 * (the space k-means clustered in), for scatter plots. With one column the
 * second coordinate is 0.
 */
export function pca2d(prepared: { data: Float64Array; n: number; d: number }): Pca2d {
  const { data, n, d } = prepared;
  if (n === 0 || d === 0) throw new EngineError('EMPTY_INPUT', 'PCA needs at least one row and one column');
  const mu = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) mu[t] += data[i * d + t];
  for (let t = 0; t < d; t++) mu[t] /= n;
  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < d; t++) row[t] = data[i * d + t] - mu[t];
    for (let p = 0; p < d; p++) for (let q = p; q < d; q++) cov[p * d + q] += row[p] * row[q];
  }
  for (let p = 0; p < d; p++) {
    for (let q = p; q < d; q++) {
      cov[p * d + q] /= n;
      cov[q * d + p] = cov[p * d + q];
    }
  }
  const { values, vectors } = symmetricEigen(cov, d);
  const order = Array.from({ length: d }, (_, i) => i).sort((x, y) => values[y] - values[x]);
  const components = new Float64Array(2 * d);
  for (let c = 0; c < Math.min(2, d); c++) {
    const col = order[c];
    let maxAbs = 0;
    let sign = 1;
    for (let t = 0; t < d; t++) {
      const x = vectors[t * d + col];
      if (Math.abs(x) > maxAbs + 1e-12) {
        maxAbs = Math.abs(x);
        sign = x < 0 ? -1 : 1;
      }
    }
    for (let t = 0; t < d; t++) components[c * d + t] = sign * vectors[t * d + col];
  }
  const coordinates = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    let x = 0;
    let y = 0;
    for (let t = 0; t < d; t++) {
      const v = data[i * d + t] - mu[t];
      x += v * components[t];
      y += v * components[d + t];
    }
    coordinates[i * 2] = x;
    coordinates[i * 2 + 1] = y;
  }
  let totalVar = 0;
  for (let t = 0; t < d; t++) totalVar += Math.max(0, values[t]);
  const ev: [number, number] = [Math.max(0, values[order[0]]), d > 1 ? Math.max(0, values[order[1]]) : 0];
  return {
    coordinates,
    explainedVariance: ev,
    explainedVarianceRatio: totalVar > 0 ? [ev[0] / totalVar, ev[1] / totalVar] : [0, 0],
    components,
  };
}
