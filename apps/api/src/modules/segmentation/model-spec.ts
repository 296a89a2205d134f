import { HttpStatus } from '@nestjs/common';
import type { AbcdxSpec, ModelParameter, ModelSpec, RfmSpec, RuleSpec } from '@cxs/contracts';
import { ApiException } from '../../common/api-exception.js';
import { FEATURE_CATALOGUE, FEATURE_SET } from '../features/feature-catalogue.js';
import { MAX_LOOKBACK_MONTHS } from '../features/features.sql.js';
import { levelsToSql, paramCollector, RuleError } from './rules.sql.js';

const CAT = new Map(FEATURE_CATALOGUE.map((f) => [f.name, f]));
const p = (column: string, extra: Partial<ModelParameter> = {}): ModelParameter => ({
  column,
  direction: CAT.get(column)!.direction,
  transform: CAT.get(column)!.transform,
  clip: { lower: 1, upper: 99 },
  weight: 1,
  role: 'value',
  ...extra,
});

/**
 * The shipped default ABCDX model (documented in docs/segmentation.md): the 15
 * behavioural features, log1p on money and counts, winsorised at the 1st/99th
 * percentiles, z-scored, all weights 1; active-user growth and expansions are
 * the growth parameters that find X.
 */
export const DEFAULT_ABCDX_SPEC: AbcdxSpec = {
  kind: 'abcdx',
  parameters: [
    p('ltv'),
    p('arpu_month'),
    p('avg_check'),
    p('frequency'),
    p('recency_days'),
    p('tenure_months'),
    p('refund_share'),
    p('discount_share'),
    p('overdue_share'),
    p('modules_used'),
    p('active_users_last'),
    p('nps_mean'),
    p('cac', { direction: 'neutral' }),
    p('active_users_growth', { role: 'growth' }),
    p('expansion_count', { role: 'growth' }),
  ],
  standardise: 'zscore',
  missing: 'impute_median',
  k: 5,
  restarts: 10,
  seed: 42,
  asOf: '2026-09-30',
  lookbackMonths: 36,
};

export const DEFAULT_RFM_SPEC: RfmSpec = { kind: 'rfm', table: 'rf-grid-10', asOf: '2026-09-30', lookbackMonths: 12 };

/** UIS maturity levels (seeds/001) as rules. */
export const DEFAULT_MATURITY_SPEC: RuleSpec = {
  kind: 'rule',
  asOf: '2026-09-30',
  lookbackMonths: 12,
  levels: [
    { label: 'Level 3', rule: { op: 'and', conditions: [{ field: 'employees', cmp: '>=', value: 200 }, { field: 'modules_used', cmp: '>=', value: 3 }] } },
    { label: 'Level 2', rule: { op: 'and', conditions: [{ field: 'modules_used', cmp: '>=', value: 2 }] } },
    { label: 'Level 1', rule: { op: 'and', conditions: [{ field: 'frequency', cmp: '>', value: 0 }] } },
  ],
};

function bad(field: string, message: string): never {
  throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', `${field}: ${message}`, [{ field, message }]);
}

function isDate(s: unknown): s is string {
  return typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
}

