import type { RuleCondition, RuleGroup } from '@cxs/contracts';
import { FEATURE_SET, RULE_ATTRIBUTES } from '../features/feature-catalogue.js';

export class RuleError extends Error {}

const CMPS = new Set(['>=', '<=', '>', '<', '=', '!=']);

function isGroup(x: RuleCondition | RuleGroup): x is RuleGroup {
  return (x as RuleGroup).op !== undefined;
}

/**
 * A rule (AND/OR groups of comparisons) as a SQL boolean over `cf`
 * (customer_features) and `c` (customers). Fields are whitelisted (the feature
 * catalogue and CRM attributes); values always travel as parameters.
 */
export function ruleToSql(rule: RuleGroup, param: (v: unknown) => string, depth = 0): string {
  if (depth > 5) throw new RuleError('rules may nest at most 5 levels deep');
  if (!rule || (rule.op !== 'and' && rule.op !== 'or') || !Array.isArray(rule.conditions)) throw new RuleError('a rule group needs op "and" or "or" and a list of conditions');
  if (rule.conditions.length === 0) return rule.op === 'and' ? 'TRUE' : 'FALSE';
  const parts = rule.conditions.map((c) => {
    if (isGroup(c)) return ruleToSql(c, param, depth + 1);
    if (!CMPS.has(c.cmp)) throw new RuleError(`unknown comparison ${JSON.stringify(c.cmp)}`);
    if (FEATURE_SET.has(c.field)) {
      const v = Number(c.value);
      if (!Number.isFinite(v)) throw new RuleError(`feature "${c.field}" needs a number, got ${JSON.stringify(c.value)}`);
      return `cf.${c.field} ${c.cmp} ${param(v)}::float8`;
    }
    const kind = RULE_ATTRIBUTES[c.field];
    if (!kind) throw new RuleError(`unknown field "${c.field}": use a feature from the catalogue or one of ${Object.keys(RULE_ATTRIBUTES).join(', ')}`);
    if (kind === 'number') {
      const v = Number(c.value);
      if (!Number.isFinite(v)) throw new RuleError(`"${c.field}" needs a number, got ${JSON.stringify(c.value)}`);
      return `c.${c.field} ${c.cmp} ${param(v)}::float8`;
    }
    if (c.cmp !== '=' && c.cmp !== '!=') throw new RuleError(`"${c.field}" is text: use = or !=`);
    return c.cmp === '=' ? `c.${c.field} = ${param(String(c.value))}` : `c.${c.field} IS DISTINCT FROM ${param(String(c.value))}`;
  });
  return `(${parts.join(rule.op === 'and' ? ' AND ' : ' OR ')})`;
}

/** CASE expression giving each customer the label of the first level that matches (NULL = no level). */
export function levelsToSql(levels: { label: string; rule: RuleGroup }[], param: (v: unknown) => string): string {
  if (!Array.isArray(levels) || levels.length === 0) throw new RuleError('a rule model needs at least one level');
  return `CASE ${levels.map((l) => `WHEN ${ruleToSql(l.rule, param)} THEN ${param(String(l.label))}`).join(' ')} END`;
}

export function paramCollector(start = 1): { params: unknown[]; param: (v: unknown) => string } {
  const params: unknown[] = [];
  return { params, param: (v) => (params.push(v), `$${start + params.length - 1}`) };
}
