import { EngineError, describeValue } from './errors.js';
import { mean, populationVariance, quantileSorted, sortedCopy } from './stats.js';

export const DIRECTIONS = ['higher_better', 'lower_better', 'neutral'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const TRANSFORMS = ['none', 'log1p'] as const;
export type Transform = (typeof TRANSFORMS)[number];
export const ROLES = ['value', 'growth'] as const;
export type ParameterRole = (typeof ROLES)[number];
export const STANDARDISATIONS = ['zscore', 'robust', 'minmax'] as const;
export type Standardisation = (typeof STANDARDISATIONS)[number];
export const MISSING_POLICIES = ['impute_median', 'exclude'] as const;
export type MissingPolicy = (typeof MISSING_POLICIES)[number];

/** One behavioural parameter of a model: which column, how to process it, how much it matters. */
export interface ParameterSpec {
  column: string;
  direction: Direction;
  transform: Transform;
  /** Winsorising bounds as percentiles 0..100 of the observed values. */
  clip?: { lower: number; upper: number };
  /** ≥ 0; the squared distance is weighted by it (each column × √weight). */
  weight: number;
  role: ParameterRole;
  /** Human names for reasons and descriptions (default: the column name). */
  label?: string;
  labelRu?: string;
}

/** Customers × numeric columns. `null`/`undefined` cells are missing; NaN is an error. */
export interface MatrixInput {
  ids: string[];
  columns: string[];
  /** Row-major n × columns.length; either a flat Float64Array or one array per row. */
  values: Float64Array | ReadonlyArray<ReadonlyArray<number | null | undefined>>;
  /** For Float64Array input only: 1 marks a missing cell (same layout as values). */
  missingMask?: Uint8Array;
  /**
   * For Float64Array input only: the caller hands `values` over and never reads
   * them again, so {@link prepareMatrix} may overwrite them and keep their memory
   * as its raw matrix (`original`), instead of allocating another n × d array
   * (120 MB at 1M customers × 15 parameters). The results are the same.
   */
  valuesReusable?: boolean;
}

export interface PrepareOptions {
  standardise: Standardisation;
  missing: MissingPolicy;
  /**
   * Allocate the matrix k-means reads (`data`) on a SharedArrayBuffer, so
   * worker threads can run k-means starts on it without a copy (120 MB at 1M
   * customers × 15 parameters). Same values either way.
   */
  sharedData?: boolean;
}

export interface ColumnStats {
  column: string;
  direction: Direction;
  transform: Transform;
  role: ParameterRole;
  weight: number;
  /** √weight, the factor applied after standardising. */
  scaleWeight: number;
  /** Clip bounds in original units (null when not clipped). */
  clipLower: number | null;
  clipUpper: number | null;
  /** Number of values raised/lowered by clipping. */
  clippedLow: number;
  clippedHigh: number;
  /** (transformed − centre) / scale is the standardised value. */
  centre: number;
  scale: number;
  /** Set when the robust IQR was 0 and the scale fell back to 1.349 × SD. */
  scaleFallback: 'none' | 'sd';
  /** Median used for imputation (original units). */
  imputedWith: number | null;
  /** Summary of the observed (non-missing) values of kept rows, original units. */
  observedMin: number;
  observedMax: number;
  observedMedian: number;
}

export interface MissingReport {
  policy: MissingPolicy;
  rowsIn: number;
  rowsKept: number;
  excludedIds: string[];
  perColumn: { column: string; missing: number; imputed: number; excluded: number }[];
}

/** The standardised, weighted matrix and everything needed to explain it. */
export interface PreparedMatrix {
  /** Kept customers' ids (the input's own array when every row is kept: read-only). */
  ids: string[];
  /** Index of each kept row in the input. */
  rowIndex: Int32Array;
  columns: string[];
  params: ParameterSpec[];
  n: number;
  d: number;
  /** Standardised × √weight, row-major n × d: the space k-means works in (the same array as `standardised` when every weight is 1: read-only). */
  data: Float64Array;
  /** Standardised, not weighted (for value scores and interpretable centroids). */
  standardised: Float64Array;
  /** Original values of kept rows, NaN where the value was missing (imputed). Read-only (it may share the input's memory: see `valuesReusable`). */
  original: Float64Array;
  stats: ColumnStats[];
  missing: MissingReport;
  options: PrepareOptions;
}

/** Validates a parameter list against the input columns; returns input column indices. */
export function resolveColumns(columns: readonly string[], params: readonly ParameterSpec[]): number[] {
  if (params.length === 0) throw new EngineError('EMPTY_INPUT', 'no parameters were given');
  const seen = new Set<string>();
  return params.map((p) => {
    const idx = columns.indexOf(p.column);
    if (idx < 0) {
      throw new EngineError(
        'UNKNOWN_COLUMN',
        `unknown column ${describeValue(p.column)}; the input has ${columns.map((c) => JSON.stringify(c)).join(', ')}`,
        { column: p.column },
      );
    }
    if (seen.has(p.column)) {
      throw new EngineError('INVALID_ARGUMENT', `column ${describeValue(p.column)} is listed twice`, { column: p.column });
    }
    seen.add(p.column);
    if (!(DIRECTIONS as readonly string[]).includes(p.direction)) {
      throw new EngineError('INVALID_ARGUMENT', `column "${p.column}": unknown direction ${describeValue(p.direction)}`, { column: p.column, value: p.direction });
    }
    if (!(TRANSFORMS as readonly string[]).includes(p.transform)) {
      throw new EngineError('INVALID_ARGUMENT', `column "${p.column}": unknown transform ${describeValue(p.transform)}`, { column: p.column, value: p.transform });
    }
    if (!(ROLES as readonly string[]).includes(p.role)) {
      throw new EngineError('INVALID_ARGUMENT', `column "${p.column}": unknown role ${describeValue(p.role)}`, { column: p.column, value: p.role });
    }
    if (typeof p.weight !== 'number' || !Number.isFinite(p.weight) || p.weight < 0) {
      throw new EngineError('INVALID_ARGUMENT', `column "${p.column}": weight must be a finite number ≥ 0, got ${describeValue(p.weight)}`, { column: p.column, value: p.weight });
    }
    if (p.clip) {
      const { lower, upper } = p.clip;
      if (!(Number.isFinite(lower) && Number.isFinite(upper) && lower >= 0 && upper <= 100 && lower < upper)) {
        throw new EngineError('INVALID_ARGUMENT', `column "${p.column}": clip percentiles must satisfy 0 ≤ lower < upper ≤ 100, got ${describeValue(lower)}..${describeValue(upper)}`, { column: p.column });
      }
    }
    return idx;
  });
}

/** Reads cell (row, col) of the input; returns null when missing, throws on NaN/±Infinity. */
function makeReader(input: MatrixInput): (row: number, col: number) => number | null {
  const width = input.columns.length;
  const { values, missingMask } = input;
  if (values instanceof Float64Array) {
    if (values.length !== input.ids.length * width) {
      throw new EngineError('SHAPE_MISMATCH', `values has ${values.length} cells but ${input.ids.length} ids × ${width} columns = ${input.ids.length * width}`);
    }
    if (missingMask && missingMask.length !== values.length) {
      throw new EngineError('SHAPE_MISMATCH', `missingMask has ${missingMask.length} cells, expected ${values.length}`);
    }
    return (row, col) => (missingMask && missingMask[row * width + col] ? null : values[row * width + col]);
  }
  if (values.length !== input.ids.length) {
    throw new EngineError('SHAPE_MISMATCH', `values has ${values.length} rows but there are ${input.ids.length} ids`);
  }
  return (row, col) => {
    const r = values[row];
    if (!r || r.length !== width) {
      throw new EngineError('SHAPE_MISMATCH', `row ${row} (id ${describeValue(input.ids[row])}) has ${r ? r.length : 0} cells, expected ${width}`, { row, id: input.ids[row] });
    }
    const v = r[col];
    return v === null || v === undefined ? null : v;
  };
}

/**
 * Turns raw customer values into the matrix k-means works on, in a fixed order:
 * missing (impute median / exclude) → clip at percentiles (original units) →
 * transform (log1p) → standardise (z-score with population SD, robust
 * median/IQR, or min–max) → multiply by √weight.
 *
 * Why √weight: the squared Euclidean distance between two customers becomes
 * Σ_j weight_j · (z_ij − z_kj)², i.e. every parameter contributes to the
 * distance in proportion to its weight.
 *
 * Direction is not applied to the matrix (it does not change distances); it is
 * used when scoring clusters. Throws {@link EngineError} on NaN/Infinity,
 * constant columns, unknown columns, empty input or all-zero weights.
 */
export function prepareMatrix(input: MatrixInput, params: ParameterSpec[], options: PrepareOptions): PreparedMatrix {
  if (!(STANDARDISATIONS as readonly string[]).includes(options.standardise)) {
    throw new EngineError('INVALID_ARGUMENT', `unknown standardisation ${describeValue(options.standardise)}`, { value: options.standardise });
  }
  if (!(MISSING_POLICIES as readonly string[]).includes(options.missing)) {
    throw new EngineError('INVALID_ARGUMENT', `unknown missing-value policy ${describeValue(options.missing)}`, { value: options.missing });
  }
  const colIdx = resolveColumns(input.columns, params);
  const nIn = input.ids.length;
  if (nIn === 0) throw new EngineError('EMPTY_INPUT', 'the input has no customers');
  if (params.every((p) => p.weight === 0)) {
    throw new EngineError('ALL_WEIGHTS_ZERO', `all parameter weights are 0 (${params.map((p) => p.column).join(', ')}); give at least one a positive weight`);
  }
  const d = params.length;

  // Read every used cell once, validating as we go; NaN marks a missing cell from here on.
  const rowHasMissing = new Uint8Array(nIn);
  const missingCount = new Array<number>(d).fill(0);
  const notFinite = (i: number, j: number, v: unknown): never => {
    throw new EngineError(
      'NON_FINITE',
      `column "${params[j].column}", row ${i} (id ${describeValue(input.ids[i])}): value ${describeValue(v)} is not a finite number${typeof v === 'number' && Number.isNaN(v) ? ' (use null for a missing value)' : ''}`,
      { column: params[j].column, row: i, id: input.ids[i], value: v },
    );
  };
  // In place when the caller lends its matrix: row i is read whole into `cells` before it is written at i × d; the
  // input is at least d wide, so the writes of row i end before row i + 1 starts in the input.
  const read = makeReader(input);
  const raw =
    input.valuesReusable && input.values instanceof Float64Array
      ? new Float64Array(input.values.buffer, input.values.byteOffset, nIn * d)
      : new Float64Array(nIn * d);
  const cells = new Float64Array(d);
  for (let i = 0; i < nIn; i++) {
    for (let j = 0; j < d; j++) {
      const v = read(i, colIdx[j]);
      if (v === null) {
        rowHasMissing[i] = 1;
        missingCount[j]++;
        cells[j] = Number.NaN;
      } else if (!Number.isFinite(v)) notFinite(i, j, v);
      else cells[j] = v as number;
    }
    raw.set(cells, i * d);
  }

  // Which rows survive.
  const excludedPerColumn = new Array<number>(d).fill(0);
  const excludedIds: string[] = [];
  let n = 0;
  for (let i = 0; i < nIn; i++) {
    if (options.missing === 'exclude' && rowHasMissing[i]) {
      excludedIds.push(input.ids[i]);
      for (let j = 0; j < d; j++) if (Number.isNaN(raw[i * d + j])) excludedPerColumn[j]++;
    } else n++;
  }
  const kept = new Int32Array(n);
  for (let i = 0, r = 0; i < nIn; i++) if (!(options.missing === 'exclude' && rowHasMissing[i])) kept[r++] = i;
  if (n === 0) {
    throw new EngineError('EMPTY_INPUT', `no customers left after excluding rows with missing values (${nIn} in, ${nIn} excluded)`);
  }

  // Memory at 1M customers × 15 parameters is ~120 MB per matrix: when every row is kept the raw
  // matrix already is `original` (same values, NaN where missing), and with all weights 1 the
  // weighted matrix equals the standardised one, so neither is copied.
  const original = n === nIn ? raw : new Float64Array(n * d);
  const alloc = (length: number): Float64Array =>
    options.sharedData ? new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT)) : new Float64Array(length);
  const allWeightsOne = params.every((p) => p.weight === 1);
  const standardised = allWeightsOne ? alloc(n * d) : new Float64Array(n * d);
  const data = allWeightsOne ? standardised : alloc(n * d);
  const stats: ColumnStats[] = [];
  const imputedCount = new Array<number>(d).fill(0);
  const col = new Float64Array(n);
  // Observed values of one column (sorted in place), reused for every column.
  const observedBuffer = new Float64Array(n);

  for (let j = 0; j < d; j++) {
    const p = params[j];
    // Observed values of kept rows.
    let observedCount = 0;
    for (let r = 0; r < n; r++) {
      const v = raw[kept[r] * d + j];
      if (original !== raw) original[r * d + j] = v;
      if (!Number.isNaN(v)) observedBuffer[observedCount++] = v;
    }
    if (observedCount === 0) {
      throw new EngineError('EMPTY_INPUT', `column "${p.column}" has no values (all ${n} missing)`, { column: p.column });
    }
    const sortedObs = observedBuffer.subarray(0, observedCount).sort();
    const med = quantileSorted(sortedObs, 0.5);
    let imputedWith: number | null = null;
    for (let r = 0; r < n; r++) {
      let v = original[r * d + j];
      if (Number.isNaN(v)) {
        v = med;
        imputedWith = med;
        imputedCount[j]++;
      }
      col[r] = v;
    }

    // Winsorise in original units: log1p is monotone, so clipping before or after it picks the same customers.
    let clipLower: number | null = null;
    let clipUpper: number | null = null;
    let clippedLow = 0;
    let clippedHigh = 0;
    if (p.clip) {
      clipLower = quantileSorted(sortedObs, p.clip.lower / 100);
      clipUpper = quantileSorted(sortedObs, p.clip.upper / 100);
      for (let r = 0; r < n; r++) {
        if (col[r] < clipLower) {
          col[r] = clipLower;
          clippedLow++;
        } else if (col[r] > clipUpper) {
          col[r] = clipUpper;
          clippedHigh++;
        }
      }
    }

    if (p.transform === 'log1p') {
      for (let r = 0; r < n; r++) {
        if (col[r] <= -1) {
          throw new EngineError('OUT_OF_DOMAIN', `column "${p.column}", id ${describeValue(input.ids[kept[r]])}: log1p needs values > -1, got ${describeValue(col[r])}`, { column: p.column, id: input.ids[kept[r]], value: col[r] });
        }
        col[r] = Math.log1p(col[r]);
      }
    }

    let min = Infinity;
    let max = -Infinity;
    for (let r = 0; r < n; r++) {
      if (col[r] < min) min = col[r];
      if (col[r] > max) max = col[r];
    }
    if (!(max > min)) {
      throw new EngineError('CONSTANT_COLUMN', `column "${p.column}" is constant (every kept value is ${describeValue(sortedObs[0])}) and cannot be standardised; drop it or fix the data`, { column: p.column, value: sortedObs[0] });
    }

    let centre: number;
    let scale: number;
    let scaleFallback: 'none' | 'sd' = 'none';
    if (options.standardise === 'zscore') {
      centre = mean(col);
      scale = Math.sqrt(populationVariance(col, centre));
    } else if (options.standardise === 'robust') {
      const s = sortedCopy(col);
      centre = quantileSorted(s, 0.5);
      scale = quantileSorted(s, 0.75) - quantileSorted(s, 0.25);
      if (!(scale > 0)) {
        // Many ties (e.g. most customers bought once) give IQR 0; 1.349·σ is the IQR of a normal law.
        scale = 1.349 * Math.sqrt(populationVariance(col));
        scaleFallback = 'sd';
      }
    } else {
      centre = min;
      scale = max - min;
    }
    if (!(scale > 0) || !Number.isFinite(scale)) {
      throw new EngineError('CONSTANT_COLUMN', `column "${p.column}" has no spread after processing and cannot be standardised`, { column: p.column });
    }
    const w = Math.sqrt(p.weight);
    for (let r = 0; r < n; r++) {
      const z = (col[r] - centre) / scale;
      standardised[r * d + j] = z;
      if (data !== standardised) data[r * d + j] = z * w;
    }
    stats.push({
      column: p.column,
      direction: p.direction,
      transform: p.transform,
      role: p.role,
      weight: p.weight,
      scaleWeight: w,
      clipLower,
      clipUpper,
      clippedLow,
      clippedHigh,
      centre,
      scale,
      scaleFallback,
      imputedWith,
      observedMin: sortedObs[0],
      observedMax: sortedObs[sortedObs.length - 1],
      observedMedian: med,
    });
  }

  return {
    ids: n === nIn ? input.ids : Array.from(kept, (i) => input.ids[i]),
    rowIndex: kept,
    columns: params.map((p) => p.column),
    params: params.map((p) => ({ ...p })),
    n,
    d,
    data,
    standardised,
    original,
    stats,
    missing: {
      policy: options.missing,
      rowsIn: nIn,
      rowsKept: n,
      excludedIds,
      perColumn: params.map((p, j) => ({ column: p.column, missing: missingCount[j], imputed: imputedCount[j], excluded: excludedPerColumn[j] })),
    },
    options: { ...options },
  };
}

/** Maps a standardised (unweighted) value of column j back to original units. */
export function toOriginalUnits(stats: ColumnStats, z: number): number {
  const t = z * stats.scale + stats.centre;
  return stats.transform === 'log1p' ? Math.expm1(t) : t;
}
