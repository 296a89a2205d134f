import { OUTCOMES } from './texts.js';
import type { HiddenType, JobStep } from './types.js';

// The segment workspace of the demo's managed segments: cards (after the
// template in seeds/003), scenarios with steps and the products hung on them,
// a JTBD job map and a value-stream board. Outcome wordings are exactly those
// the interviews rate, so the loader can link the segment's interviews as
// evidence and the job map shows computed ratings where answers exist.

export type EvidenceKind = 'interview' | 'survey' | 'metric';
export interface CardText {
  text: string;
  /** Metric citations (interview citations are added by the loader from the segment's own interviews). */
  metrics?: { ref: string; note: string }[];
}
export interface WorkspaceCard {
  needs: CardText;
  pains: CardText;
  contextOfUse: CardText;
  successCriteria: CardText;
  barriers: CardText;
  valueDrivers: CardText;
  typicalCases: CardText;
  churnRisks: CardText;
  growthPotential: { level: 'low' | 'medium' | 'high'; reason: string };
}
export interface WorkspaceAttachment {
  product: string;
  owner: 'product1' | 'product2';
  note: string;
  jobSteps: JobStep[];
  status: 'proposed' | 'endorsed' | 'rejected';
  reviewNote?: string;
}
export interface WorkspaceScenario {
  title: string;
  description: string;
  steps: { title: string; attachments: WorkspaceAttachment[] }[];
}
export interface WorkspaceOutcome {
  step: JobStep;
  direction: 'minimise' | 'maximise';
  metric: string;
  object: string;
  /** The wording interviewees rated (links evidence). */
  label: string;
  /** Used when the segment's interviews do not rate it often enough to compute. */
  importance: string;
  satisfaction: string;
}
export interface WorkspaceInitiative {
  title: string;
  stage: 'research' | 'development' | 'marketing' | 'sales' | 'onboarding' | 'service';
  status: 'planned' | 'in_progress' | 'blocked' | 'done';
  owner: 'owner1' | 'owner2' | 'product1' | 'product2';
  cost: string | null;
  expectedEffect: string;
  /** Days before the demo's end date the work started / finished. */
  startedDaysBefore: number | null;
  doneDaysBefore: number | null;
  scenario?: number;
  outcomeLabel?: string;
  product?: string;
}
export interface SegmentWorkspace {
  mainJob: string;
  card: WorkspaceCard;
  scenarios: WorkspaceScenario[];
  outcomes: WorkspaceOutcome[];
  initiatives: WorkspaceInitiative[];
}

const METRICS = ['the time it takes', 'the effort it takes', 'the likelihood', 'the cost'] as const;

/** "Minimise the time it takes to X" → direction, metric, object. */
export function splitOutcome(label: string): { direction: 'minimise' | 'maximise'; metric: string; object: string } {
  const m = /^(Minimise|Maximise) (.*)$/.exec(label);
  if (!m) throw new Error(`outcome must start with Minimise/Maximise: ${label}`);
  const rest = m[2];
  const metric = METRICS.find((x) => rest.startsWith(x + ' ')) ?? rest.split(' ').slice(0, 2).join(' ');
  return { direction: m[1] === 'Minimise' ? 'minimise' : 'maximise', metric, object: rest.slice(metric.length + 1) };
}

/** The segment's outcomes: those that matter to its types (rated important, under-served) and two that do not (contrast). */
function outcomesFor(types: readonly HiddenType[]): WorkspaceOutcome[] {
  const focus = OUTCOMES.filter((o) => o.focus.some((t) => types.includes(t)));
  const other = OUTCOMES.filter((o) => !o.focus.some((t) => types.includes(t))).slice(0, 2);
  return [
    ...focus.map((o, i) => ({ ...splitOutcome(o.outcome), step: o.step, label: o.outcome, importance: (8 + (i % 3) * 0.5).toFixed(2), satisfaction: (2.5 + (i % 4) * 0.75).toFixed(2) })),
    ...other.map((o, i) => ({ ...splitOutcome(o.outcome), step: o.step, label: o.outcome, importance: (4 + i).toFixed(2), satisfaction: '7.50' })),
  ];
}

const att = (product: string, owner: 'product1' | 'product2', note: string, jobSteps: JobStep[], status: WorkspaceAttachment['status'] = 'endorsed', reviewNote?: string): WorkspaceAttachment => ({
  product,
  owner,
  note,
  jobSteps,
  status,
  reviewNote,
});

