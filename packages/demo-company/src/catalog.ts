import type { DemoUser, ProductRow, Tier } from './types.js';

/** Demo users; the loader hashes the shared password `cxstream-demo`. */
export const DEMO_USERS: readonly DemoUser[] = [
  { key: 'admin', email: 'admin@demo.local', name: 'Alex Morgan', role: 'admin' },
  { key: 'director', email: 'director@demo.local', name: 'Catherine Hale', role: 'cx_director' },
  { key: 'owner1', email: 'owner1@demo.local', name: 'Daniel Brooks', role: 'cx_owner' },
  { key: 'owner2', email: 'owner2@demo.local', name: 'Priya Raman', role: 'cx_owner' },
  { key: 'product1', email: 'product1@demo.local', name: 'Oliver Grant', role: 'product_owner' },
  { key: 'product2', email: 'product2@demo.local', name: 'Sofia Lindqvist', role: 'product_owner' },
  { key: 'analyst', email: 'analyst@demo.local', name: 'Maya Chen', role: 'analyst' },
];

export const DEMO_PASSWORD = 'cxstream-demo';

type ProductSpec = Omit<ProductRow, 'id' | 'external_id'>;

// product1 owns communications (messaging, voice); product2 owns tracking,
// integrations, analytics and security — the two "product silos" of the story.
const PRODUCT_SPECS: readonly ProductSpec[] = [
  { name: 'SMS Start', description: 'Transactional and marketing SMS with ready-made templates and sender names.', tier: 'basic', price: 29, unit_cost: null, cost_share: 0.38, modules: ['sms', 'templates'], owner_key: 'product1' },
  { name: 'Messenger Hub', description: 'WhatsApp, Telegram and Viber conversations in one inbox with routing to agents.', tier: 'professional', price: 149, unit_cost: null, cost_share: 0.24, modules: ['sms', 'whatsapp', 'telegram', 'viber', 'shared_inbox'], owner_key: 'product1' },
  { name: 'Push Notifications', description: 'Web and mobile push with audiences and delivery reports.', tier: 'basic', price: 19, unit_cost: null, cost_share: 0.1, modules: ['push'], owner_key: 'product1' },
  { name: 'Omnichannel Messaging Enterprise', description: 'High-volume messaging with dedicated routes, SLAs and delivery guarantees.', tier: 'enterprise', price: 1200, unit_cost: null, cost_share: 0.3, modules: ['sms', 'whatsapp', 'telegram', 'viber', 'push', 'dedicated_routes'], owner_key: 'product1' },
  { name: 'Virtual PBX Start', description: 'Cloud phone system: a number, call forwarding and voicemail in minutes.', tier: 'basic', price: 39, unit_cost: 9, cost_share: null, modules: ['pbx'], owner_key: 'product1' },
  { name: 'Virtual PBX Pro', description: 'IVR, call queues, scenarios by region and time zone, call recording.', tier: 'professional', price: 199, unit_cost: 38, cost_share: null, modules: ['pbx', 'ivr', 'queues', 'call_recording'], owner_key: 'product1' },
  { name: 'Voice Enterprise', description: 'Carrier-grade voice with own number capacity, failover and SIP trunks.', tier: 'enterprise', price: 1500, unit_cost: 270, cost_share: null, modules: ['pbx', 'ivr', 'queues', 'sip_trunks', 'failover'], owner_key: 'product1' },
  { name: 'Call Recording Archive', description: 'Long-term storage and search of call recordings.', tier: 'professional', price: 59, unit_cost: null, cost_share: 0.22, modules: ['call_recording', 'archive'], owner_key: 'product1' },
  { name: 'Local Numbers', description: 'Local and toll-free numbers in every region.', tier: 'basic', price: 15, unit_cost: 4.5, cost_share: null, modules: ['numbers'], owner_key: 'product1' },
  { name: 'Callback Widget', description: 'Website callback and chat widget that turns visitors into calls.', tier: 'basic', price: 25, unit_cost: null, cost_share: 0.12, modules: ['widgets'], owner_key: 'product1' },
  { name: 'Call Tracking Start', description: 'Static call tracking: which ad channel made the phone ring.', tier: 'basic', price: 49, unit_cost: null, cost_share: 0.2, modules: ['call_tracking'], owner_key: 'product2' },
  { name: 'Call Tracking Pro', description: 'Dynamic call tracking per visitor, lead quality and ROI by campaign.', tier: 'professional', price: 249, unit_cost: null, cost_share: 0.18, modules: ['call_tracking', 'dynamic_numbers', 'lead_quality'], owner_key: 'product2' },
  { name: 'CRM Connect', description: 'Deals and tasks from calls in Bitrix24, amoCRM and Salesforce; missed-call capture.', tier: 'professional', price: 99, unit_cost: null, cost_share: 0.06, modules: ['crm_integration'], owner_key: 'product2' },
  { name: 'CRM Integration Enterprise', description: 'Custom integrations, CRM-driven call routing and an integration SLA.', tier: 'enterprise', price: 900, unit_cost: 130, cost_share: null, modules: ['crm_integration', 'crm_routing', 'custom_api'], owner_key: 'product2' },
  { name: 'Contact Centre Monitoring', description: 'Live agent board, missed-call alerts, workload and SLA reports.', tier: 'professional', price: 299, unit_cost: null, cost_share: 0.15, modules: ['cc_monitoring', 'sla_reports'], owner_key: 'product2' },
  { name: 'Contact Centre Suite', description: 'Workforce management, quality scoring and supervisor tools for large centres.', tier: 'enterprise', price: 2400, unit_cost: null, cost_share: 0.2, modules: ['cc_monitoring', 'sla_reports', 'wfm', 'quality_scoring'], owner_key: 'product2' },
  { name: 'End-to-end Analytics', description: 'Ad spend to revenue: every call, chat and form joined to deals.', tier: 'professional', price: 349, unit_cost: null, cost_share: 0.12, modules: ['e2e_analytics', 'dashboards'], owner_key: 'product2' },
  { name: 'End-to-end Analytics Enterprise', description: 'Data warehouse export, custom attribution models and a dedicated analyst.', tier: 'enterprise', price: 1900, unit_cost: null, cost_share: 0.16, modules: ['e2e_analytics', 'dashboards', 'dwh_export', 'attribution'], owner_key: 'product2' },
  { name: 'Speech Analytics', description: 'Transcripts, keyword spotting and script compliance for every call.', tier: 'professional', price: 399, unit_cost: null, cost_share: 0.3, modules: ['speech_analytics'], owner_key: 'product2' },
  { name: 'Enterprise Security Pack', description: 'SSO, audit log, IP allow-lists, data residency and an information-security questionnaire pack.', tier: 'enterprise', price: 1100, unit_cost: 160, cost_share: null, modules: ['sso', 'audit_log', 'ip_allowlist', 'data_residency'], owner_key: 'product2' },
];