/** Validates a model spec in depth and returns a clean copy (unknown keys dropped). */
export function validateSpec(kind: string, raw: unknown): ModelSpec {
  if (!raw || typeof raw !== 'object') bad('spec', 'must be an object');
  const s = raw as Record<string, unknown>;
  if (s.kind !== kind) bad('spec.kind', `must be "${kind}" (the model's kind)`);
  if (!isDate(s.asOf)) bad('spec.asOf', 'must be a date YYYY-MM-DD');
  const lb = Number(s.lookbackMonths);
  if (!Number.isInteger(lb) || lb < 1 || lb > MAX_LOOKBACK_MONTHS) bad('spec.lookbackMonths', `must be an integer 1..${MAX_LOOKBACK_MONTHS}`);
  if (kind === 'abcdx') {
    const params = s.parameters;
    if (!Array.isArray(params) || params.length === 0) bad('spec.parameters', 'pick at least one feature');
    const seen = new Set<string>();
    const clean = params.map((q: Record<string, unknown>, i: number) => {
      const f = `spec.parameters[${i}]`;
      if (!FEATURE_SET.has(String(q?.column))) bad(`${f}.column`, `unknown feature ${JSON.stringify(q?.column)}`);
      if (seen.has(String(q.column))) bad(`${f}.column`, `feature "${q.column}" appears twice`);
      seen.add(String(q.column));
      if (!['higher_better', 'lower_better', 'neutral'].includes(String(q.direction))) bad(`${f}.direction`, 'must be higher_better, lower_better or neutral');
      if (!['none', 'log1p'].includes(String(q.transform))) bad(`${f}.transform`, 'must be none or log1p');
      if (!['value', 'growth'].includes(String(q.role))) bad(`${f}.role`, 'must be value or growth');
      const w = Number(q.weight);
      if (!Number.isFinite(w) || w < 0 || w > 100) bad(`${f}.weight`, 'must be a number 0..100');
      let clip: { lower: number; upper: number } | null = null;
      if (q.clip) {
        const c = q.clip as Record<string, unknown>;
        const lo = Number(c.lower);
        const hi = Number(c.upper);
        if (!(lo >= 0 && hi <= 100 && lo < hi)) bad(`${f}.clip`, 'needs 0 ≤ lower < upper ≤ 100 (percentiles)');
        clip = { lower: lo, upper: hi };
      }
      return { column: String(q.column), direction: q.direction, transform: q.transform, clip, weight: w, role: q.role } as ModelParameter;
    });
    if (clean.every((q: ModelParameter) => q.weight === 0)) bad('spec.parameters', 'at least one weight must be above 0');
    const k = Number(s.k);
    if (!Number.isInteger(k) || k < 2 || k > 12) bad('spec.k', 'must be an integer 2..12');
    const restarts = Number(s.restarts);
    if (!Number.isInteger(restarts) || restarts < 1 || restarts > 50) bad('spec.restarts', 'must be an integer 1..50');
    const seed = Number(s.seed);
    if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1) bad('spec.seed', 'must be a non-negative integer');
    if (!['zscore', 'robust', 'minmax'].includes(String(s.standardise))) bad('spec.standardise', 'must be zscore, robust or minmax');
    const missing = s.missing ?? 'impute_median';
    if (!['impute_median', 'exclude'].includes(String(missing))) bad('spec.missing', 'must be impute_median or exclude');
    return { kind: 'abcdx', parameters: clean, standardise: s.standardise, missing, k, restarts, seed, asOf: s.asOf, lookbackMonths: lb } as AbcdxSpec;
  }
  if (kind === 'rfm') {
    if (!['rf-grid-10', 'r-rfm-package'].includes(String(s.table))) bad('spec.table', 'must be rf-grid-10 or r-rfm-package');
    return { kind: 'rfm', table: s.table, asOf: s.asOf, lookbackMonths: lb } as RfmSpec;
  }
  if (kind === 'rule') {
    const levels = s.levels as RuleSpec['levels'];
    if (!Array.isArray(levels) || levels.length === 0) bad('spec.levels', 'add at least one level');
    levels.forEach((l, i) => {
      if (typeof l?.label !== 'string' || !l.label.trim() || l.label.length > 64) bad(`spec.levels[${i}].label`, 'needs a label of 1..64 characters');
    });
    try {
      levelsToSql(levels, paramCollector().param);
    } catch (err) {
      // The message already starts with the path of the bad group or condition.
      if (err instanceof RuleError) throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', err.message, [{ field: err.field, message: err.message.slice(err.field.length + 2) }]);
      throw err;
    }
    return { kind: 'rule', levels: levels.map((l) => ({ label: l.label.trim(), rule: l.rule })), asOf: s.asOf, lookbackMonths: lb } as RuleSpec;
  }
  return bad('kind', 'must be abcdx, rfm or rule');
}

export function specSeed(spec: ModelSpec): number {
  return spec.kind === 'abcdx' ? spec.seed : 0;
}
