import { makeCalendar } from './calendar.js';
import { DEMO_USERS, PRODUCTS } from './catalog.js';
import { customers, deals, hiddenTypes, surveys, usage } from './generators.js';
import { interviews } from './interviews.js';
import { demoPlans, memberships, SEGMENTS, SUPPORT_COSTS } from './segments.js';
import { transactions } from './transactions.js';
import type { DemoCompany, DemoCompanyOptions, ResolvedOptions } from './types.js';

export * from './types.js';
export { DEMO_PASSWORD } from './catalog.js';
export { TYPE_PARAMS } from './hidden-types.js';
export { Rng, hash32 } from './rng.js';
export { csvField, csvLine, csvLines, TABLE_COLUMNS, type TableName } from './csv.js';
export { behaviourFeatures, FEATURE_NAMES, type BehaviourFeatures } from './features.js';
export { DEMO_IMPORTS, demoImportTimes, type DemoImport, type DemoImportSource } from './imports.js';
export { WORKSPACES, splitOutcome, type SegmentWorkspace, type WorkspaceCard, type WorkspaceOutcome, type WorkspaceInitiative } from './workspace.js';

export const DEFAULT_OPTIONS: ResolvedOptions = { seed: 42, customers: 5000, endDate: '2026-09-30', months: 36, transactionScale: 1 };

/**
 * The demo company: a B2B communications platform with customers drawn from
 * five hidden behavioural types. Pure and deterministic: the same options give
 * the same rows on any machine and any day. Big tables are lazy iterables —
 * each call starts a fresh pass — so 1M customers and 30M transactions stream
 * in constant memory. Small tables are arrays.
 */
export function generateDemoCompany(options: DemoCompanyOptions = {}): DemoCompany {
  const resolved: ResolvedOptions = {
    seed: options.seed ?? DEFAULT_OPTIONS.seed,
    customers: options.customers ?? DEFAULT_OPTIONS.customers,
    endDate: options.endDate ?? DEFAULT_OPTIONS.endDate,
    months: options.months ?? DEFAULT_OPTIONS.months,
    transactionScale: options.transactionScale ?? DEFAULT_OPTIONS.transactionScale,
  };
  if (!Number.isInteger(resolved.seed)) throw new Error(`seed must be an integer, got ${resolved.seed}`);
  if (!Number.isInteger(resolved.customers) || resolved.customers < 1 || resolved.customers > 9_999_999) {
    throw new Error(`customers must be an integer in 1..9999999, got ${resolved.customers}`);
  }
  if (!(Number.isFinite(resolved.transactionScale) && resolved.transactionScale > 0 && resolved.transactionScale <= 20)) {
    throw new Error(`transactionScale must be a number in (0, 20], got ${resolved.transactionScale}`);
  }
  const cal = makeCalendar(resolved.endDate, resolved.months);
  const { seed, customers: n } = resolved;
  let interviewCache: DemoCompany['interviews'] | undefined;

  return {
    options: resolved,
    users: DEMO_USERS.map((u) => ({ ...u })),
    products: PRODUCTS.map((p) => ({ ...p, modules: [...p.modules] })),
    segments: SEGMENTS.map((s) => ({ ...s })),
    supportCosts: SUPPORT_COSTS.map((c) => ({ ...c })),
    plans: demoPlans(cal),
    get interviews() {
      interviewCache ??= interviews(seed, n, cal);
      return interviewCache;
    },
    customers: () => customers(seed, n, cal),
    hiddenTypes: () => hiddenTypes(seed, n, cal),
    deals: () => deals(seed, n, cal),
    transactions: () => transactions(seed, n, cal, resolved.transactionScale),
    usage: () => usage(seed, n, cal),
    surveys: () => surveys(seed, n, cal),
    memberships: () => memberships(seed, n, cal),
  };
}
