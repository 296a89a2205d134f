import type { HiddenType, JobStep } from './types.js';

/** Survey reasons by hidden type and sentiment; they echo each type's pains (seeds/003). */
export const SURVEY_REASONS: Record<HiddenType, { detractor: readonly string[]; passive: readonly string[]; promoter: readonly string[] }> = {
  smb_operator: {
    detractor: [
      'Too complicated to set up, we have no one to configure it',
      'Too many features we never use, hard to find the basic ones',
      'Setup took weeks instead of days',
      'Слишком сложно настроить, нет времени разбираться',
      'Support answers slowly when we are stuck',
    ],
    passive: [
      'Works, but we only use call forwarding and SMS',
      'Templates help, wish there were more of them',
      'OK for now, not sure we need the rest',
      'Нормально, но половину функций не понимаем',
    ],
    promoter: [
      'We started in one day with the ready templates',
      'Missed calls no longer get lost, saves us hours a week',
      'Simple and does what we need',
      'Быстрый старт, всё заработало сразу',
    ],
  },
  mid_market: {
    detractor: [
      'Reports do not match what our managers need to control',
      'Integration with our CRM breaks after their updates',
      'Hard to roll out the same process across teams',
    ],
    passive: [
      'Good call routing; quality control reports could be deeper',
      'Useful, but the role model is too coarse for our departments',
      'Standard reports are fine, custom ones are hard',
      'Хорошо, но не хватает контроля качества по отделам',
    ],
    promoter: [
      'We finally have one process and one report for all branches',
      'Call recording and CRM deals from calls changed how we manage sales',
      'SLA dashboard lets our supervisors control every queue',
      'Стандартизировали процессы во всех отделах',
    ],
  },
  enterprise: {
    detractor: [
      'Security review took four months and is still not closed',
      'Audit log export does not satisfy our compliance team',
      'Integration with our internal systems needs too much custom work',
      'Долгие согласования с ИБ, внедрение затянулось',
    ],
    passive: [
      'Reliable, but every change needs another security questionnaire',
      'SLA is met; implementation cost was higher than planned',
      'Data residency covered, SSO setup was painful',
    ],
    promoter: [
      'Passed our information-security audit without findings',
      'Stable at our volume, failover worked during the outage',
      'Access control and audit log are exactly what compliance asked for',
    ],
  },
  growth_team: {
    detractor: [
      'Processes break every time we double the team',
      'Adding seats and channels takes too long for our pace',
      'Usage limits hit us during the campaign peak',
    ],
    passive: [
      'Scales with us, but reconfiguration after each reorg is manual',
      'Good flexibility; we need faster onboarding for new agents',
      'Растём быстрее, чем успеваем перестраивать сценарии',
    ],
    promoter: [
      'We added three new channels in a week without help',
      'Handled our Black Friday peak without a hitch',
      'Easy to add people and change routing as we grow',
      'Flexible enough to keep up with our growth',
    ],
  },
  cost_sensitive: {
    detractor: [
      'Too expensive for what we use',
      'Price went up again, looking for a cheaper alternative',
      'We pay for features we do not need',
      'Дорого, ищем тариф дешевле',
      'Hidden costs on SMS traffic',
    ],
    passive: [
      'Fine for the basics, the price is the question',
      'Would stay if there were a cheaper minimal plan',
      'Pays off slowly',
    ],
    promoter: [
      'Transparent price and just the basics we need',
      'The discount made it worth it',
      'Cheap and simple',
    ],
  },
};

export const CSAT_REASONS = [
  'Support resolved the ticket',
  'Onboarding call was helpful',
  'Invoice question answered quickly',
  'Waited too long for an answer',
  'The problem came back the next week',
];

