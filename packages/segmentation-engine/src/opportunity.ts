/**
 * JTBD opportunity maths (Ulwick's opportunity algorithm), exact.
 *
 * Ratings live on a 0–10 scale. A rating is either entered directly (a
 * decimal string such as "7.5") or computed from linked 1–5 answers as the
 * top-two-box share (answers of 4 or 5) rescaled to 0–10. Scores are kept as
 * fractions so that a band boundary (15, 12, 10) is never missed by a
 * floating-point hair: 20/3 + (20/3 − 10/3) is exactly 10, not 9.999….
 */

/** A non-negative fraction num/den in lowest terms (den > 0). */
export interface Ratio {
  readonly num: number;
  readonly den: number;
}

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a || 1;
}

export function ratio(num: number, den = 1): Ratio {
  if (!Number.isInteger(num) || !Number.isInteger(den) || den === 0) throw new Error(`invalid ratio ${num}/${den}`);
  const sign = den < 0 ? -1 : 1;
  const g = gcd(num, den);
  return { num: (sign * num) / g, den: (sign * den) / g };
}

const add = (a: Ratio, b: Ratio): Ratio => ratio(a.num * b.den + b.num * a.den, a.den * b.den);
const sub = (a: Ratio, b: Ratio): Ratio => ratio(a.num * b.den - b.num * a.den, a.den * b.den);
const cmp = (a: Ratio, b: Ratio): number => a.num * b.den - b.num * a.den;

/** Parses a decimal string ("7", "7.5", "6.25") into an exact ratio. */
export function fromDecimal(value: string): Ratio {
  const m = /^(\d+)(?:\.(\d{1,6}))?$/.exec(value.trim());
  if (!m) throw new Error(`not a non-negative decimal: "${value}"`);
  const frac = m[2] ?? '';
  return ratio(Number(m[1] + frac), 10 ** frac.length);
}

export function toNumber(r: Ratio, digits = 2): number {
  const f = 10 ** digits;
  return Math.round((r.num * f) / r.den) / f;
}

/** Answers of 4 or 5 on a 1–5 scale count as the "top two boxes". */
export const TOP_TWO_BOX_MIN = 4;
/** Fewer linked answers than this and a computed rating is flagged as thin evidence. */
export const THIN_EVIDENCE_BELOW = 5;

/**
 * Top-two-box share rescaled to 0–10: 10 × (answers ≥ 4) ÷ answers.
 * Returns null when there are no answers (nothing to compute from).
 */
export function topTwoBox(topTwo: number, answers: number): Ratio | null {
  if (answers === 0) return null;
  if (topTwo < 0 || topTwo > answers) throw new Error(`top-two count ${topTwo} outside 0..${answers}`);
  return ratio(10 * topTwo, answers);
}

/** Counts the top two boxes in raw 1–5 answers (for callers that hold the answers; SQL counts the rest). */
export function topTwoBoxOf(answers: readonly number[]): Ratio | null {
  return topTwoBox(answers.filter((a) => a >= TOP_TWO_BOX_MIN).length, answers.length);
}

/** opportunity = importance + max(importance − satisfaction, 0). */
export function opportunity(importance: Ratio, satisfaction: Ratio): Ratio {
  const gap = sub(importance, satisfaction);
  return gap.num > 0 ? add(importance, gap) : importance;
}

export const OPPORTUNITY_BANDS = ['outstanding', 'strong', 'worth_a_look', 'served'] as const;
export type OpportunityBand = (typeof OPPORTUNITY_BANDS)[number];

/** ≥ 15 outstanding; 12 to < 15 strong; 10 to < 12 worth a look; < 10 served or over-served. */
export function band(score: Ratio): OpportunityBand {
  if (cmp(score, ratio(15)) >= 0) return 'outstanding';
  if (cmp(score, ratio(12)) >= 0) return 'strong';
  if (cmp(score, ratio(10)) >= 0) return 'worth_a_look';
  return 'served';
}

/** Where an outcome sits on the opportunity landscape. */
export function servedRegion(importance: Ratio, satisfaction: Ratio): 'under_served' | 'over_served' | 'appropriately_served' {
  const gap = sub(importance, satisfaction);
  if (cmp(gap, ratio(0)) > 0 && cmp(importance, ratio(5)) >= 0) return 'under_served';
  if (cmp(gap, ratio(0)) < 0) return 'over_served';
  return 'appropriately_served';
}

export interface OutcomeScore {
  importance: number;
  satisfaction: number;
  opportunity: number;
  band: OpportunityBand;
}

/** Scores one outcome; null when importance or satisfaction is unknown. */
export function scoreOutcome(importance: Ratio | null, satisfaction: Ratio | null): OutcomeScore | null {
  if (!importance || !satisfaction) return null;
  const opp = opportunity(importance, satisfaction);
  return { importance: toNumber(importance), satisfaction: toNumber(satisfaction), opportunity: toNumber(opp), band: band(opp) };
}
