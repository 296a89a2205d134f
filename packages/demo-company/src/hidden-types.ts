import { productIndex } from './catalog.js';
import type { HiddenType, SupportLevel } from './types.js';

/**
 * Behaviour of one hidden type (seeds/003 segment template, seeds/001 maturity
 * levels). The product never sees these; segmentation must rediscover them.
 * Money is log-normal (median, sigma) so types overlap but stay separable.
 */
export interface TypeParams {
  share: number;
  /** Business-process maturity (seeds/001): 1, 2, 3, 3+. */
  maturity: string;
  employees: readonly [number, number];
  /** Products a customer of this type starts with (indices into PRODUCTS). */
  productPool: readonly number[];
  /** Always subscribed (e.g. the security pack for enterprise). */
  mustHave: readonly number[];
  productCount: readonly [number, number];
  qty: readonly [number, number];
  /** Customer's price level relative to list (median, log sigma). */
  priceLevel: readonly [number, number];
  /** Probability that a payment carries a discount, and its range as a share of the gross. */
  discountP: number;
  discountPct: readonly [number, number];
  overdueP: number;
  refundP: number;
  /** Monthly probabilities. */
  expansionP: number;
  downgradeP: number;
  churnHazard: number;
  /** Monthly probability of a paused month with no invoice (irregular use). */
  skipP: number;
  cac: readonly [number, number];
  nps: readonly [number, number];
  users: readonly [number, number];
  /** Monthly growth of active users (range, drawn per customer). */
  userGrowth: readonly [number, number];
  /** Log sigma of month-to-month usage noise. */
  usageNoise: number;
  /** Monthly probability of a usage spike (×2.5–6 events). */
  spikeP: number;
  eventsPerUser: number;
  modules: readonly [number, number];
  /** Length of the first deal, days (log-uniform). */
  dealCycle: readonly [number, number];
  join: 'uniform' | 'early' | 'late';
  industry: readonly number[];
  region: readonly number[];
  model: readonly number[];
  channel: readonly number[];
  support: readonly number[];
}

const P = productIndex;

const BASIC_POOL = [P('SMS Start'), P('Push Notifications'), P('Virtual PBX Start'), P('Local Numbers'), P('Callback Widget'), P('Call Tracking Start')];
const PRO_POOL = [
  P('Messenger Hub'),
  P('Virtual PBX Pro'),
  P('Call Recording Archive'),
  P('Call Tracking Pro'),
  P('CRM Connect'),
  P('Contact Centre Monitoring'),
  P('End-to-end Analytics'),
  P('Speech Analytics'),
];
const ENTERPRISE_POOL = [
  P('Omnichannel Messaging Enterprise'),
  P('Voice Enterprise'),
  P('CRM Integration Enterprise'),
  P('Contact Centre Suite'),
  P('End-to-end Analytics Enterprise'),
  P('Speech Analytics'),
  P('Contact Centre Monitoring'),
];
const GROWTH_POOL = [P('Messenger Hub'), P('Push Notifications'), P('Call Tracking Pro'), P('CRM Connect'), P('End-to-end Analytics'), P('Callback Widget'), P('SMS Start')];
const CHEAP_POOL = [P('SMS Start'), P('Virtual PBX Start'), P('Callback Widget'), P('Local Numbers')];

