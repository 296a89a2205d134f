import { EngineError, describeValue } from './errors.js';
import { formatNumber, formatPercent, formatScore, ordinal, type Localised } from './format.js';
import { kmeans, type KmeansImplementation, type KmeansOptions, type KmeansResult } from './kmeans.js';
import { marketOverlay, UNKNOWN_VALUE, type AttributeOverlay } from './overlay.js';
import { prepareMatrix, toOriginalUnits, type MatrixInput, type ParameterSpec, type PrepareOptions, type PreparedMatrix } from './prepare.js';
import { quantileSorted } from './stats.js';

export const ABCDX_LABELS = ['A', 'B', 'C', 'D', 'X'] as const;
export type AbcdxLabel = (typeof ABCDX_LABELS)[number];

export interface AbcdxOptions extends PrepareOptions {
  /** Number of clusters (default 5; ABCDX labels need 5, otherwise clusters are ranked 1…k). */
  k?: number;
  seed?: number;
  restarts?: number;
  maxIterations?: number;
  tolerance?: number;
  implementation?: KmeansImplementation;
  /** A numeric input column (parameter or not) whose share per cluster is reported, e.g. revenue. */
  revenueColumn?: string;
  /** Categorical attributes aligned with input.ids (industry, size band, …) for descriptions and the overlay. */
  attributes?: Record<string, ReadonlyArray<string | null | undefined>>;
  /** Human names of attributes (default: the key). */
  attributeLabels?: Record<string, { en: string; ru: string }>;
  /**
   * The input already prepared with these parameters (e.g. by {@link reweightPrepared}
   * after a weight change): skips {@link prepareMatrix}. Must come from this input.
   */
  prepared?: PreparedMatrix;
  /** Called at the run's stage boundaries ('prepared', 'kmeans', 'profiles'; the overlay follows), e.g. to profile time or memory. */
  onStage?: (stage: string) => void;
}

export interface ParameterProfile {
  column: string;
  label: Localised;
  role: ParameterSpec['role'];
  direction: ParameterSpec['direction'];
  /** Quartiles of the observed (not imputed) values in original units. */
  median: number;
  p25: number;
  p75: number;
  /** Median of everyone kept in the run. */
  overallMedian: number;
  /** Mean standardised value of the cluster (unweighted). */
  standardisedCentre: number;
}

export interface AttributeProfile {
  attribute: string;
  /** Values by share in the cluster, largest first (top 3). */
  top: { value: string; count: number; share: number }[];
}

export interface ClusterReport {
  /** Cluster number from k-means (0…k−1). */
  index: number;
  /** A, B, C, D, X when k = 5, otherwise "1"…"k" by value. */
  label: string;
  /** 1 = highest value score. */
  valueRank: number;
  valueScore: number;
  /** null when the model has no growth parameters. */
  growthScore: number | null;
  reason: Localised;
  size: number;
  share: number;
  profile: ParameterProfile[];
  revenue: number | null;
  revenueShare: number | null;
  attributes: AttributeProfile[];
  description: Localised;
  /** Unweighted standardised centroid (per parameter). */
  centroidStandardised: number[];
  /** Centroid in the weighted space k-means used. */
  centroidWeighted: number[];
  /** Centroid mapped back to original units (through the inverse transform; clipping is not undone). */
  centroidOriginal: number[];
}

export interface AbcdxRun {
  /** Kept customers (excluded ones are listed in missing.excludedIds). */
  ids: string[];
  /** Cluster index per kept customer. */
  assignments: Int32Array;
  /** Label per kept customer. */
  labels: string[];
  /** Clusters in label order (A, B, C, D, X or 1…k). */
  clusters: ClusterReport[];
  k: number;
  seed: number;
  hasGrowth: boolean;
  inertia: number;
  iterations: number;
  converged: boolean;
  restarts: number;
  restartInertias: number[];
  columns: string[];
  stats: PreparedMatrix['stats'];
  missing: PreparedMatrix['missing'];
  overlay: AttributeOverlay[] | null;
  /** The matrix k-means ran on (callers reuse it for samples, scatter and whiskers instead of preparing it again). */
  prepared: PreparedMatrix;
}

const DIRECTION_SIGN = { higher_better: 1, lower_better: -1, neutral: 0 } as const;

/** Σ over parameters of the given role of direction × weight × standardised centroid (the value/growth score). */
export function clusterScores(prepared: Pick<PreparedMatrix, 'params'>, centroidsStandardised: number[][], role: ParameterSpec['role']): number[] {
  return centroidsStandardised.map((c) =>
    prepared.params.reduce((s, p, j) => (p.role === role ? s + DIRECTION_SIGN[p.direction] * p.weight * c[j] : s), 0),
  );
}

