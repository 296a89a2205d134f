import { EngineError } from './errors.js';
import { adjustedRandIndex } from './metrics.js';

export interface RunLabels {
  ids: ReadonlyArray<string>;
  labels: ReadonlyArray<string | number>;
}

export interface RunComparison {
  /** Distinct labels of run a (rows) and run b (columns), naturally sorted. */
  labelsA: string[];
  labelsB: string[];
  /** counts[i][j]: customers in labelsA[i] in run a and labelsB[j] in run b (common customers only). */
  counts: number[][];
  /** Same cells, summing the value column (e.g. revenue) — null when no value was given. */
  valueSums: number[][] | null;
  common: number;
  /** Customers whose label text is the same in both runs. */
  unchanged: number;
  /** In b only (new customers), by label in b. */
  entrants: { count: number; byLabel: Record<string, number>; ids: string[] };
  /** In a only (gone), by label in a. */
  leavers: { count: number; byLabel: Record<string, number>; ids: string[] };
  /** Adjusted Rand index of the two partitions over the common customers (null when fewer than 2). */
  adjustedRandIndex: number | null;
}

const naturalSort = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

function indexRun(run: RunLabels, name: string): Map<string, string> {
  if (run.ids.length !== run.labels.length) {
    throw new EngineError('SHAPE_MISMATCH', `run ${name} has ${run.ids.length} ids and ${run.labels.length} labels`);
  }
  const m = new Map<string, string>();
  run.ids.forEach((id, i) => {
    if (m.has(id)) throw new EngineError('INVALID_ARGUMENT', `run ${name}: customer id ${JSON.stringify(id)} appears twice`, { id });
    m.set(id, String(run.labels[i]));
  });
  return m;
}

/**
 * Migration between two runs: a label × label matrix over the customers in
 * both (counts, and the sum of `value` per cell), who entered and who left,
 * and the adjusted Rand index. `value` is either a map id → value or an array
 * aligned with `b.ids` (the later run).
 */
export function compareRuns(a: RunLabels, b: RunLabels, value?: ReadonlyMap<string, number> | ArrayLike<number>): RunComparison {
  const ma = indexRun(a, 'a');
  const mb = indexRun(b, 'b');
  let valueOf: ((id: string) => number) | null = null;
  if (value) {
    if ('get' in value && typeof value.get === 'function') {
      const vm = value as ReadonlyMap<string, number>;
      valueOf = (id) => vm.get(id) ?? 0;
    } else {
      const arr = value as ArrayLike<number>;
      if (arr.length !== b.ids.length) throw new EngineError('SHAPE_MISMATCH', `value has ${arr.length} entries but run b has ${b.ids.length} customers`);
      const vm = new Map<string, number>();
      b.ids.forEach((id, i) => vm.set(id, arr[i]));
      valueOf = (id) => vm.get(id) ?? 0;
    }
  }
  const labelsA = Array.from(new Set(ma.values())).sort(naturalSort);
  const labelsB = Array.from(new Set(mb.values())).sort(naturalSort);
  const ia = new Map(labelsA.map((l, i) => [l, i]));
  const ib = new Map(labelsB.map((l, i) => [l, i]));
  const counts = labelsA.map(() => new Array<number>(labelsB.length).fill(0));
  const valueSums = valueOf ? labelsA.map(() => new Array<number>(labelsB.length).fill(0)) : null;
  const commonA: string[] = [];
  const commonB: string[] = [];
  let unchanged = 0;
  const leavers = { count: 0, byLabel: {} as Record<string, number>, ids: [] as string[] };
  for (const [id, la] of ma) {
    const lb = mb.get(id);
    if (lb === undefined) {
      leavers.count++;
      leavers.byLabel[la] = (leavers.byLabel[la] ?? 0) + 1;
      leavers.ids.push(id);
      continue;
    }
    const i = ia.get(la) as number;
    const j = ib.get(lb) as number;
    counts[i][j]++;
    if (valueSums && valueOf) {
      const v = valueOf(id);
      if (!Number.isFinite(v)) throw new EngineError('NON_FINITE', `value of customer ${JSON.stringify(id)} is ${String(v)}`, { id, value: v });
      valueSums[i][j] += v;
    }
    if (la === lb) unchanged++;
    commonA.push(la);
    commonB.push(lb);
  }
  const entrants = { count: 0, byLabel: {} as Record<string, number>, ids: [] as string[] };
  for (const [id, lb] of mb) {
    if (ma.has(id)) continue;
    entrants.count++;
    entrants.byLabel[lb] = (entrants.byLabel[lb] ?? 0) + 1;
    entrants.ids.push(id);
  }
  return {
    labelsA,
    labelsB,
    counts,
    valueSums,
    common: commonA.length,
    unchanged,
    entrants,
    leavers,
    adjustedRandIndex: commonA.length >= 2 ? adjustedRandIndex(commonA, commonB) : null,
  };
}
