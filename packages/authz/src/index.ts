import {
  AbilityBuilder,
  createMongoAbility,
  type ForcedSubject,
  type MongoAbility,
  type MongoQuery,
  type RawRuleOf,
} from '@casl/ability';
import { packRules, unpackRules, type PackRule } from '@casl/ability/extra';

/** Every role the product knows. Unknown roles are rejected, never defaulted. */
export const ROLES = ['admin', 'cx_director', 'cx_owner', 'product_owner', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  'manage', // CASL wildcard: any action
  'read',
  'create',
  'update',
  'delete',
  'archive',
  'assignOwner',
  'merge',
  'split',
  'propose',
  'approve',
  'promote',
  'export',
  'erase',
] as const;
export type Action = (typeof ACTIONS)[number];

export const SUBJECTS = [
  'User',
  'ApiToken',
  'Customer',
  'Transaction',
  'Segment',
  'SegmentPnl',
  'Product',
  'ProductRevenue',
  'Scenario',
  'Attachment',
  'JobMap',
  'Interview',
  'ValueStream',
  'Plan',
  'Import',
  'Model',
  'Run',
  'Promotion',
  'AuditLog',
  'Settings',
] as const;
export type Subject = (typeof SUBJECTS)[number];

/**
 * Plain objects checked against conditions. The API builds them from rows
 * (`subject('Segment', { ownerId })`), the admin from DTOs. Condition fields:
 * - ownerId: Segment, SegmentPnl (the segment's CX-owner), Product (the product owner)
 * - segmentOwnerId: things that hang under a segment (Scenario, JobMap, ValueStream, Plan, Attachment)
 * - productOwnerId: Attachment, ProductRevenue
 * - segmentOwnerIds / productOwnerIds: Customer and Transaction scope (arrays)
 */
export type AppSubject = Subject | 'all' | ForcedSubject<Subject>;
export type AppAbility = MongoAbility<[Action, AppSubject], MongoQuery>;
export type AppRule = RawRuleOf<AppAbility>;

export interface AuthUser {
  id: string;
  role: string;
}

type Can = AbilityBuilder<AppAbility>['can'];

/**
 * Conditions are plain field equalities on the objects described above.
 * CASL types conditions against class subjects; ours are strings, so we state
 * the shape here once instead of casting at every rule.
 */
function where(q: Record<string, string>): MongoQuery<never> {
  return q as MongoQuery<never>;
}

const ruleSets: Record<Role, (can: Can, user: AuthUser) => void> = {
  admin(can) {
    can('read', 'all');
    can('manage', 'User');
    can('manage', 'ApiToken');
    can('erase', 'Customer');
    can('export', 'all');
    // Installation settings (currency, time zone, fiscal year, cost to serve): the admin sets them up, the director runs them.
    can('update', 'Settings');
  },

  cx_director(can) {
    can('read', 'all');
    can('export', 'all');
    can(['create', 'update', 'archive', 'assignOwner', 'merge', 'split'], 'Segment');
    // Decides CX-owners' proposals to archive, merge or split.
    can('approve', 'Segment');
    // The director runs the portfolio: can edit anything under any segment.
    can(['create', 'update', 'delete'], ['Scenario', 'JobMap', 'ValueStream', 'Interview']);
    can('update', 'Attachment');
    can(['create', 'update', 'approve'], 'Plan');
    can('approve', 'Promotion');
    can('update', 'Settings');
  },

  cx_owner(can, user) {
    const mine = where({ segmentOwnerId: user.id });
    can('read', ['Segment', 'Scenario', 'JobMap', 'ValueStream', 'Attachment', 'Product', 'Interview', 'Run']);
    // Targets are part of a segment's P&L: only for my segments.
    can('read', 'Plan', mine);
    can('read', 'SegmentPnl', where({ ownerId: user.id }));
    can('export', 'SegmentPnl', where({ ownerId: user.id }));
    can('update', 'Segment', where({ ownerId: user.id }));
    can('propose', 'Segment', where({ ownerId: user.id }));
    can(['create', 'update', 'delete'], ['Scenario', 'JobMap', 'ValueStream'], mine);
    can('update', 'Attachment', mine); // endorse or reject what hangs on my scenarios
    can(['create', 'update'], 'Plan', mine);
    can('create', 'Interview');
    can('read', ['Customer', 'Transaction'], where({ segmentOwnerIds: user.id }));
    can('export', 'Customer', where({ segmentOwnerIds: user.id }));
  },

  product_owner(can, user) {
    can('read', ['Segment', 'Scenario', 'JobMap', 'Attachment', 'Product', 'ValueStream']);
    can(['create', 'update', 'delete'], 'Product', where({ ownerId: user.id }));
    can(['create', 'delete'], 'Attachment', where({ productOwnerId: user.id }));
    can('read', 'ProductRevenue', where({ productOwnerId: user.id }));
    can('export', 'ProductRevenue', where({ productOwnerId: user.id }));
    can('read', 'Customer', where({ productOwnerIds: user.id }));
    // Within a customer, only the lines of their own products.
    can('read', 'Transaction', where({ productOwnerId: user.id }));
  },

  analyst(can) {
    can('read', ['Segment', 'Customer', 'Transaction', 'Product', 'Interview', 'Scenario', 'JobMap', 'Attachment', 'ValueStream']);
    can('manage', ['Import', 'Model', 'Run']);
    can('propose', 'Promotion');
    can('read', 'Promotion');
    can('export', ['Customer', 'Run']);
  },
};

export function isRole(role: string): role is Role {
  return (ROLES as readonly string[]).includes(role);
}

/** The one place a user's permissions come from. Throws on an unknown role (default deny). */
export function defineAbilityFor(user: AuthUser): AppAbility {
  if (!isRole(user.role)) throw new Error(`Unknown role "${user.role}"`);
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  ruleSets[user.role](builder.can, user);
  return builder.build();
}

/** What an integration's API token may do: bring data in (and read back its imports' status). Nothing else. */
export const API_TOKEN_SCOPES = ['import'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

export function defineAbilityForApiToken(scope: string): AppAbility {
  if (!(API_TOKEN_SCOPES as readonly string[]).includes(scope)) throw new Error(`Unknown API token scope "${scope}"`);
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  builder.can(['create', 'read'], 'Import');
  return builder.build();
}

export type PackedRules = PackRule<AppRule>[];

export function packAbility(ability: AppAbility): PackedRules {
  return packRules(ability.rules as AppRule[]);
}

/** Rebuild the same ability from `/api/me`'s packed rules (admin side). */
export function abilityFromPacked(rules: PackedRules): AppAbility {
  return createMongoAbility<AppAbility>(unpackRules(rules) as AppRule[]);
}

export { subject } from '@casl/ability';