export const PRODUCTS: readonly ProductRow[] = PRODUCT_SPECS.map((p, i) => ({
  id: i + 1,
  external_id: `P-${String(i + 1).padStart(3, '0')}`,
  ...p,
  modules: [...p.modules],
}));

/** Index (0-based) of a product by name; throws on a typo at module load. */
export function productIndex(name: string): number {
  const i = PRODUCTS.findIndex((p) => p.name === name);
  if (i < 0) throw new Error(`unknown product ${name}`);
  return i;
}

export function productsOfTier(tier: Tier): number[] {
  return PRODUCTS.flatMap((p, i) => (p.tier === tier ? [i] : []));
}

export const SECURITY_PACK = productIndex('Enterprise Security Pack');

export const INDUSTRIES = [
  'retail',
  'e-commerce',
  'finance',
  'logistics',
  'healthcare',
  'education',
  'IT',
  'manufacturing',
  'HoReCa',
  'real estate',
] as const;

export const REGIONS = ['Moscow', 'Saint Petersburg', 'Central', 'Volga', 'Urals', 'Siberia', 'South', 'North-West', 'Far East'] as const;

export const CHANNELS = ['inbound', 'outbound', 'partner', 'referral', 'marketplace', 'events'] as const;

// Name parts for plausible company names: "<Root> <Word> <Suffix>".
export const NAME_ROOTS = [
  'Northwind', 'Bluestone', 'Altair', 'Vega', 'Polaris', 'Granite', 'Silverline', 'Evergreen', 'Redwood', 'Atlas',
  'Meridian', 'Horizon', 'Sapphire', 'Orion', 'Cedar', 'Aurora', 'Summit', 'Harbor', 'Pioneer', 'Crescent',
  'Falcon', 'Nova', 'Keystone', 'Lighthouse', 'Riverside', 'Sterling', 'Union', 'Zenith', 'Baltic', 'Volga',
  'Ural', 'Neva', 'Amber', 'Birch', 'Taiga', 'Arctic', 'Quantum', 'Vector', 'Pixel', 'Brightway',
  'Greenfield', 'Oakridge', 'Stonebridge', 'Westgate', 'Eastwood', 'Kite', 'Lumen', 'Mosaic', 'Nimbus', 'Prime',
  'Rapid', 'Solid', 'Tandem', 'Unity', 'Velvet', 'Willow', 'Yarrow', 'Alpha', 'Delta', 'Sigma',
] as const;

export const INDUSTRY_WORDS: Record<string, readonly string[]> = {
  retail: ['Retail', 'Stores', 'Market', 'Trading', 'Home Goods'],
  'e-commerce': ['Shop', 'Online', 'Commerce', 'Marketplace', 'Direct'],
  finance: ['Bank', 'Capital', 'Finance', 'Insurance', 'Leasing'],
  logistics: ['Logistics', 'Freight', 'Cargo', 'Transport', 'Delivery'],
  healthcare: ['Clinic', 'Medical', 'Health', 'Dental', 'Labs'],
  education: ['Academy', 'School', 'Learning', 'Education', 'Courses'],
  IT: ['Software', 'Systems', 'Tech', 'Digital', 'Cloud'],
  manufacturing: ['Industries', 'Manufacturing', 'Works', 'Engineering', 'Plastics'],
  HoReCa: ['Hospitality', 'Hotels', 'Restaurants', 'Catering', 'Coffee'],
  'real estate': ['Realty', 'Properties', 'Estates', 'Development', 'Homes'],
  unknown: ['Group', 'Partners', 'Solutions', 'Services', 'Company'],
};

export const LEGAL_SUFFIXES = ['LLC', 'Ltd', 'Group', 'JSC', 'Co.', 'Holding', ''] as const;

export const CONTACT_FIRST = ['anna', 'ivan', 'maria', 'dmitry', 'elena', 'sergey', 'olga', 'pavel', 'julia', 'alexey', 'natalia', 'mikhail', 'irina', 'andrey', 'kate', 'john', 'sarah', 'tom'] as const;
export const CONTACT_LAST = ['ivanova', 'petrov', 'smirnova', 'kuznetsov', 'popova', 'sokolov', 'lebedeva', 'kozlov', 'novikova', 'morozov', 'volkova', 'orlov', 'baker', 'walsh', 'green'] as const;
