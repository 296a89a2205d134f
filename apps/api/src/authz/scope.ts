import type { Action, AppAbility, Subject } from '@cxs/authz';

export interface SqlScope {
  /** SQL boolean expression, or 'TRUE' when unrestricted. */
  sql: string;
  params: unknown[];
}

/**
 * Translates a user's CASL rules for (action, subject) into a SQL WHERE
 * fragment, so list endpoints filter in the database from the very rules the
 * API and the admin check in memory. Each condition field must have a
 * translator; an unknown one throws, so a new rule can never silently widen a
 * list.
 */
export function scopeToSql(
  ability: AppAbility,
  action: Action,
  subject: Subject,
  fields: Record<string, (value: unknown, param: (v: unknown) => string) => string>,
  startParam = 1,
): SqlScope | null {
  const params: unknown[] = [];
  const param = (v: unknown) => {
    params.push(v);
    return `$${startParam + params.length - 1}`;
  };
  const rules = ability.rulesFor(action, subject);
  // Our rule sets only grant (no `cannot`), which keeps the translation exact; refuse anything else.
  if (rules.some((r) => r.inverted)) throw new Error(`Inverted rules on ${subject} are not translated to SQL`);
  if (rules.length === 0) return null;
  if (rules.some((r) => !r.conditions)) return { sql: 'TRUE', params };
  const ors = rules.map((rule) => {
    const parts = Object.entries(rule.conditions as Record<string, unknown>).map(([field, value]) => {
      const translate = fields[field];
      if (!translate) throw new Error(`No SQL translation for condition field "${field}" on ${subject}`);
      return translate(value, param);
    });
    return `(${parts.join(' AND ')})`;
  });
  return { sql: `(${ors.join(' OR ')})`, params };
}

/** Customer visibility: director/analyst/admin all; CX-owner via membership history; product owner via purchases. */
export function customerScope(ability: AppAbility, alias: string, startParam = 1, action: Action = 'read'): SqlScope | null {
  return scopeToSql(
    ability,
    action,
    'Customer',
    {
      segmentOwnerIds: (v, p) =>
        `EXISTS (SELECT 1 FROM segment_memberships sm JOIN segments s ON s.id = sm.segment_id WHERE sm.customer_id = ${alias}.id AND s.owner_id = ${p(v)}::uuid)`,
      productOwnerIds: (v, p) =>
        `EXISTS (SELECT 1 FROM transactions t JOIN products pr ON pr.id = t.product_id WHERE t.customer_id = ${alias}.id AND pr.owner_id = ${p(v)}::uuid)`,
    },
    startParam,
  );
}

/** Transaction visibility inside a visible customer: product owners see only their own products' lines. */
export function transactionScope(ability: AppAbility, txAlias: string, productAlias: string, startParam = 1): SqlScope | null {
  return scopeToSql(
    ability,
    'read',
    'Transaction',
    {
      segmentOwnerIds: (v, p) =>
        `EXISTS (SELECT 1 FROM segment_memberships sm JOIN segments s ON s.id = sm.segment_id WHERE sm.customer_id = ${txAlias}.customer_id AND s.owner_id = ${p(v)}::uuid)`,
      productOwnerId: (v, p) => `${productAlias}.owner_id = ${p(v)}::uuid`,
    },
    startParam,
  );
}