/** Desired outcomes per step (direction + metric + object + context) and the types for which each matters most. */
export const OUTCOMES: readonly { step: JobStep; outcome: string; focus: readonly HiddenType[] }[] = [
  { step: 'define', outcome: 'Minimise the time it takes to decide which channels customers should reach us through', focus: ['smb_operator', 'growth_team'] },
  { step: 'define', outcome: 'Minimise the likelihood of choosing a plan that costs more than the value it brings', focus: ['cost_sensitive'] },
  { step: 'define', outcome: 'Minimise the effort it takes to agree communication requirements with information security', focus: ['enterprise'] },
  { step: 'locate', outcome: 'Minimise the time it takes to get local numbers for a new region', focus: ['growth_team', 'mid_market'] },
  { step: 'locate', outcome: 'Minimise the effort it takes to find which ad channel brought a call', focus: ['mid_market'] },
  { step: 'prepare', outcome: 'Minimise the time it takes to set up call routing for a new team', focus: ['smb_operator', 'growth_team'] },
  { step: 'prepare', outcome: 'Minimise the effort it takes to connect calls and chats to the CRM', focus: ['mid_market', 'smb_operator'] },
  { step: 'prepare', outcome: 'Minimise the time it takes to onboard a new agent', focus: ['growth_team'] },
  { step: 'confirm', outcome: 'Minimise the likelihood that a security review blocks the rollout', focus: ['enterprise'] },
  { step: 'confirm', outcome: 'Minimise the time it takes to confirm that routing rules work before going live', focus: ['mid_market'] },
  { step: 'execute', outcome: 'Minimise the time it takes to route an incoming call to the right agent', focus: ['mid_market', 'enterprise'] },
  { step: 'execute', outcome: 'Minimise the cost of sending a notification to a customer', focus: ['cost_sensitive'] },
  { step: 'execute', outcome: 'Minimise the likelihood of losing a lead when an agent misses a call', focus: ['smb_operator', 'mid_market'] },
  { step: 'monitor', outcome: 'Minimise the time it takes to notice that a queue is breaching its SLA', focus: ['mid_market', 'enterprise'] },
  { step: 'monitor', outcome: 'Minimise the effort it takes to check the quality of agents’ conversations', focus: ['mid_market'] },
  { step: 'monitor', outcome: 'Minimise the likelihood that the monthly bill exceeds the budget', focus: ['cost_sensitive'] },
  { step: 'modify', outcome: 'Minimise the time it takes to add seats and channels when the team grows', focus: ['growth_team'] },
  { step: 'modify', outcome: 'Minimise the effort it takes to change access rights when people move', focus: ['enterprise', 'growth_team'] },
  { step: 'modify', outcome: 'Minimise the effort it takes to switch to a cheaper plan', focus: ['cost_sensitive'] },
  { step: 'conclude', outcome: 'Minimise the effort it takes to export call records for an audit', focus: ['enterprise'] },
  { step: 'conclude', outcome: 'Minimise the time it takes to see the ROI of each campaign at month end', focus: ['mid_market', 'growth_team'] },
];

export interface InterviewTexts {
  goals: readonly string[];
  rules: readonly string[];
  constraints: readonly string[];
  triggerEvents: readonly string[];
  knowledge: readonly string[];
  experience: readonly string[];
  peopleGoals: readonly string[];
  emotions: readonly string[];
  triggers: readonly string[];
  notes: readonly string[];
  jobs: readonly string[];
}

