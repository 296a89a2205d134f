// Row shapes. Field names are the database column names (snake_case); money
// is a number with at most two decimals; dates are 'YYYY-MM-DD' strings.

export const HIDDEN_TYPES = ['smb_operator', 'mid_market', 'enterprise', 'growth_team', 'cost_sensitive'] as const;
export type HiddenType = (typeof HIDDEN_TYPES)[number];

export const JOB_STEPS = ['define', 'locate', 'prepare', 'confirm', 'execute', 'monitor', 'modify', 'conclude'] as const;
export type JobStep = (typeof JOB_STEPS)[number];

export type Role = 'admin' | 'cx_director' | 'cx_owner' | 'product_owner' | 'analyst';
export type UserKey = 'admin' | 'director' | 'owner1' | 'owner2' | 'product1' | 'product2' | 'analyst';

export interface DemoUser {
  key: UserKey;
  email: string;
  name: string;
  role: Role;
}

export type Tier = 'basic' | 'professional' | 'enterprise';

export interface ProductRow {
  id: number;
  external_id: string;
  name: string;
  description: string;
  tier: Tier;
  /** Monthly list price per unit. */
  price: number;
  /** Cost per unit; exactly one of unit_cost / cost_share is set. */
  unit_cost: number | null;
  /** Cost as a share of the amount, 0..1. */
  cost_share: number | null;
  modules: string[];
  owner_key: 'product1' | 'product2';
}

export type SizeBand = 'S' | 'M' | 'L';
export type BusinessModel = 'B2B' | 'B2C' | 'B2B2C';
export type SupportLevel = 'basic' | 'standard' | 'premium';

export interface CustomerRow {
  id: number;
  external_id: string;
  name: string;
  industry: string | null;
  size_band: SizeBand | null;
  employees: number | null;
  region: string;
  business_model: BusinessModel;
  acquisition_channel: string;
  cac: number;
  support_level: SupportLevel;
  first_seen: string;
  email: string;
  phone: string;
}

export interface HiddenTypeRow {
  customer_external_id: string;
  hidden_type: HiddenType;
}

export type DealStatus = 'won' | 'lost' | 'open';

export interface DealRow {
  id: number;
  external_id: string;
  customer_id: number;
  product_id: number;
  opened_on: string;
  closed_on: string | null;
  status: DealStatus;
  amount: number;
}

export type TransactionType = 'payment' | 'refund' | 'expansion' | 'downgrade';

export interface TransactionRow {
  id: number;
  external_id: string;
  customer_id: number;
  product_id: number;
  occurred_on: string;
  /** What was charged, after discount; negative only for refunds. */
  amount: number;
  quantity: number;
  /** Amount given away (≥ 0); not subtracted from amount a second time. */
  discount: number;
  cost: number | null;
  type: TransactionType;
  overdue: boolean;
  order_id: string | null;
}

export interface UsageRow {
  customer_id: number;
  /** First day of the month. */
  period: string;
  active_users: number;
  events: number;
  modules_used: number;
}

export interface SurveyRow {
  id: number;
  external_id: string;
  customer_id: number;
  answered_on: string;
  nps: number | null;
  csat: number | null;
  reason: string;
}

export interface OutcomeRating {
  step: JobStep;
  outcome: string;
  importance: number;
  satisfaction: number;
}

export interface InterviewRow {
  id: number;
  external_id: string;
  customer_id: number;
  interviewed_on: string;
  business_context: { goals: string; rules: string; constraints: string; trigger_events: string };
  people_context: { knowledge: string; experience: string; goals: string; emotions: string };
  triggers: string;
  notes: string;
  jobs: string[];
  outcome_ratings: OutcomeRating[];
}

/** What a segment's member rule may look at (hidden type is generator-only knowledge). */
export interface MemberFacts {
  hidden_type: HiddenType;
  industry: string | null;
  size_band: SizeBand | null;
  employees: number | null;
  business_model: BusinessModel;
}

export interface SegmentRow {
  key: string;
  name: string;
  description: string;
  behaviour_factor: string;
  owner_key: 'owner1' | 'owner2';
  /** Human-readable member rule (what `matches` tests). */
  rule: string;
  /** Member rule as a predicate; not a column. */
  matches: (facts: MemberFacts) => boolean;
}

export interface MembershipRow {
  segment_key: string;
  customer_id: number;
  valid_from: string;
  /** Inclusive last day; null while open. */
  valid_to: string | null;
}

/** Cost to serve one active customer of a support level for a month (the director's table). */
export interface SupportCostRow {
  support_level: SupportLevel;
  monthly_cost: number;
}

/**
 * A segment plan. Targets are stated relative to the actual of the same-length
 * period before (the loader turns them into money once the rollups exist), so
 * the story stays plausible at any demo size.
 */
export interface PlanRow {
  segment_key: string;
  period_kind: 'quarter';
  period_start: string;
  /** Revenue and margin target = previous quarter's actual × this factor. */
  growth: number;
  /** Customers target = customers at the previous quarter's end + this. */
  customers_delta: number;
  status: 'proposed' | 'approved';
  proposed_by_key: 'owner1' | 'owner2';
}

export interface DemoCompanyOptions {
  /** PRNG seed (default 42). */
  seed?: number;
  /** Number of customers (default 5000); the same story at any scale. */
  customers?: number;
  /** Fixed last day of the data, inclusive (default '2026-09-30'). */
  endDate?: string;
  /** Length of the history in months (default 36). */
  months?: number;
  /**
   * Scales the number of billing rows (default 1: the generator's own story,
   * bit for bit). Benchmarks use it to reach exact sizes (10M rows at 200,000
   * customers, 30M at 1,000,000): each row becomes ⌊s⌋ or ⌈s⌉ rows (split
   * invoices that keep the row's total to the cent), or is dropped with
   * probability 1 − s when s < 1.
   */
  transactionScale?: number;
}

export interface ResolvedOptions {
  seed: number;
  customers: number;
  endDate: string;
  months: number;
  transactionScale: number;
}

export interface DemoCompany {
  options: ResolvedOptions;
  users: DemoUser[];
  products: ProductRow[];
  segments: SegmentRow[];
  supportCosts: SupportCostRow[];
  plans: PlanRow[];
  interviews: InterviewRow[];
  customers(): IterableIterator<CustomerRow>;
  hiddenTypes(): IterableIterator<HiddenTypeRow>;
  deals(): IterableIterator<DealRow>;
  transactions(): IterableIterator<TransactionRow>;
  usage(): IterableIterator<UsageRow>;
  surveys(): IterableIterator<SurveyRow>;
  memberships(): IterableIterator<MembershipRow>;
}
