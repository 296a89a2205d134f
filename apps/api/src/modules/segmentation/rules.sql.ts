import type { RuleCondition, RuleGroup } from '@cxs/contracts';
import { FEATURE_SET, RULE_ATTRIBUTES } from '../features/feature-catalogue.js';

/** A rule that cannot be translated; `field` is the path of the bad part, e.g. `spec.levels[0].rule.conditions[1].conditions[0]`. */
export class RuleError extends Error {
  constructor(
    message: string,
    readonly field = 'spec.levels',
  ) {
    super(`${field}: ${message}`);
  }
}

const CMPS = new Set(['>=', '<=', '>', '<', '=', '!=']);
export const MAX_RULE_DEPTH = 5;

function isGroup(x: RuleCondition | RuleGroup): x is RuleGroup {
  return typeof x === 'object' && x !== null && (x as RuleGroup).op !== undefined;
}

/** The condition as the analyst wrote it, for messages: employees >= "abc". */
function show(c: Partial<RuleCondition>): string {
  return `${String(c.field ?? '?')} ${String(c.cmp ?? '?')} ${JSON.stringify(c.value ?? null)}`;
}

function numberOf(value: unknown): number | null {
  // '' and null would silently become 0 through Number(): refuse them.
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const v = Number(value.trim().replace(',', '.'));
  return Number.isFinite(v) ? v : null;
}

/**
 * A rule (AND/OR groups of comparisons, nested up to {@link MAX_RULE_DEPTH}
 * levels) as a SQL boolean over `cf` (customer_features) and `c` (customers).
 * Fields are whitelisted (the feature catalogue and CRM attributes); values
 * always travel as parameters. An empty group is TRUE under AND, FALSE under
 * OR (the neutral element), so an empty level takes everyone left.
 * Throws {@link RuleError} naming the bad group or condition by its path.
 */
export function ruleToSql(rule: RuleGroup, param: (v: unknown) => string, path = 'rule', depth = 0): string {
  if (depth >= MAX_RULE_DEPTH) throw new RuleError(`groups may nest at most ${MAX_RULE_DEPTH} levels deep`, path);
  if (!rule || typeof rule !== 'object' || (rule.op !== 'and' && rule.op !== 'or') || !Array.isArray(rule.conditions)) {
    throw new RuleError('a group needs op "and" or "or" and a list of conditions', path);
  }
  if (rule.conditions.length === 0) return rule.op === 'and' ? 'TRUE' : 'FALSE';
  const parts = rule.conditions.map((c, i) => {
    const at = `${path}.conditions[${i}]`;
    if (isGroup(c)) return ruleToSql(c, param, at, depth + 1);
    if (!c || typeof c !== 'object') throw new RuleError('a condition needs field, cmp and value', at);
    if (!CMPS.has(c.cmp)) throw new RuleError(`${show(c)}: unknown comparison ${JSON.stringify(c.cmp)}; use one of >=, >, <=, <, =, !=`, at);
    if (FEATURE_SET.has(c.field)) {
      const v = numberOf(c.value);
      if (v === null) throw new RuleError(`${show(c)}: feature "${c.field}" needs a number, got ${JSON.stringify(c.value ?? null)}`, at);
      return `cf.${c.field} ${c.cmp} ${param(v)}::float8`;
    }
    const kind = typeof c.field === 'string' && Object.hasOwn(RULE_ATTRIBUTES, c.field) ? RULE_ATTRIBUTES[c.field] : undefined;
    if (!kind) throw new RuleError(`${show(c)}: unknown field ${JSON.stringify(c.field ?? null)}; use a feature from the catalogue or one of ${Object.keys(RULE_ATTRIBUTES).join(', ')}`, at);
    if (kind === 'number') {
      const v = numberOf(c.value);
      if (v === null) throw new RuleError(`${show(c)}: "${c.field}" needs a number, got ${JSON.stringify(c.value ?? null)}`, at);
      return `c.${c.field} ${c.cmp} ${param(v)}::float8`;
    }
    if (c.cmp !== '=' && c.cmp !== '!=') throw new RuleError(`${show(c)}: "${c.field}" is text: use = or !=`, at);
    if (typeof c.value !== 'string' || c.value.trim() === '') throw new RuleError(`${show(c)}: "${c.field}" needs a value to compare with`, at);
    return c.cmp === '=' ? `c.${c.field} = ${param(c.value.trim())}` : `c.${c.field} IS DISTINCT FROM ${param(c.value.trim())}`;
  });
  return `(${parts.join(rule.op === 'and' ? ' AND ' : ' OR ')})`;
}

/** CASE expression giving each customer the label of the first level that matches (NULL = no level). */
export function levelsToSql(levels: { label: string; rule: RuleGroup }[], param: (v: unknown) => string): string {
  if (!Array.isArray(levels) || levels.length === 0) throw new RuleError('a rule model needs at least one level');
  return `CASE ${levels.map((l, i) => `WHEN ${ruleToSql(l.rule, param, `spec.levels[${i}].rule`)} THEN ${param(String(l.label))}`).join(' ')} END`;
}

export function paramCollector(start = 1): { params: unknown[]; param: (v: unknown) => string } {
  const params: unknown[] = [];
  return { params, param: (v) => (params.push(v), `$${start + params.length - 1}`) };
}