export const INTERVIEW_TEXTS: Record<HiddenType, InterviewTexts> = {
  smb_operator: {
    goals: ['Answer every customer call without hiring a receptionist', 'Stop losing orders from missed calls'],
    rules: ['The owner approves every payment', 'No one on staff is responsible for IT'],
    constraints: ['No time to learn a complex system', 'One or two people handle all calls'],
    triggerEvents: ['Lost a big order because nobody picked up', 'Moved to a new office and the old phone line stopped working'],
    knowledge: ['Knows the basics of a mobile phone, never configured a PBX', 'Uses messengers daily, has no CRM'],
    experience: ['Tried a cheaper provider, calls dropped', 'Used personal mobiles for work calls'],
    peopleGoals: ['Spend less time on the phone and more on the business', 'Not look small to customers'],
    emotions: ['Anxious about missing calls', 'Frustrated by jargon in the settings'],
    triggers: ['A partner recommended the service', 'Saw a ready template for their industry'],
    notes: ['Uses only call forwarding and SMS; 90 % of the product untouched (maturity 1–2)', 'Asked for a one-page setup guide'],
    jobs: ['Never miss a customer call', 'Notify customers about orders', 'Start working in one day'],
  },
  mid_market: {
    goals: ['Standardise call handling across branches', 'Control the quality of sales conversations'],
    rules: ['Every call must end as a deal or a task in the CRM', 'Managers review recordings weekly'],
    constraints: ['Several teams with different processes', 'CRM changes need the IT department'],
    triggerEvents: ['New head of sales wanted reports per manager', 'Expansion to a second city'],
    knowledge: ['Sales managers live in Bitrix24', 'Has a marketer who reads call-tracking reports'],
    experience: ['Controlled work in Excel for years', 'Outgrew a basic cloud PBX'],
    peopleGoals: ['Trust but verify: see what each manager does', 'Cut the cost of handling each request'],
    emotions: ['Tired of arguing about whose lead it was', 'Relieved when reports matched the CRM'],
    triggers: ['Audit of lost leads showed 15 % missed calls', 'Competitor response times were faster'],
    notes: ['Maturity 3: analytics, call tracking and CRM integration matter most', 'Wants role-based access per department'],
    jobs: ['Route every call to the right manager', 'Control the quality of conversations', 'See ROI by ad channel'],
  },
  enterprise: {
    goals: ['Run a contact centre of several hundred agents reliably', 'Pass information-security audits'],
    rules: ['Every vendor goes through a security questionnaire', 'Personal data must stay in the country'],
    constraints: ['Dozens of internal systems to integrate', 'Procurement cycle of six to nine months'],
    triggerEvents: ['Regulator tightened requirements on call recording storage', 'Legacy on-premise PBX reached end of life'],
    knowledge: ['Has an integration team and an information-security department', 'Knows SIP, SSO and audit requirements well'],
    experience: ['Ran an on-premise contact centre for ten years', 'A previous cloud vendor failed the security review'],
    peopleGoals: ['No incidents on their watch', 'Prove compliance without manual work'],
    emotions: ['Cautious about any change', 'Proud of the SLA after migration'],
    triggers: ['Security pack with data residency', 'Reference from another bank'],
    notes: ['Maturity 3+: wants to integrate everything with everything', 'Long deal cycle; implementation cost is the main barrier'],
    jobs: ['Keep communications compliant', 'Integrate telephony with internal systems', 'Monitor the contact centre in real time'],
  },
  growth_team: {
    goals: ['Scale support and sales as orders double', 'Launch new channels in days'],
    rules: ['Anything that slows hiring is replaced', 'Teams reorganise every quarter'],
    constraints: ['Few internal resources for configuration', 'Peaks during campaigns and sales'],
    triggerEvents: ['Order volume tripled after a marketplace launch', 'Raised a funding round and hired 40 people'],
    knowledge: ['Product-minded team, comfortable with APIs', 'Uses messengers as the main support channel'],
    experience: ['Started with personal WhatsApp accounts', 'Outgrew a free tool in three months'],
    peopleGoals: ['Keep quality while the team grows', 'Change processes as fast as the business changes'],
    emotions: ['Excited but overloaded', 'Afraid that processes break at the next peak'],
    triggers: ['Self-service onboarding', 'Could add seats without talking to sales'],
    notes: ['The X segment: growth potential, expansions every few months', 'Needs flexible routing more than deep reports'],
    jobs: ['Add seats and channels without downtime', 'Handle campaign peaks', 'Onboard new agents fast'],
  },
  cost_sensitive: {
    goals: ['Keep the communication bill as low as possible', 'Pay only for the basics'],
    rules: ['Any price increase triggers a search for alternatives', 'Invoices are paid at the end of the grace period'],
    constraints: ['Tight budget', 'No one to optimise usage'],
    triggerEvents: ['Previous provider raised prices', 'A competitor offered a discount'],
    knowledge: ['Compares tariffs in spreadsheets', 'Uses only SMS or a basic phone number'],
    experience: ['Changed provider twice in two years', 'Negotiated a discount at signing'],
    peopleGoals: ['Show the owner that costs went down', 'Avoid paying for unused features'],
    emotions: ['Suspicious of hidden fees', 'Annoyed by upsell calls'],
    triggers: ['Promo price for the first months', 'Transparent price list'],
    notes: ['Maturity 1: minimal scenarios; price is the behaviour factor', 'Downgraded once; pays late'],
    jobs: ['Send notifications cheaply', 'Have a business phone number at minimal cost'],
  },
};