/**
 * ABCDX labels from value and growth scores (index = cluster).
 * k = 5 with growth: X is the cluster, other than the top-value one, with the
 * highest growth score; A–D are the other four by decreasing value.
 * k = 5 without growth: A–D are the top four by value, X the lowest (untapped potential).
 * k ≠ 5: "1"…"k" by decreasing value. Ties go to the lower cluster index.
 */
export function labelClusters(valueScores: number[], growthScores: number[] | null): string[] {
  const k = valueScores.length;
  const byValue = Array.from({ length: k }, (_, i) => i).sort((a, b) => valueScores[b] - valueScores[a] || a - b);
  const labels = new Array<string>(k);
  if (k !== 5) {
    byValue.forEach((c, r) => (labels[c] = String(r + 1)));
    return labels;
  }
  let x: number;
  if (growthScores) {
    x = byValue.slice(1).reduce((best, c) => (growthScores[c] > growthScores[best] || (growthScores[c] === growthScores[best] && c < best) ? c : best), byValue[1]);
  } else x = byValue[4];
  let next = 0;
  for (const c of byValue) {
    if (c === x) labels[c] = 'X';
    else labels[c] = ABCDX_LABELS[next++];
  }
  return labels;
}

/** Reads one numeric column of the input for every input row, 0 where it is missing (the revenue column). */
function readInputColumn(input: MatrixInput, column: string): Float64Array {
  const j = input.columns.indexOf(column);
  if (j < 0) throw new EngineError('UNKNOWN_COLUMN', `unknown column ${describeValue(column)}; the input has ${input.columns.map((c) => JSON.stringify(c)).join(', ')}`, { column });
  const width = input.columns.length;
  const n = input.ids.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v: number | null | undefined;
    if (input.values instanceof Float64Array) v = input.missingMask?.[i * width + j] ? null : input.values[i * width + j];
    else v = input.values[i]?.[j];
    if (v === null || v === undefined) continue;
    if (!Number.isFinite(v)) {
      const id = input.ids[i];
      throw new EngineError('NON_FINITE', `column "${column}", row ${i} (id ${describeValue(id)}): value ${describeValue(v)} is not a finite number`, { column, row: i, id, value: v });
    }
    out[i] = v;
  }
  return out;
}

const labelOf = (p: ParameterSpec): Localised => ({ en: p.label ?? p.column, ru: p.labelRu ?? p.label ?? p.column });

function versusBase(median: number, base: number, lang: 'en' | 'ru'): string {
  // A ratio reads well for money and counts; near-zero bases (growth rates) give absurd ratios, so show both values.
  const ratio = median / base;
  if (base > 0 && median >= 0 && ratio >= 0.02 && ratio <= 50) return lang === 'en' ? `${formatNumber(median / base, lang)}× the base` : `${formatNumber(median / base, lang)}× к базе`;
  return lang === 'en' ? `${formatNumber(median, lang)} vs ${formatNumber(base, lang)} overall` : `${formatNumber(median, lang)} при ${formatNumber(base, lang)} в целом`;
}

/**
 * The whole ABCDX run: prepare the matrix, k-means with restarts, value and
 * growth scores, labels with a one-sentence reason (en, ru), per-cluster
 * profiles in original units, revenue share, a description of the typical
 * customer (en, ru; with categorical attributes when given) and, with
 * attributes, the market overlay.
 */
export function runAbcdx(input: MatrixInput, params: ParameterSpec[], options: AbcdxOptions): AbcdxRun {
  const p = prepareAbcdx(input, params, options);
  return completeAbcdx(p, kmeans(p.prepared.data, p.prepared.n, p.prepared.d, p.kmeansOptions));
}

/** A run between its two halves: the prepared matrix and what the second half needs (see {@link prepareAbcdx}). */
export interface AbcdxPrepared {
  input: MatrixInput;
  params: ParameterSpec[];
  options: AbcdxOptions;
  prepared: PreparedMatrix;
  /** The k-means call the run makes on `prepared.data`. */
  kmeansOptions: KmeansOptions;
  revenueAll: Float64Array | null;
}

/**
 * The first half of {@link runAbcdx}: prepares the matrix and checks the
 * attributes. The caller runs k-means with `kmeansOptions` on `prepared.data`
 * — for example with its starts split between threads
 * ({@link runKmeansStarts}, {@link combineKmeansStarts}; `sharedData` puts the
 * matrix in shared memory) — and hands the result to {@link completeAbcdx}.
 */