export const WORKSPACES: Record<string, SegmentWorkspace> = {
  'enterprise-compliance': {
    mainJob: 'Keep every customer conversation compliant, secure and reliable across a large organisation',
    card: {
      needs: { text: 'Security, compliance, custom integrations', metrics: [{ ref: 'modulesUsed', note: 'Uses 5+ modules on average' }] },
      pains: { text: 'Long approvals; information-security requirements for every rollout' },
      contextOfUse: { text: 'Many systems, high control, several regions and contact centres' },
      successCriteria: { text: 'Meets information-security requirements; SLA kept' },
      barriers: { text: 'Long deal cycle, cost of implementation', metrics: [{ ref: 'dealCycleDays', note: 'First deal takes 90–270 days' }] },
      valueDrivers: { text: 'Reliability, security' },
      typicalCases: { text: 'Integrations with in-house systems, compliance reporting' },
      churnRisks: { text: 'Long approvals stall expansions; a failed security review' },
      growthPotential: { level: 'high', reason: 'Long-term contracts and expansion into more departments' },
    },
    scenarios: [
      {
        title: 'Pass the information-security review before rollout',
        description: 'Nothing goes live until security signs off: the faster the review, the sooner the revenue.',
        steps: [
          { title: 'Collect security requirements', attachments: [] },
          { title: 'Fill in the security questionnaire', attachments: [att('Enterprise Security Pack', 'product2', 'Ready answers for the questionnaire, SSO and audit log out of the box', ['define', 'confirm'])] },
          { title: 'Run a pilot in an isolated environment', attachments: [att('CRM Integration Enterprise', 'product2', 'Pilot integration against a sandbox CRM', ['prepare'])] },
          { title: 'Get sign-off from information security', attachments: [] },
        ],
      },
      {
        title: 'Route every conversation to the right team at scale',
        description: 'Calls and chats from all regions reach the right contact centre within the SLA.',
        steps: [
          { title: 'Connect every channel', attachments: [att('Voice Enterprise', 'product1', 'Carrier-grade voice with failover', ['execute']), att('Omnichannel Messaging Enterprise', 'product1', 'Messengers and SMS with dedicated routes', ['execute'], 'proposed')] },
          { title: 'Set routing by region and product', attachments: [] },
          { title: 'Watch queues against the SLA', attachments: [att('Contact Centre Suite', 'product2', 'Supervisor board and SLA alerts', ['monitor'])] },
          { title: 'Export records for audit', attachments: [att('Call Recording Archive', 'product1', 'Searchable archive for auditors', ['conclude'])] },
        ],
      },
    ],
    outcomes: outcomesFor(['enterprise']),
    initiatives: [
      { title: 'Interview ten security officers about review blockers', stage: 'research', status: 'done', owner: 'owner1', cost: '8000.00', expectedEffect: 'Know the top five questions that stall a review', startedDaysBefore: 80, doneDaysBefore: 55 },
      { title: 'Pre-filled security questionnaire pack', stage: 'development', status: 'in_progress', owner: 'product2', cost: '45000.00', expectedEffect: 'Security review from 60 to 20 days', startedDaysBefore: 40, doneDaysBefore: null, scenario: 0, outcomeLabel: 'Minimise the likelihood that a security review blocks the rollout', product: 'Enterprise Security Pack' },
      { title: 'Compliance webinar for banks', stage: 'marketing', status: 'planned', owner: 'owner1', cost: '6000.00', expectedEffect: '15 qualified leads in finance', startedDaysBefore: null, doneDaysBefore: null },
      { title: 'Security-first sales playbook', stage: 'sales', status: 'done', owner: 'owner1', cost: '3000.00', expectedEffect: 'Shorter first deal', startedDaysBefore: 70, doneDaysBefore: 30 },
      { title: 'Dedicated onboarding track with a pilot sandbox', stage: 'onboarding', status: 'blocked', owner: 'product2', cost: '30000.00', expectedEffect: 'Go-live in 6 weeks instead of 12', startedDaysBefore: 25, doneDaysBefore: null, scenario: 0, product: 'CRM Integration Enterprise' },
      { title: 'Quarterly audit export service', stage: 'service', status: 'done', owner: 'product1', cost: '12000.00', expectedEffect: 'No audit escalations', startedDaysBefore: 50, doneDaysBefore: 12, scenario: 1, product: 'Call Recording Archive' },
    ],
  },
  'mid-market-process': {
    mainJob: 'Run customer communications as a controlled, standard process across teams',
    card: {
      needs: { text: 'Scalability, quality control, a role model for teams' },
      pains: { text: 'Disconnected processes and no control across teams' },
      contextOfUse: { text: 'Several teams, standardisation of processes' },
      successCriteria: { text: 'Stable processes, lower operating costs' },
      barriers: { text: 'Resistance to change, integrations' },
      valueDrivers: { text: 'Standardisation, lower costs', metrics: [{ ref: 'arpu', note: 'Moderate ARPU, regular use of several modules' }] },
      typicalCases: { text: 'SLA control, task routing' },
      churnRisks: { text: 'Resistance to change inside the customer' },
      growthPotential: { level: 'high', reason: 'Additional modules (monitoring, analytics) as processes mature' },
    },
    scenarios: [
      {
        title: 'Standardise how teams handle calls and chats',
        description: 'One way of working for every team, and proof that it is followed.',
        steps: [
          { title: 'Describe the standard', attachments: [] },
          { title: 'Set up queues and scripts', attachments: [att('Virtual PBX Pro', 'product1', 'Queues, IVR and scripts per team', ['prepare', 'execute']), att('Messenger Hub', 'product1', 'Chats in the same queues as calls', ['execute'])] },
          { title: 'Check the quality of conversations', attachments: [att('Speech Analytics', 'product2', 'Script compliance on every call', ['monitor'], 'proposed'), att('Contact Centre Monitoring', 'product2', 'Live board and SLA reports', ['monitor'])] },
          { title: 'Report to management', attachments: [] },
        ],
      },
      {
        title: 'See which campaigns bring customers',
        description: 'Marketing spend joined to calls, chats and deals.',
        steps: [
          { title: 'Tag every channel', attachments: [att('Call Tracking Pro', 'product2', 'Dynamic numbers per visitor', ['locate'])] },
          { title: 'Join calls to deals', attachments: [att('CRM Connect', 'product2', 'Deals from calls in the CRM', ['prepare'])] },
          { title: 'Compare ROI at month end', attachments: [att('End-to-end Analytics', 'product2', 'ROI per campaign', ['conclude'], 'proposed')] },
        ],
      },
    ],
    outcomes: outcomesFor(['mid_market']),
    initiatives: [
      { title: 'Map the standard call process with three customers', stage: 'research', status: 'done', owner: 'owner1', cost: '5000.00', expectedEffect: 'A template standard for mid-market', startedDaysBefore: 120, doneDaysBefore: 90 },
      { title: 'Quality-scoring templates', stage: 'development', status: 'in_progress', owner: 'product2', cost: '25000.00', expectedEffect: 'Quality checks in one click', startedDaysBefore: 35, doneDaysBefore: null, scenario: 0, outcomeLabel: 'Minimise the effort it takes to check the quality of agents’ conversations', product: 'Speech Analytics' },
      { title: 'ROI case studies for process owners', stage: 'marketing', status: 'done', owner: 'owner1', cost: '4000.00', expectedEffect: 'Better upsell conversion', startedDaysBefore: 60, doneDaysBefore: 20 },
      { title: 'Bundle offer: PBX Pro + Monitoring', stage: 'sales', status: 'in_progress', owner: 'owner1', cost: null, expectedEffect: '+10 % attach rate of monitoring', startedDaysBefore: 15, doneDaysBefore: null, product: 'Contact Centre Monitoring' },
      { title: 'Onboarding checklist per team', stage: 'onboarding', status: 'planned', owner: 'owner1', cost: '2000.00', expectedEffect: 'Every team live in two weeks', startedDaysBefore: null, doneDaysBefore: null },
    ],
  },
  'growth-teams': {
    mainJob: 'Scale customer communications as fast as the business grows',
    card: {
      needs: { text: 'Scaling, flexibility, fast reconfiguration' },
      pains: { text: 'Processes overload as the team and volume grow' },
      contextOfUse: { text: 'Growing volume of operations and users' },
      successCriteria: { text: 'Speed of changing processes, stability' },
      barriers: { text: 'Lack of internal resources' },
      valueDrivers: { text: 'Scaling, flexibility', metrics: [{ ref: 'activeUsersGrowth', note: 'Active users +10–18 % a month' }] },
      typicalCases: { text: 'Fast process changes, new regions' },
      churnRisks: { text: 'Process instability during growth spurts' },
      growthPotential: { level: 'medium', reason: 'Grows together with the customer' },
    },
    scenarios: [
      {
        title: 'Open a new region in a week',
        description: 'Local numbers, routing and trained agents before the launch campaign.',
        steps: [
          { title: 'Get local numbers', attachments: [att('Local Numbers', 'product1', 'Numbers in every region in minutes', ['locate'])] },
          { title: 'Route calls to the new team', attachments: [att('Virtual PBX Pro', 'product1', 'Routing by region and time zone', ['prepare'])] },
          { title: 'Onboard new agents', attachments: [att('Callback Widget', 'product1', 'Widget for the new regional site', ['execute'], 'rejected', 'Does not help onboarding; attach to the lead scenario instead')] },
        ],
      },
      {
        title: 'Add seats and channels as the team grows',
        description: 'No re-implementation when the headcount doubles.',
        steps: [
          { title: 'Add seats', attachments: [] },
          { title: 'Connect new channels', attachments: [att('Messenger Hub', 'product1', 'New messengers without a new project', ['modify'])] },
          { title: 'Keep access rights in order', attachments: [att('CRM Connect', 'product2', 'Rights follow the CRM roles', ['modify'], 'proposed')] },
        ],
      },
    ],
    outcomes: outcomesFor(['growth_team']),
    initiatives: [
      { title: 'Region launch kit', stage: 'development', status: 'in_progress', owner: 'product1', cost: '18000.00', expectedEffect: 'New region live in 5 days', startedDaysBefore: 30, doneDaysBefore: null, scenario: 0, outcomeLabel: 'Minimise the time it takes to get local numbers for a new region', product: 'Local Numbers' },
      { title: 'Seat auto-scaling pricing', stage: 'sales', status: 'done', owner: 'owner2', cost: null, expectedEffect: 'Expansion without a new contract', startedDaysBefore: 45, doneDaysBefore: 10 },
      { title: 'Self-serve onboarding for new agents', stage: 'onboarding', status: 'planned', owner: 'owner2', cost: '9000.00', expectedEffect: 'Agent productive on day one', startedDaysBefore: null, doneDaysBefore: null },
    ],
  },
  'price-sensitive-smb': {
    mainJob: 'Stay reachable to customers for the lowest possible monthly bill',
    card: {
      needs: { text: 'A basic set of features, transparent prices' },
      pains: { text: 'Risk of the bill growing; payback' },
      contextOfUse: { text: 'Minimal scenarios, one or two people' },
      successCriteria: { text: 'Price for value, fast payback' },
      barriers: { text: 'Unwillingness to pay, limited budget', metrics: [{ ref: 'discountShare', note: 'Discounts on a large share of invoices' }] },
      valueDrivers: { text: 'Price for value' },
      typicalCases: { text: 'Minimal set of features' },
      churnRisks: { text: 'Price churn to a cheaper alternative' },
      growthPotential: { level: 'low', reason: 'Price limits upsell' },
    },
    scenarios: [
      {
        title: 'Reach customers at the lowest cost',
        description: 'The cheapest channel that still gets the message through.',
        steps: [
          { title: 'Pick the cheapest channel', attachments: [] },
          { title: 'Send notifications', attachments: [att('SMS Start', 'product1', 'Templates and sender names', ['execute']), att('Push Notifications', 'product1', 'Free for app users', ['execute'])] },
          { title: 'Check the monthly bill', attachments: [] },
        ],
      },
      {
        title: 'Never miss a lead with a tiny team',
        description: 'Calls reach someone even when nobody is at the desk.',
        steps: [
          { title: 'Forward calls to mobiles', attachments: [att('Virtual PBX Start', 'product1', 'Forwarding and voicemail', ['execute'])] },
          { title: 'Capture missed calls', attachments: [] },
          { title: 'Call back quickly', attachments: [att('Callback Widget', 'product1', 'Callback requests from the site', ['execute'], 'proposed')] },
        ],
      },
    ],
    outcomes: outcomesFor(['cost_sensitive', 'smb_operator']),
    initiatives: [
      { title: 'Bill alerts before the budget is exceeded', stage: 'development', status: 'planned', owner: 'product1', cost: '7000.00', expectedEffect: 'Fewer price complaints', startedDaysBefore: null, doneDaysBefore: null, outcomeLabel: 'Minimise the likelihood that the monthly bill exceeds the budget' },
      { title: 'Transparent price page', stage: 'marketing', status: 'done', owner: 'owner2', cost: '1500.00', expectedEffect: 'Fewer downgrades in month two', startedDaysBefore: 40, doneDaysBefore: 25 },
      { title: 'Win-back offer for downgraders', stage: 'service', status: 'in_progress', owner: 'owner2', cost: null, expectedEffect: 'Save 20 % of downgraders', startedDaysBefore: 12, doneDaysBefore: null },
    ],
  },
};