// Firmographic weights, in the order of INDUSTRIES / REGIONS / models / CHANNELS / support levels.
export const TYPE_PARAMS: Record<HiddenType, TypeParams> = {
  smb_operator: {
    share: 0.35,
    maturity: '1-2',
    employees: [10, 200],
    productPool: [...BASIC_POOL, P('CRM Connect')],
    mustHave: [],
    productCount: [1, 2],
    qty: [1, 2],
    priceLevel: [1.0, 0.22],
    discountP: 0.04,
    discountPct: [0.05, 0.15],
    overdueP: 0.07,
    refundP: 0.015,
    expansionP: 0.012,
    downgradeP: 0.006,
    churnHazard: 0.024,
    skipP: 0.12,
    cac: [350, 0.45],
    nps: [7.0, 1.8],
    users: [5, 0.5],
    userGrowth: [-0.005, 0.01],
    usageNoise: 0.55,
    spikeP: 0.04,
    eventsPerUser: 45,
    modules: [1, 2],
    dealCycle: [3, 21],
    join: 'uniform',
    industry: [18, 10, 3, 8, 10, 8, 8, 6, 18, 11],
    region: [22, 10, 12, 14, 10, 10, 12, 5, 5],
    model: [30, 60, 10],
    channel: [40, 10, 25, 15, 10, 0],
    support: [80, 18, 2],
  },
  mid_market: {
    share: 0.2,
    maturity: '3',
    employees: [200, 1000],
    productPool: [...PRO_POOL, P('Virtual PBX Start'), P('Local Numbers')],
    mustHave: [],
    productCount: [3, 6],
    qty: [1, 3],
    priceLevel: [1.0, 0.2],
    discountP: 0.06,
    discountPct: [0.05, 0.12],
    overdueP: 0.03,
    refundP: 0.006,
    expansionP: 0.04,
    downgradeP: 0.004,
    churnHazard: 0.006,
    skipP: 0,
    cac: [3000, 0.4],
    nps: [8.0, 1.3],
    users: [60, 0.45],
    userGrowth: [0.0, 0.012],
    usageNoise: 0.08,
    spikeP: 0.01,
    eventsPerUser: 150,
    modules: [3, 6],
    dealCycle: [20, 75],
    join: 'uniform',
    industry: [8, 8, 8, 16, 12, 6, 14, 16, 4, 8],
    region: [24, 11, 12, 14, 11, 10, 10, 4, 4],
    model: [55, 30, 15],
    channel: [30, 25, 20, 15, 2, 8],
    support: [15, 70, 15],
  },
  enterprise: {
    share: 0.08,
    maturity: '3+',
    employees: [1000, 50000],
    productPool: ENTERPRISE_POOL,
    mustHave: [P('Enterprise Security Pack')],
    productCount: [4, 7],
    qty: [1, 3],
    priceLevel: [1.05, 0.2],
    discountP: 0.12,
    discountPct: [0.05, 0.1],
    overdueP: 0.06,
    refundP: 0.004,
    expansionP: 0.04,
    downgradeP: 0.003,
    churnHazard: 0.003,
    skipP: 0,
    cac: [21000, 0.45],
    nps: [7.2, 1.2],
    users: [800, 0.6],
    userGrowth: [0.0, 0.008],
    usageNoise: 0.05,
    spikeP: 0.0,
    eventsPerUser: 210,
    modules: [7, 11],
    dealCycle: [90, 270],
    join: 'early',
    industry: [6, 6, 40, 10, 8, 3, 10, 12, 1, 4],
    region: [45, 15, 8, 8, 8, 6, 5, 3, 2],
    model: [35, 40, 25],
    channel: [10, 45, 15, 10, 0, 20],
    support: [0, 15, 85],
  },
  growth_team: {
    share: 0.12,
    maturity: '2-3',
    employees: [20, 600],
    productPool: GROWTH_POOL,
    mustHave: [],
    productCount: [2, 3],
    qty: [1, 2],
    priceLevel: [1.0, 0.22],
    discountP: 0.05,
    discountPct: [0.1, 0.2],
    overdueP: 0.04,
    refundP: 0.008,
    expansionP: 0.32,
    downgradeP: 0.004,
    churnHazard: 0.008,
    skipP: 0,
    cac: [800, 0.4],
    nps: [8.8, 1.0],
    users: [8, 0.45],
    userGrowth: [0.1, 0.18],
    usageNoise: 0.25,
    spikeP: 0.22,
    eventsPerUser: 120,
    modules: [2, 4],
    dealCycle: [7, 30],
    join: 'late',
    industry: [6, 40, 6, 5, 5, 6, 22, 2, 4, 4],
    region: [35, 18, 8, 10, 8, 7, 8, 3, 3],
    model: [15, 45, 40],
    channel: [45, 5, 5, 35, 5, 5],
    support: [30, 60, 10],
  },
  cost_sensitive: {
    share: 0.25,
    maturity: '1',
    employees: [5, 250],
    productPool: CHEAP_POOL,
    mustHave: [],
    productCount: [1, 1],
    qty: [1, 1],
    priceLevel: [0.85, 0.2],
    discountP: 0.7,
    discountPct: [0.15, 0.4],
    overdueP: 0.3,
    refundP: 0.03,
    expansionP: 0.0,
    downgradeP: 0.04,
    churnHazard: 0.045,
    skipP: 0.03,
    cac: [160, 0.45],
    nps: [4.6, 1.9],
    users: [2, 0.4],
    userGrowth: [-0.015, 0.0],
    usageNoise: 0.3,
    spikeP: 0.02,
    eventsPerUser: 25,
    modules: [1, 1],
    dealCycle: [5, 30],
    join: 'uniform',
    industry: [20, 10, 2, 6, 8, 16, 4, 4, 22, 8],
    region: [18, 9, 12, 15, 11, 11, 14, 5, 5],
    model: [30, 60, 10],
    channel: [35, 5, 10, 10, 40, 0],
    support: [95, 5, 0],
  },
};

export const SUPPORT_LEVELS: readonly SupportLevel[] = ['basic', 'standard', 'premium'];
export const BUSINESS_MODELS = ['B2B', 'B2C', 'B2B2C'] as const;