export function prepareAbcdx(input: MatrixInput, params: ParameterSpec[], options: AbcdxOptions): AbcdxPrepared {
  const k = options.k ?? 5;
  const seed = options.seed ?? 42;
  const restarts = options.restarts ?? 10;
  // With reusable input values, prepareMatrix overwrites them: read the revenue column first.
  const reusable = !options.prepared && input.valuesReusable === true && input.values instanceof Float64Array;
  let revenueAll = reusable && options.revenueColumn ? readInputColumn(input, options.revenueColumn) : null;
  const prepared = options.prepared ?? prepareMatrix(input, params, { standardise: options.standardise, missing: options.missing, sharedData: options.sharedData });
  if (!reusable && options.revenueColumn) revenueAll = readInputColumn(input, options.revenueColumn);
  if (options.attributes) {
    for (const [name, col] of Object.entries(options.attributes)) {
      if (col.length !== input.ids.length) throw new EngineError('SHAPE_MISMATCH', `attribute "${name}" has ${col.length} values for ${input.ids.length} customers`, { column: name });
    }
  }
  options.onStage?.('prepared');
  return {
    input,
    params,
    options,
    prepared,
    revenueAll,
    kmeansOptions: { k, seed, restarts, maxIterations: options.maxIterations, tolerance: options.tolerance, implementation: options.implementation },
  };
}

