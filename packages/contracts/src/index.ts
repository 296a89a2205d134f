/**
 * Request/response shapes shared by the API and the admin. The API maps
 * entities to these; entities never leave apps/api.
 */
export type Role = 'admin' | 'cx_director' | 'cx_owner' | 'product_owner' | 'analyst';

/** Every error body: a stable machine code, a human message, optional field details. */
export interface ApiError {
  code: string;
  message: string;
  details?: { field?: string; row?: number; column?: string; value?: string; message: string }[];
  requestId?: string;
}

export interface UserDto {
  id: string;
  email: string;
  name: string;
  role: Role;
  isActive: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}

export interface SignInRequest {
  email: string;
  password: string;
}

export interface MeResponse {
  user: UserDto;
  /** CASL packed rules (packRules); rebuild with abilityFromPacked from @cxs/authz. */
  rules: unknown[];
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface CreateUserRequest {
  email: string;
  name: string;
  role: Role;
}
export interface UpdateUserRequest {
  name?: string;
  role?: Role;
  isActive?: boolean;
}
/** Returned once when a user is created or a password reset: shown to the admin to pass on. */
export interface TemporaryPasswordResponse {
  user: UserDto;
  temporaryPassword: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type SizeBand = 'S' | 'M' | 'L';
export type BusinessModel = 'B2B' | 'B2C' | 'B2B2C';

export interface CustomerListItem {
  id: string;
  externalId: string;
  name: string;
  industry: string | null;
  sizeBand: SizeBand | null;
  employees: number | null;
  region: string | null;
  businessModel: BusinessModel | null;
  supportLevel: string | null;
  notInCrm: boolean;
  /** Current managed segment, if any. */
  segmentId: string | null;
  segmentName: string | null;
  /** Net revenue, all time, decimal string. */
  revenue: string;
  lastTransactionOn: string | null;
}

export interface CustomerQuery {
  page?: number;
  pageSize?: number;
  q?: string;
  industry?: string;
  sizeBand?: SizeBand | 'unknown';
  businessModel?: BusinessModel;
  sort?: 'name' | 'revenue' | 'lastTransactionOn' | 'employees';
  order?: 'asc' | 'desc';
}

export interface CustomerFacets {
  industries: string[];
  regions: string[];
  sizeBands: SizeBand[];
  businessModels: BusinessModel[];
}

export interface CustomerDetail extends CustomerListItem {
  acquisitionChannel: string | null;
  cac: string | null;
  firstSeen: string | null;
  email: string | null;
  phone: string | null;
  erasedAt: string | null;
  transactions: TransactionDto[];
  usage: UsageDto[];
  surveys: SurveyAnswerDto[];
  memberships: MembershipDto[];
}

export type TransactionType = 'payment' | 'refund' | 'expansion' | 'downgrade';

export interface TransactionDto {
  id: string;
  occurredOn: string;
  productId: string | null;
  productName: string | null;
  type: TransactionType;
  amount: string;
  discount: string;
  quantity: string;
  cost: string | null;
  overdue: boolean;
}

export interface UsageDto {
  period: string;
  activeUsers: number;
  events: number;
  modulesUsed: number;
}

export interface SurveyAnswerDto {
  id: string;
  answeredOn: string;
  nps: number | null;
  csat: number | null;
  reason: string | null;
}

export interface MembershipDto {
  segmentId: string;
  segmentName: string;
  validFrom: string;
  validTo: string | null;
}

export interface SegmentDto {
  id: string;
  name: string;
  description: string | null;
  behaviourFactor: string | null;
  ownerId: string | null;
  ownerName: string | null;
  status: 'active' | 'archived';
  memberCount: number;
  createdAt: string;
}

export interface ProductDto {
  id: string;
  externalId: string;
  name: string;
  description: string | null;
  tier: 'basic' | 'professional' | 'enterprise';
  price: string;
  unitCost: string | null;
  costShare: string | null;
  modules: string[];
  ownerId: string | null;
  ownerName: string | null;
}

export interface HealthResponse {
  status: 'ok' | 'degraded';
  database: 'up' | 'down';
  migrations: 'current' | 'pending';
  pendingMigrations: string[];
  version: string;
}

// ─── Imports (issue 4) ──────────────────────────────────────────────────────

export const IMPORT_SOURCES = ['customers', 'deals', 'transactions', 'usage', 'surveys', 'interviews', 'products'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];
export type ImportStatus = 'draft' | 'queued' | 'running' | 'merging' | 'validated' | 'succeeded' | 'failed' | 'cancelled' | 'undone';
export type ImportMode = 'reject_file' | 'quarantine';
export type ImportEncoding = 'utf-8' | 'windows-1251';
export type ImportDateFormat = 'YYYY-MM-DD' | 'DD.MM.YYYY' | 'DD/MM/YYYY' | 'MM/DD/YYYY';

export interface ImportFormat {
  delimiter: string;
  encoding: ImportEncoding;
  decimal: '.' | ',';
  /** '' when numbers have no grouping. */
  thousands: '' | ',' | '.' | ' ';
  dateFormat: ImportDateFormat;
}

export interface ImportDetected extends ImportFormat {
  bom: boolean;
  /** Slash dates where day and month could not be told apart from this file. */
  dateAmbiguous: boolean;
}

export interface ImportFieldDto {
  key: string;
  type: 'text' | 'int' | 'money' | 'decimal' | 'date' | 'bool' | 'enum' | 'json' | 'list';
  required: boolean;
  values?: string[];
}

export interface ImportSourceDto {
  source: ImportSource;
  fields: ImportFieldDto[];
  /** Fields that identify a row for idempotent re-imports. */
  key: string[];
}

/** target field → header in the file (absent = not imported). */
export type ImportMapping = Record<string, string>;

export interface ImportDto {
  id: string;
  source: ImportSource;
  status: ImportStatus;
  mode: ImportMode;
  dryRun: boolean;
  fileName: string;
  fileSize: number;
  format: ImportFormat;
  detected: ImportDetected;
  mapping: ImportMapping;
  headers: string[];
  preview: string[][];
  bytesRead: number;
  /** 0–100, from the bytes read. */
  progress: number;
  rowsPerSecond: number | null;
  rowsIn: number;
  rowsImported: number;
  rowsQuarantined: number;
  rowsRejected: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  placeholdersCreated: number;
  errorCount: number;
  warningCount: number;
  error: string | null;
  createdBy: { id: string; name: string } | null;
  apiTokenName: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  undoneAt: string | null;
  canUndo: boolean;
}

export interface ImportProblemDto {
  row: number;
  column: string | null;
  value: string | null;
  code: string;
  reason: string;
  severity: 'error' | 'warning';
}

export interface UpdateImportRequest {
  mapping?: ImportMapping;
  format?: Partial<ImportFormat>;
  mode?: ImportMode;
}

export interface ImportPresetDto {
  id: string;
  source: ImportSource;
  name: string;
  mapping: ImportMapping;
  format: Partial<ImportFormat>;
  createdAt: string;
}

export interface CreateImportPresetRequest {
  source: ImportSource;
  name: string;
  mapping: ImportMapping;
  format?: Partial<ImportFormat>;
}

export interface ApiTokenDto {
  id: string;
  name: string;
  prefix: string;
  scope: 'import';
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The secret is in this response only. */
export interface CreatedApiTokenDto {
  token: ApiTokenDto;
  secret: string;
}

export interface ErasureResultDto {
  customerId: string;
  erasedAt: string;
}

// ─── Segment workspace: card, scenarios, bundle, job map, value stream, lifecycle ───

/** Evidence a card field (or the behaviour factor) rests on. */
export type EvidenceKind = 'interview' | 'survey' | 'metric';
export interface EvidenceRef {
  kind: EvidenceKind;
  /** Interview or survey-answer id; for a metric, the metric's name (e.g. "avgCheck"). */
  ref: string;
  /** What it shows ("8 of 12 interviewees name set-up time"; "average check 1,240"). */
  note: string;
}

export const CARD_FIELDS = [
  'needs',
  'pains',
  'contextOfUse',
  'successCriteria',
  'barriers',
  'valueDrivers',
  'typicalCases',
  'churnRisks',
] as const;
export type CardField = (typeof CARD_FIELDS)[number];

export interface CardEntry {
  text: string;
  evidence: EvidenceRef[];
}

export type GrowthLevel = 'low' | 'medium' | 'high';

export interface SegmentCard {
  behaviourFactor: string | null;
  behaviourFactorEvidence: EvidenceRef[];
  description: string | null;
  fields: Record<CardField, CardEntry>;
  growthPotential: { level: GrowthLevel | null; reason: string; evidence: EvidenceRef[] };
}

export interface SegmentCardResponse {
  segmentId: string;
  name: string;
  ownerId: string | null;
  status: 'active' | 'archived';
  card: SegmentCard;
  updatedAt: string;
}

export type UpdateSegmentCardRequest = Partial<Omit<SegmentCard, 'fields'>> & {
  name?: string;
  fields?: Partial<Record<CardField, CardEntry>>;
};

export type AttachmentStatus = 'proposed' | 'endorsed' | 'rejected';
export type Tier = 'basic' | 'professional' | 'enterprise';

export interface AttachmentDto {
  id: string;
  stepId: string;
  productId: string;
  productName: string;
  productTier: Tier;
  productOwnerId: string | null;
  productOwnerName: string | null;
  note: string | null;
  /** The job-map steps this product does the job for (drives the coverage matrix). */
  jobSteps: JobStep[];
  status: AttachmentStatus;
  reviewNote: string | null;
  createdAt: string;
}

export interface ScenarioStepDto {
  id: string;
  title: string;
  position: number;
  attachments: AttachmentDto[];
}

export interface ScenarioDto {
  id: string;
  segmentId: string;
  title: string;
  description: string | null;
  position: number;
  steps: ScenarioStepDto[];
}

/** Which segments, scenarios and steps use a product (the product owner's view). */
export interface ProductUsageDto {
  attachmentId: string;
  productId: string;
  productName: string;
  segmentId: string;
  segmentName: string;
  scenarioId: string;
  scenarioTitle: string;
  stepId: string;
  stepTitle: string;
  note: string | null;
  status: AttachmentStatus;
}

export const JOB_STEPS = ['define', 'locate', 'prepare', 'confirm', 'execute', 'monitor', 'modify', 'conclude'] as const;
export type JobStep = (typeof JOB_STEPS)[number];
export type OpportunityBand = 'outstanding' | 'strong' | 'worth_a_look' | 'served';

export interface OutcomeDto {
  id: string;
  step: JobStep;
  direction: 'minimise' | 'maximise';
  metric: string;
  object: string;
  context: string | null;
  /** "Minimise the time it takes to … when …" */
  statement: string;
  ratingSource: 'direct' | 'computed';
  evidenceLabel: string | null;
  /** 0–10, two decimals; null when unknown (no direct value, or no linked answers). */
  importance: number | null;
  satisfaction: number | null;
  opportunity: number | null;
  band: OpportunityBand | null;
  /** Linked answers behind a computed rating (interview ratings and survey answers). */
  evidenceCount: number;
  importanceAnswers: number;
  satisfactionAnswers: number;
  /** Computed from fewer than 5 answers. */
  thinEvidence: boolean;
  position: number;
}

export interface JobMapDto {
  segmentId: string;
  mainJob: string | null;
  outcomes: OutcomeDto[];
  /**
   * Per job step: how many outcomes, the best opportunity, and which bundle
   * products cover it (attachments name the job steps they do the job for).
   * A step with a high opportunity and no product is a growth point.
   */
  steps: { step: JobStep; outcomes: number; maxOpportunity: number | null; band: OpportunityBand | null; productIds: string[] }[];
  /** Products in the segment's bundle (attached anywhere in its scenarios, not rejected). */
  bundle: { id: string; name: string; tier: Tier }[];
}

export interface OutcomeEvidenceDto {
  id: string;
  source: 'interview' | 'survey';
  sourceId: string;
  externalId: string;
  customerName: string | null;
  date: string;
  importance: number | null;
  satisfaction: number | null;
}

export interface InterviewDto {
  id: string;
  externalId: string;
  customerId: string | null;
  customerName: string | null;
  interviewedOn: string;
  businessContext: { goals?: string; rules?: string; constraints?: string; trigger_events?: string };
  peopleContext: { knowledge?: string; experience?: string; goals?: string; emotions?: string };
  triggers: string | null;
  notes: string | null;
  jobs: string[];
  outcomeRatings: { step: string; outcome: string; importance: number; satisfaction: number }[];
}

export const VALUE_STREAM_STAGES = ['research', 'development', 'marketing', 'sales', 'onboarding', 'service'] as const;
export type ValueStreamStage = (typeof VALUE_STREAM_STAGES)[number];
export const INITIATIVE_STATUSES = ['planned', 'in_progress', 'blocked', 'done'] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];

export interface InitiativeDto {
  id: string;
  segmentId: string;
  title: string;
  ownerId: string | null;
  ownerName: string | null;
  stage: ValueStreamStage;
  status: InitiativeStatus;
  cost: string | null;
  expectedEffect: string | null;
  scenarioId: string | null;
  scenarioTitle: string | null;
  outcomeId: string | null;
  outcomeStatement: string | null;
  productId: string | null;
  productName: string | null;
  startedOn: string | null;
  doneOn: string | null;
  position: number;
}

export interface FlowFigures {
  /** Initiatives in progress or blocked now. */
  inProgress: number;
  /** Done per calendar month, last 6 months, oldest first. */
  throughput: { month: string; done: number }[];
  /** Mean throughput over those months. */
  throughputPerMonth: number;
  /** Median days from start to done, over initiatives done in the last 6 months; null when none. */
  leadTimeDays: number | null;
}

export interface ValueStreamBoardDto {
  segmentId: string;
  stages: ValueStreamStage[];
  initiatives: InitiativeDto[];
  flow: FlowFigures;
}

export interface SegmentHistoryEntry {
  id: string;
  at: string;
  action: string;
  subjectType: string;
  subjectId: string;
  actorName: string | null;
  before: unknown;
  after: unknown;
}

export type ProposalKind = 'archive' | 'merge' | 'split';
/** Split rule: customers whose attribute is one of the values go to the first new segment, the rest to the second. */
export interface SplitRule {
  field: 'industry' | 'sizeBand' | 'businessModel' | 'region';
  values: string[];
}

export interface SegmentProposalDto {
  id: string;
  segmentId: string;
  segmentName: string;
  kind: ProposalKind;
  payload: Record<string, unknown>;
  reason: string;
  status: 'open' | 'approved' | 'rejected';
  proposedBy: string | null;
  proposedByName: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  createdAt: string;
}

export interface MergeResult {
  segment: SegmentDto;
  /** Memberships closed (day before the merge date) and opened (on it). */
  closed: number;
  opened: number;
  /** What the merged segment took over from the merged ones (copies: the archived segments keep theirs). */
  carried: MergeCarried;
}

export interface MergeCarried {
  /** The segment whose card was taken, or null for an empty card. */
  cardFrom: string | null;
  scenarios: number;
  steps: number;
  attachments: number;
  outcomes: number;
  evidence: number;
  initiatives: number;
}

export interface SplitResult {
  segments: SegmentDto[];
  closed: number;
  opened: number;
}

// ---------------------------------------------------------------------------
// Segment P&L, plans, settings (issue 7). Money is a decimal string; months are 'YYYY-MM'.

export type PeriodKind = 'month' | 'quarter' | 'year';

export interface PnlPeriod {
  /** First month, 'YYYY-MM'. */
  from: string;
  /** Last month (inclusive), 'YYYY-MM'. */
  to: string;
  months: number;
}

export interface PnlLines {
  netRevenue: string;
  newRevenue: string;
  recurringRevenue: string;
  expansionRevenue: string;
  discounts: string;
  refunds: string;
  costOfGoods: string;
  grossMargin: string;
  acquisitionCost: string;
  costToServe: string;
  contributionMargin: string;
  transactions: number;
}

export interface PnlCounts {
  atStart: number;
  atEnd: number;
  new: number;
  movedIn: number;
  movedOut: number;
  churned: number;
  active: number;
}

export interface PnlRetention {
  /** Ratios as decimal strings with 4 decimals, null when the cohort had no revenue. */
  nrr: string | null;
  grr: string | null;
  cohortCustomers: number;
  previousRevenue: string;
  currentRevenue: string;
  cappedRevenue: string;
}

export interface PlanVsActual {
  planId: string;
  status: 'proposed' | 'approved';
  periodKind: PeriodKind;
  periodStart: string;
  revenueTarget: string;
  revenueActual: string;
  revenueVariance: string;
  marginTarget: string;
  marginActual: string;
  marginVariance: string;
  customersTarget: number;
  customersActual: number;
  customersVariance: number;
  /** (actual − target) ÷ |target|, 4 decimals; null when the target is 0. */
  revenueVariancePct: string | null;
  marginVariancePct: string | null;
  customersVariancePct: string | null;
  /** Months of the plan's period that have data so far (0 = not started; equal to its length = complete). */
  monthsWithData: number;
  periodMonths: number;
}

export interface PnlTrendPoint {
  month: string;
  netRevenue: string;
  grossMargin: string;
  newRevenue: string;
  expansionRevenue: string;
  recurringRevenue: string;
}

export interface SegmentPnlDto {
  /** '0' = unsegmented. */
  segmentId: string;
  segmentName: string;
  ownerId: string | null;
  ownerName: string | null;
  period: PnlPeriod;
  lines: PnlLines;
  counts: PnlCounts;
  retention: PnlRetention;
  plans: PlanVsActual[];
  trend: PnlTrendPoint[];
  currency: string;
}

export interface PortfolioRow {
  segmentId: string;
  segmentName: string;
  ownerId: string | null;
  ownerName: string | null;
  netRevenue: string;
  grossMargin: string;
  contributionMargin: string;
  /** Net revenue vs the same-length period before, ratio − 1 (4 decimals), null without a base. */
  growth: string | null;
  nrr: string | null;
  customers: number;
}

export interface PortfolioDto {
  period: PnlPeriod;
  currency: string;
  rows: PortfolioRow[];
  total: PortfolioRow;
  trend: { segmentId: string; segmentName: string; points: { month: string; netRevenue: string; grossMargin: string }[] }[];
  unowned: { segmentId: string; segmentName: string; members: number }[];
}

export interface MigrationFlow {
  fromSegmentId: string;
  fromSegmentName: string;
  toSegmentId: string;
  toSegmentName: string;
  customers: number;
  /** Revenue of the moved customers in the 12 months before their move. */
  revenue: string;
}

export interface AbcdxDto {
  runId: string | null;
  runAt: string | null;
  items: { label: string; customers: number; revenue: string }[];
}

export interface DrillCustomerRow {
  customerId: string;
  externalId: string;
  name: string;
  netRevenue: string;
  costOfGoods: string;
  grossMargin: string;
  transactions: number;
}

export interface DrillTransactionRow {
  id: string;
  externalId: string;
  customerId: string;
  customerName: string;
  occurredOn: string;
  type: TransactionType;
  productId: string | null;
  productName: string | null;
  amount: string;
  discount: string;
  costOfGoods: string;
}

export interface ChurnRiskRow {
  customerId: string;
  name: string;
  reasons: ('recency' | 'usage' | 'nps')[];
  daysSinceLastTransaction: number | null;
  /** Longest gap between consecutive transactions in the 365 days before asOf (null with fewer than 2). */
  longestGapDays: number | null;
  usageChange: string | null;
  lastNps: number | null;
  previousNps: number | null;
  revenue12m: string;
}

/** Churn risks of a segment's current members as of the day after the data ends (rule: docs/churn-risk.md). */
export interface ChurnRisksDto {
  asOf: string;
  total: number;
  items: ChurnRiskRow[];
}

export interface TopCustomerRow {
  customerId: string;
  externalId: string;
  name: string;
  netRevenue: string;
  grossMargin: string;
  /** Their revenue in this segment in the same-length period before; null if none. */
  previousRevenue: string | null;
  /** netRevenue ÷ previousRevenue − 1, 4 decimals; null without a base. */
  change: string | null;
  /** Monthly net revenue in this segment over the 12 months ending with the period (zeros included). */
  trend: { month: string; netRevenue: string }[];
}

export interface TopCustomersDto {
  period: PnlPeriod;
  currency: string;
  items: TopCustomerRow[];
}

export interface ProductRevenueRow {
  productId: string;
  productName: string;
  segmentId: string;
  segmentName: string;
  netRevenue: string;
  grossMargin: string;
  customers: number;
}

export interface ProductBundleUse {
  productId: string;
  productName: string;
  segments: { segmentId: string; segmentName: string; scenarios: { scenarioId: string; title: string; status: string }[] }[];
}

export interface ProductRevenueDto {
  period: PnlPeriod;
  currency: string;
  rows: ProductRevenueRow[];
  /** Segments whose bundles include each product: the scenarios it is attached to there (rejected attachments left out). */
  bundles: ProductBundleUse[];
}

export interface PlanDto {
  id: string;
  segmentId: string;
  segmentName: string;
  periodKind: PeriodKind;
  periodStart: string;
  revenueTarget: string;
  marginTarget: string;
  customersTarget: number;
  status: 'proposed' | 'approved';
  proposedByName: string | null;
  approvedByName: string | null;
  approvedAt: string | null;
  note: string | null;
  /** The director's comment on approving or changing the targets. */
  decisionComment: string | null;
  /** Actual of the plan's own period from the P&L rollups, and the variance. */
  actual: Omit<PlanVsActual, 'planId' | 'status' | 'periodKind' | 'periodStart' | 'revenueTarget' | 'marginTarget' | 'customersTarget'>;
}

/** The director's decision on a plan: approve as proposed, or with changed targets (then a comment is required). */
export interface ApprovePlanRequest {
  revenueTarget?: string;
  marginTarget?: string;
  customersTarget?: number;
  comment?: string;
}

export interface PlanRequest {
  segmentId: string;
  periodKind: PeriodKind;
  periodStart: string;
  revenueTarget: string;
  marginTarget: string;
  customersTarget: number;
  note?: string;
}

export interface SettingsDto {
  currency: string;
  timeZone: string;
  fiscalYearStartMonth: number;
}

export interface SupportCostDto {
  supportLevel: string;
  monthlyCost: string;
}

// ─── Segmentation: features, models, runs, comparison, promotion (issue 5; features from issue 4) ───

export type FeatureDirection = 'higher_better' | 'lower_better' | 'neutral';
export type FeatureTransform = 'none' | 'log1p';

/** One per-customer feature the model editor can pick. */
export interface FeatureCatalogueEntry {
  name: string;
  unit: string;
  direction: FeatureDirection;
  /** Suggested transform (log1p for skewed money and counts). */
  transform: FeatureTransform;
  labelEn: string;
  labelRu: string;
  en: string;
  ru: string;
}

export interface FeatureSnapshotDto {
  asOf: string;
  lookbackMonths: number;
  customers: number;
  /** Customers with transactions in the window but net revenue ≤ 0 (only refunds). */
  nonPositiveMonetary: number;
  computedAt: string;
}

export interface ModelParameter {
  column: string;
  direction: FeatureDirection;
  transform: FeatureTransform;
  clip?: { lower: number; upper: number } | null;
  weight: number;
  role: 'value' | 'growth';
}

export type ModelKind = 'abcdx' | 'rfm' | 'rule';

export interface AbcdxSpec {
  kind: 'abcdx';
  parameters: ModelParameter[];
  standardise: 'zscore' | 'robust' | 'minmax';
  missing: 'impute_median' | 'exclude';
  k: number;
  restarts: number;
  seed: number;
  asOf: string;
  lookbackMonths: number;
}

export interface RfmSpec {
  kind: 'rfm';
  table: 'rf-grid-10' | 'r-rfm-package';
  asOf: string;
  lookbackMonths: number;
}

export type RuleComparison = '>=' | '<=' | '>' | '<' | '=' | '!=';
export interface RuleCondition {
  field: string;
  cmp: RuleComparison;
  value: number | string;
}
export interface RuleGroup {
  op: 'and' | 'or';
  conditions: (RuleCondition | RuleGroup)[];
}
export interface RuleSpec {
  kind: 'rule';
  /** Evaluated in order; a customer gets the first level whose rule matches; unmatched customers are not members. */
  levels: { label: string; rule: RuleGroup }[];
  asOf: string;
  lookbackMonths: number;
}

export type ModelSpec = AbcdxSpec | RfmSpec | RuleSpec;

export interface ModelDto {
  id: string;
  name: string;
  description: string | null;
  kind: ModelKind;
  status: 'active' | 'archived';
  schedule: 'monthly' | null;
  nextRunOn: string | null;
  latestVersion: number;
  latestVersionId: string;
  spec: ModelSpec;
  createdAt: string;
  updatedAt: string;
}

export interface ModelVersionDto {
  id: string;
  version: number;
  spec: ModelSpec;
  createdAt: string;
  createdByName: string | null;
}

export type RunStatus = 'queued' | 'computing_features' | 'clustering' | 'saving' | 'succeeded' | 'failed' | 'cancelled';

export interface RunDto {
  id: string;
  modelId: string;
  modelName: string;
  modelVersionId: string;
  version: number;
  kind: ModelKind;
  status: RunStatus;
  progress: number;
  error: string | null;
  trigger: 'manual' | 'schedule';
  asOf: string;
  lookbackMonths: number;
  seed: number;
  customerCount: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  requestedByName: string | null;
}

export interface ParameterProfileDto {
  column: string;
  labelEn: string;
  labelRu: string;
  unit: string;
  median: number;
  p25: number;
  p75: number;
  overallMedian: number;
  /** Box-plot whiskers: min and max of the observed values in the cluster. */
  min: number;
  max: number;
}

export interface ClusterDto {
  label: string;
  reason: { en: string; ru: string };
  description: { en: string; ru: string };
  size: number;
  share: number;
  /** Net revenue (LTV) of the cluster, decimal string. */
  revenue: string;
  revenueShare: number;
  valueScore: number;
  growthScore: number | null;
  profile: ParameterProfileDto[];
}

export interface OverlayCellDto {
  cluster: string;
  value: string;
  count: number;
  lift: number;
  residual: number;
  flag: 'none' | 'pattern' | 'anomaly';
  direction: 'over' | 'under' | 'none';
}

export interface OverlayDto {
  attribute: string;
  clusters: string[];
  values: string[];
  counts: number[][];
  cells: OverlayCellDto[];
  chiSquare: number;
  pValue: number;
  cramersV: number;
  /** Plain-language sentences about the strongest patterns and anomalies. */
  explanations: { en: string; ru: string }[];
}

export interface RfmGroupDto {
  segment: string;
  label: { en: string; ru: string };
  customers: number;
  revenue: string;
}

export interface RunResultsDto {
  run: RunDto;
  clusters: ClusterDto[];
  /** k-choice chart: inertia and silhouette per k (ABCDX only). */
  kChoice: { k: number; inertia: number; silhouette: number }[] | null;
  /** PCA scatter on a seeded sample: [x, y, label]. */
  scatter: { points: [number, number, string][]; explained: [number, number] } | null;
  overlay: OverlayDto[];
  /** RFM: R (rows 1..5) × F (columns 1..5) counts and mean monetary. */
  rfmGrid: { r: number; f: number; customers: number; meanMonetary: number }[] | null;
  rfmGroups: RfmGroupDto[] | null;
  inertia: number | null;
  restarts: number | null;
}

export interface RunMemberDto {
  customerId: string;
  name: string;
  industry: string | null;
  label: string;
  ltv: string;
  monetary: string;
  frequency: number;
  recencyDays: number | null;
}

export interface RunComparisonDto {
  a: RunDto;
  b: RunDto;
  labelsA: string[];
  labelsB: string[];
  counts: number[][];
  /** LTV moved per cell, decimal strings. */
  revenue: string[][];
  common: number;
  unchanged: number;
  entrants: { count: number; byLabel: Record<string, number> };
  leavers: { count: number; byLabel: Record<string, number> };
  adjustedRandIndex: number | null;
}

export interface RulePreviewDto {
  count: number;
  total: number;
  byLevel: { label: string; count: number }[];
  sample: { customerId: string; name: string; label: string }[];
}

export type PromotionStatus = 'proposed' | 'approved' | 'rejected';
export interface PromotionDto {
  id: string;
  runId: string;
  modelName: string;
  label: string;
  targetSegmentId: string | null;
  targetSegmentName: string | null;
  /** The CX-owner of the target segment now (the director's default when approving an update). */
  targetSegmentOwnerId: string | null;
  /** Members of the target segment on the day before the promotion date (how many an update may move out). */
  targetSegmentMembers: number | null;
  newSegmentName: string | null;
  effectiveDate: string;
  status: PromotionStatus;
  note: string | null;
  customers: number;
  proposedByName: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  segmentId: string | null;
  membersMoved: number | null;
  createdAt: string;
}

/** The latest succeeded ABCDX run's label distribution (for the director's portfolio). */
export interface LabelDistributionDto {
  runId: string | null;
  modelName: string | null;
  asOf: string | null;
  finishedAt: string | null;
  items: { label: string; customers: number; share: number; revenue: string }[];
}

// ─── Admin UI for API tokens (issue 4) ───

export interface CreateApiTokenRequest {
  name: string;
}

/** A row kept in quarantine: its values by field (as read from the file) and why it failed. */
export interface ImportQuarantineRowDto {
  row: number;
  data: Record<string, string | number | boolean | null>;
  problems: { column: string | null; code: string; reason: string; severity: 'error' | 'warning' }[];
  /** The later import that brought this row in after all (null while it is still to be fixed). */
  resolvedBy: string | null;
}

// ─── segment workspace: evidence picker, board order (issue 6 follow-up) ───

/** An interview or survey answer a card field may cite. */
export interface EvidenceSourceDto {
  id: string;
  externalId: string;
  customerName: string | null;
  date: string;
  summary: string;
  nps?: number | null;
  csat?: number | null;
}

export interface EvidenceSourcesDto {
  interviews: EvidenceSourceDto[];
  surveyAnswers: EvidenceSourceDto[];
}
