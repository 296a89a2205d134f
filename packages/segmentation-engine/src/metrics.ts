import { EngineError } from './errors.js';
import { comb2 } from './stats.js';

/**
 * Adjusted Rand index (Hubert & Arabie) between two labelings of the same
 * items: 1 for identical partitions (whatever the label names), ≈ 0 for chance.
 */
export function adjustedRandIndex(a: ArrayLike<number | string>, b: ArrayLike<number | string>): number {
  if (a.length !== b.length) {
    throw new EngineError('SHAPE_MISMATCH', `the two labelings have ${a.length} and ${b.length} items`);
  }
  const n = a.length;
  if (n === 0) throw new EngineError('EMPTY_INPUT', 'cannot compare empty labelings');
  const ia = new Map<number | string, number>();
  const ib = new Map<number | string, number>();
  const cells = new Map<string, number>();
  const rowSum = new Map<number | string, number>();
  const colSum = new Map<number | string, number>();
  for (let i = 0; i < n; i++) {
    if (!ia.has(a[i])) ia.set(a[i], ia.size);
    if (!ib.has(b[i])) ib.set(b[i], ib.size);
    const key = `${ia.get(a[i])}|${ib.get(b[i])}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rowSum.set(a[i], (rowSum.get(a[i]) ?? 0) + 1);
    colSum.set(b[i], (colSum.get(b[i]) ?? 0) + 1);
  }
  let index = 0;
  for (const c of cells.values()) index += comb2(c);
  let sa = 0;
  for (const c of rowSum.values()) sa += comb2(c);
  let sb = 0;
  for (const c of colSum.values()) sb += comb2(c);
  const total = comb2(n);
  const expected = total === 0 ? 0 : (sa * sb) / total;
  const max = (sa + sb) / 2;
  // Both labelings put everything in one cluster (or every item alone): identical partitions.
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}