/** The second half of {@link runAbcdx}: scores, labels, profiles and the overlay from the k-means result on `p.prepared.data`. */
export function completeAbcdx(p: AbcdxPrepared, km: KmeansResult): AbcdxRun {
  const { input, options, prepared } = p;
  const { k, seed } = p.kmeansOptions;
  const restarts = p.kmeansOptions.restarts ?? 10;
  let revenueAll = p.revenueAll;
  p.revenueAll = null;
  const { n, d } = prepared;
  if (km.k !== k || km.d !== d || km.assignments.length !== n || km.restartInertias.length !== restarts) {
    throw new EngineError('SHAPE_MISMATCH', `the k-means result (k = ${km.k}, ${km.assignments.length} × ${km.d}, ${km.restartInertias.length} starts) does not match the run (k = ${k}, ${n} × ${d}, ${restarts} starts)`);
  }
  options.onStage?.('kmeans');
  // Rows of each cluster in increasing order, as views of one array (no array of numbers per cluster at 1M rows).
  const starts = new Int32Array(k + 1);
  for (let i = 0; i < n; i++) starts[km.assignments[i] + 1]++;
  for (let c = 0; c < k; c++) starts[c + 1] += starts[c];
  const byCluster = new Int32Array(n);
  const fill = starts.slice(0, k);
  for (let i = 0; i < n; i++) byCluster[fill[km.assignments[i]]++] = i;
  const members = Array.from({ length: k }, (_, c) => byCluster.subarray(starts[c], starts[c + 1]));
  const centroidsStd = members.map((rows) => {
    const c = new Array<number>(d).fill(0);
    for (let r = 0; r < rows.length; r++) {
      const i = rows[r];
      for (let j = 0; j < d; j++) c[j] += prepared.standardised[i * d + j];
    }
    return c.map((x) => x / Math.max(1, rows.length));
  });
  const valueScores = clusterScores(prepared, centroidsStd, 'value');
  const hasGrowth = prepared.params.some((p) => p.role === 'growth' && p.weight > 0 && p.direction !== 'neutral');
  const growthScores = hasGrowth ? clusterScores(prepared, centroidsStd, 'growth') : null;
  const labels = labelClusters(valueScores, growthScores);
  const valueOrder = Array.from({ length: k }, (_, i) => i).sort((a, b) => valueScores[b] - valueScores[a] || a - b);
  const valueRank = new Array<number>(k);
  valueOrder.forEach((c, r) => (valueRank[c] = r + 1));

  // Quartiles of observed values (NaN = imputed), per parameter, of some rows or of everyone (rows = null).
  const observedBuffer = new Float64Array(n);
  const observedQuartiles = (rows: Int32Array | null, j: number): [number, number, number] => {
    let m = 0;
    const count = rows ? rows.length : n;
    for (let r = 0; r < count; r++) {
      const v = prepared.original[(rows ? rows[r] : r) * d + j];
      if (!Number.isNaN(v)) observedBuffer[m++] = v;
    }
    const s = observedBuffer.subarray(0, m).sort();
    return [quantileSorted(s, 0.25), quantileSorted(s, 0.5), quantileSorted(s, 0.75)];
  };
  const overallMedian = prepared.params.map((_, j) => observedQuartiles(null, j)[1]);

  // Kept rows only; when every row is kept (row r is input row r) the input's own arrays serve.
  const allKept = prepared.n === input.ids.length;
  const revenueKept = revenueAll ? (allKept ? revenueAll : Float64Array.from(prepared.rowIndex, (r) => revenueAll![r])) : null;
  revenueAll = null;
  let revenueTotal = 0;
  if (revenueKept) for (let i = 0; i < n; i++) revenueTotal += revenueKept[i];
  const attrKept: Record<string, ReadonlyArray<string | null | undefined>> | null = options.attributes
    ? Object.fromEntries(Object.entries(options.attributes).map(([name, col]) => [name, allKept ? col : Array.from(prepared.rowIndex, (r) => col[r] ?? null)]))
    : null;

  const clusters: ClusterReport[] = members.map((rows, c) => {
    const profile: ParameterProfile[] = prepared.params.map((p, j) => {
      const [p25, median, p75] = observedQuartiles(rows, j);
      return {
        column: p.column,
        label: labelOf(p),
        role: p.role,
        direction: p.direction,
        median,
        p25,
        p75,
        overallMedian: overallMedian[j],
        standardisedCentre: centroidsStd[c][j],
      };
    });
    let revenue: number | null = null;
    if (revenueKept) {
      revenue = 0;
      for (let r = 0; r < rows.length; r++) revenue += revenueKept[rows[r]];
    }
    const attributes: AttributeProfile[] = attrKept
      ? Object.entries(attrKept).map(([attribute, col]) => {
          const counts = new Map<string, number>();
          for (let r = 0; r < rows.length; r++) {
            const v = col[rows[r]];
            const key = v === null || v === undefined || String(v).trim() === '' ? UNKNOWN_VALUE : String(v);
            counts.set(key, (counts.get(key) ?? 0) + 1);
          }
          const top = Array.from(counts.entries())
            .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
            .slice(0, 3)
            .map(([value, count]) => ({ value, count, share: rows.length ? count / rows.length : 0 }));
          return { attribute, top };
        })
      : [];
    return {
      index: c,
      label: labels[c],
      valueRank: valueRank[c],
      valueScore: valueScores[c],
      growthScore: growthScores ? growthScores[c] : null,
      reason: { en: '', ru: '' },
      size: rows.length,
      share: rows.length / n,
      profile,
      revenue,
      revenueShare: revenue !== null && revenueTotal !== 0 ? revenue / revenueTotal : null,
      attributes,
      description: { en: '', ru: '' },
      centroidStandardised: centroidsStd[c],
      centroidWeighted: Array.from(km.centroids.subarray(c * d, c * d + d)),
      centroidOriginal: centroidsStd[c].map((z, j) => toOriginalUnits(prepared.stats[j], z)),
    };
  });

  for (const cl of clusters) {
    cl.reason = reasonFor(cl, clusters, prepared, k, hasGrowth);
    cl.description = describeTypicalCustomer(cl, options.attributeLabels ?? {});
  }
  options.onStage?.('profiles');
  const rowLabels = Array.from(km.assignments, (c) => labels[c]);
  const order = k === 5 ? ABCDX_LABELS.map((l) => clusters.find((c) => c.label === l) as ClusterReport) : valueOrder.map((c) => clusters[c]);

  return {
    ids: prepared.ids,
    assignments: km.assignments,
    labels: rowLabels,
    clusters: order,
    k,
    seed,
    hasGrowth,
    inertia: km.inertia,
    iterations: km.iterations,
    converged: km.converged,
    restarts,
    restartInertias: km.restartInertias,
    columns: prepared.columns,
    stats: prepared.stats,
    missing: prepared.missing,
    overlay: attrKept ? marketOverlay(rowLabels, attrKept) : null,
    prepared,
  };
}

/** The parameter (of a role) that contributes most to the cluster's score, in the score's direction. */
function mainDriver(cl: ClusterReport, prepared: PreparedMatrix, role: ParameterSpec['role'], sign: 1 | -1): ParameterProfile | null {
  let best: ParameterProfile | null = null;
  let bestContribution = 0;
  prepared.params.forEach((p, j) => {
    if (p.role !== role) return;
    const contribution = sign * DIRECTION_SIGN[p.direction] * p.weight * cl.centroidStandardised[j];
    if (contribution > bestContribution) {
      bestContribution = contribution;
      best = cl.profile[j];
    }
  });
  return best;
}

