import { EngineError } from './errors.js';
import { chiSquareSurvival } from './special.js';

export const CELL_FLAGS = ['none', 'pattern', 'anomaly'] as const;
export type CellFlag = (typeof CELL_FLAGS)[number];

/** What to call a missing attribute value. */
export const UNKNOWN_VALUE = 'unknown';

export interface OverlayCell {
  cluster: string;
  value: string;
  count: number;
  expected: number;
  /** Share of the cluster's customers that have this value. */
  rowShare: number;
  /** Share of this value's customers that are in the cluster. */
  colShare: number;
  /** rowShare ÷ the value's share of everyone: 1.5 = 50 % over-represented. */
  lift: number;
  /** Adjusted standardised residual (Haberman): ≈ N(0,1) under independence. */
  residual: number;
  flag: CellFlag;
  direction: 'over' | 'under' | 'none';
}

export interface AttributeOverlay {
  attribute: string;
  clusters: string[];
  values: string[];
  /** counts[c][v] */
  counts: number[][];
  rowTotals: number[];
  colTotals: number[];
  total: number;
  cells: OverlayCell[];
  chiSquare: number;
  degreesOfFreedom: number;
  pValue: number;
  cramersV: number;
  /** Cells with |residual| ≥ 2, strongest first. */
  flagged: OverlayCell[];
  /** Cells whose expected count is below 5: the chi-square approximation is rough there. */
  lowExpectedCells: number;
}

export interface OverlayOptions {
  patternThreshold?: number;
  anomalyThreshold?: number;
}

const keyOf = (v: string | null | undefined): string => (v === null || v === undefined || String(v).trim() === '' ? UNKNOWN_VALUE : String(v));
const naturalSort = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

/**
 * Market overlay: for each categorical attribute, the cluster × value
 * contingency table with row/column shares, lift, adjusted standardised
 * residuals, the chi-square test of independence (p-value from the regularised
 * incomplete gamma function) and Cramér's V. Cells with |residual| ≥ 2 are
 * patterns and ≥ 3 anomalies. Missing values count as "unknown".
 */
export function marketOverlay(
  assignments: ArrayLike<number | string>,
  attributes: Record<string, ReadonlyArray<string | null | undefined>>,
  options: OverlayOptions = {},
): AttributeOverlay[] {
  const pattern = options.patternThreshold ?? 2;
  const anomaly = options.anomalyThreshold ?? 3;
  const n = assignments.length;
  if (n === 0) throw new EngineError('EMPTY_INPUT', 'market overlay needs at least one customer');
  // Distinct keys without a million-entry copy of the column (the same sets, in the same order).
  const clusterSet = new Set<string>();
  for (let i = 0; i < n; i++) clusterSet.add(String(assignments[i]));
  const clusterKeys = Array.from(clusterSet).sort(naturalSort);
  const cIndex = new Map(clusterKeys.map((c, i) => [c, i]));
  return Object.entries(attributes).map(([attribute, column]) => {
    if (column.length !== n) {
      throw new EngineError('SHAPE_MISMATCH', `attribute "${attribute}" has ${column.length} values for ${n} customers`, { column: attribute });
    }
    const valueSet = new Set<string>();
    for (let i = 0; i < n; i++) valueSet.add(keyOf(column[i]));
    const values = Array.from(valueSet).sort((a, b) => (a === UNKNOWN_VALUE ? 1 : b === UNKNOWN_VALUE ? -1 : naturalSort(a, b)));
    const vIndex = new Map(values.map((v, i) => [v, i]));
    const counts = clusterKeys.map(() => new Array<number>(values.length).fill(0));
    for (let i = 0; i < n; i++) counts[cIndex.get(String(assignments[i])) as number][vIndex.get(keyOf(column[i])) as number]++;
    const rowTotals = counts.map((r) => r.reduce((s, x) => s + x, 0));
    const colTotals = values.map((_, j) => counts.reduce((s, r) => s + r[j], 0));
    const cells: OverlayCell[] = [];
    let chiSquare = 0;
    let lowExpectedCells = 0;
    clusterKeys.forEach((cluster, i) => {
      values.forEach((value, j) => {
        const o = counts[i][j];
        const e = (rowTotals[i] * colTotals[j]) / n;
        if (e < 5) lowExpectedCells++;
        if (e > 0) chiSquare += ((o - e) * (o - e)) / e;
        const variance = e * (1 - rowTotals[i] / n) * (1 - colTotals[j] / n);
        const residual = variance > 0 ? (o - e) / Math.sqrt(variance) : 0;
        const abs = Math.abs(residual);
        cells.push({
          cluster,
          value,
          count: o,
          expected: e,
          rowShare: rowTotals[i] > 0 ? o / rowTotals[i] : 0,
          colShare: colTotals[j] > 0 ? o / colTotals[j] : 0,
          lift: e > 0 ? o / e : 0,
          residual,
          flag: abs >= anomaly ? 'anomaly' : abs >= pattern ? 'pattern' : 'none',
          direction: abs >= pattern ? (residual > 0 ? 'over' : 'under') : 'none',
        });
      });
    });
    const df = (clusterKeys.length - 1) * (values.length - 1);
    const minDim = Math.min(clusterKeys.length, values.length) - 1;
    return {
      attribute,
      clusters: clusterKeys,
      values,
      counts,
      rowTotals,
      colTotals,
      total: n,
      cells,
      chiSquare,
      degreesOfFreedom: df,
      pValue: df > 0 ? chiSquareSurvival(chiSquare, df) : 1,
      cramersV: minDim > 0 ? Math.sqrt(chiSquare / (n * minDim)) : 0,
      flagged: cells.filter((c) => c.flag !== 'none').sort((a, b) => Math.abs(b.residual) - Math.abs(a.residual)),
      lowExpectedCells,
    };
  });
}