function driverText(p: ParameterProfile | null, lang: 'en' | 'ru'): string {
  if (!p) return '';
  const lowerBetter = p.direction === 'lower_better' ? (lang === 'en' ? ', lower is better' : ', чем меньше, тем лучше') : '';
  return lang === 'en'
    ? `, driven by ${p.label.en} (median ${versusBase(p.median, p.overallMedian, 'en')}${lowerBetter})`
    : `; главный фактор — ${p.label.ru} (медиана ${versusBase(p.median, p.overallMedian, 'ru')}${lowerBetter})`;
}

function reasonFor(cl: ClusterReport, all: ClusterReport[], prepared: PreparedMatrix, k: number, hasGrowth: boolean): Localised {
  const v = { en: formatScore(cl.valueScore, 'en'), ru: formatScore(cl.valueScore, 'ru') };
  if (cl.label === 'X' && hasGrowth && cl.growthScore !== null) {
    const top = all.find((c) => c.valueRank === 1) as ClusterReport;
    const g = mainDriver(cl, prepared, 'growth', 1);
    return {
      en: `X: highest growth score outside ${top.label} (${formatScore(cl.growthScore, 'en')})${driverText(g, 'en')}; its value ranks ${cl.valueRank} of ${k} (${v.en}) — growth potential.`,
      ru: `X: наибольшая оценка роста вне ${top.label} (${formatScore(cl.growthScore, 'ru')})${driverText(g, 'ru')}; ценность — ${cl.valueRank}-е место из ${k} (${v.ru}) — потенциал роста.`,
    };
  }
  if (cl.label === 'X') {
    const weak = mainDriver(cl, prepared, 'value', -1);
    const weakEn = weak ? `; ${weak.label.en} median ${versusBase(weak.median, weak.overallMedian, 'en')}` : '';
    const weakRu = weak ? `; ${weak.label.ru}: медиана ${versusBase(weak.median, weak.overallMedian, 'ru')}` : '';
    return {
      en: `X: lowest value score of ${k} clusters (${v.en}${weakEn}) — untapped potential.`,
      ru: `X: самая низкая оценка ценности из ${k} кластеров (${v.ru}${weakRu}) — неиспользованный потенциал.`,
    };
  }
  const sign: 1 | -1 = cl.valueScore >= 0 ? 1 : -1;
  const p = mainDriver(cl, prepared, 'value', sign);
  const rankEn = cl.valueRank === 1 ? 'highest' : `${ordinal(cl.valueRank)}-highest`;
  const rankRu = cl.valueRank === 1 ? 'наивысшая' : `${cl.valueRank}-я по величине`;
  const en = `${cl.label}: ${rankEn} value score of ${k} clusters (${v.en})${driverText(p, 'en')}.`;
  const ru = `${cl.label}: ${rankRu} оценка ценности из ${k} кластеров (${v.ru})${driverText(p, 'ru')}.`;
  return { en, ru };
}

function describeTypicalCustomer(cl: ClusterReport, attributeLabels: Record<string, { en: string; ru: string }>): Localised {
  // The three parameters where the cluster stands out most (largest |standardised centre|).
  const notable = [...cl.profile].sort((a, b) => Math.abs(b.standardisedCentre) - Math.abs(a.standardisedCentre)).slice(0, 3);
  const en: string[] = notable.map((p) => `median ${p.label.en} ${formatNumber(p.median, 'en')} (${versusBase(p.median, p.overallMedian, 'en')})`);
  const ru: string[] = notable.map((p) => `медиана «${p.label.ru}» ${formatNumber(p.median, 'ru')} (${versusBase(p.median, p.overallMedian, 'ru')})`);
  for (const a of cl.attributes) {
    const known = a.top.find((t) => t.value !== UNKNOWN_VALUE);
    if (!known) continue;
    const name = attributeLabels[a.attribute] ?? { en: a.attribute, ru: a.attribute };
    if (known.share >= 0.5) {
      en.push(`${formatPercent(known.share, 'en')} ${known.value}`);
      ru.push(`${formatPercent(known.share, 'ru')} ${known.value}`);
    } else {
      en.push(`${name.en} most often ${known.value} (${formatPercent(known.share, 'en')})`);
      ru.push(`${name.ru}: чаще всего ${known.value} (${formatPercent(known.share, 'ru')})`);
    }
  }
  return {
    en: `Typical customer (${cl.label}, ${formatPercent(cl.share, 'en')} of customers): ${en.join('; ')}.`,
    ru: `Типичный клиент (${cl.label}, ${formatPercent(cl.share, 'ru')} клиентов): ${ru.join('; ')}.`,
  };
}
