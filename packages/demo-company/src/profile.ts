import type { Calendar } from './calendar.js';
import {
  CHANNELS,
  CONTACT_FIRST,
  CONTACT_LAST,
  INDUSTRIES,
  INDUSTRY_WORDS,
  LEGAL_SUFFIXES,
  NAME_ROOTS,
  PRODUCTS,
  REGIONS,
} from './catalog.js';
import { BUSINESS_MODELS, SUPPORT_LEVELS, TYPE_PARAMS, type TypeParams } from './hidden-types.js';
import { Rng, clamp, hash32, money, tagCode } from './rng.js';
import { HIDDEN_TYPES, type BusinessModel, type HiddenType, type SizeBand, type SupportLevel } from './types.js';

// One independent random stream per (customer, table): any table can be
// regenerated for customer i without generating the others, and customer i is
// the same customer whether the company has 5,000 or 1,000,000 of them.
export const STREAM = {
  profile: tagCode('profile'),
  identity: tagCode('identity'),
  life: tagCode('life'),
  skip: tagCode('skip'),
  tx: tagCode('transactions'),
  deal: tagCode('deals'),
  usage: tagCode('usage'),
  survey: tagCode('surveys'),
  membership: tagCode('memberships'),
  interview: tagCode('interviews'),
  txScale: tagCode('transaction-scale'),
} as const;

const SHARES = HIDDEN_TYPES.map((t) => TYPE_PARAMS[t].share);
const NAME_MIDDLES = ['', '', '', '', '', 'Nord', 'City', 'Pro', 'Plus', '24', 'Express', 'Smart', 'Baltic', 'Siberian', 'United'];

export interface Profile {
  index: number;
  type: HiddenType;
  params: TypeParams;
  industry: string | null;
  trueIndustry: string;
  employees: number | null;
  sizeBand: SizeBand | null;
  region: string;
  model: BusinessModel;
  channel: string;
  cac: number;
  support: SupportLevel;
  /** Customer's price level relative to list. */
  priceLevel: number;
  /** First window month with revenue, and the day of the first invoice. */
  join: number;
  billingDay: number;
  joinDay: number;
  /** Days from the first deal opening to the first invoice. */
  dealCycle: number;
  /** A lost attempt before the won deal (days before the won deal opened), or 0. */
  earlierLostGap: number;
  /** Day of first contact ('first_seen'). */
  firstSeenDay: number;
}

function slugify(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function joinMonth(rng: Rng, shape: TypeParams['join'], months: number): number {
  const u = rng.float();
  if (shape === 'early') return Math.floor(months * Math.pow(u, 1.7));
  if (shape === 'late') {
    // Young tenure: most growth teams arrived 3–20 months before the end
    // (a team that signed last month has had no time to show its growth yet).
    if (rng.chance(0.05)) return Math.floor(months * u);
    const youngest = Math.min(months - 1, 3);
    const span = Math.max(1, Math.min(months - youngest, 18));
    return months - 1 - youngest - Math.floor(span * u);
  }
  return Math.floor(months * u);
}

function sizeBandOf(employees: number, rng: Rng): SizeBand {
  // The band is a turnover band: it follows staff size, imperfectly.
  const base = employees < 200 ? 0 : employees < 1000 ? 1 : 2;
  let band = base;
  if (rng.chance(0.08)) band = clamp(base + (rng.chance(0.5) ? 1 : -1), 0, 2);
  return (['S', 'M', 'L'] as const)[band];
}

/** The static facts about customer `index` (1-based). */
export function makeProfile(seed: number, index: number, cal: Calendar): Profile {
  const rng = new Rng(seed, STREAM.profile, index);
  const type = HIDDEN_TYPES[rng.weighted(SHARES)];
  const params = TYPE_PARAMS[type];

  const trueIndustry = INDUSTRIES[rng.weighted(params.industry)];
  const employeesTrue = Math.round(rng.logUniform(params.employees[0], params.employees[1]));
  const band = sizeBandOf(employeesTrue, rng);
  // Dirty on purpose: ~10 % of customers miss industry or size.
  const missingIndustry = rng.chance(0.055);
  const missingSize = rng.chance(0.05);

  const region = REGIONS[rng.weighted(params.region)];
  const model = BUSINESS_MODELS[rng.weighted(params.model)];
  const channel = CHANNELS[rng.weighted(params.channel)];
  const support = SUPPORT_LEVELS[rng.weighted(params.support)];
  const cac = money(rng.logNormal(params.cac[0], params.cac[1]));
  const priceLevel = rng.logNormal(params.priceLevel[0], params.priceLevel[1]);

  const join = joinMonth(rng, params.join, cal.months);
  const billingDay = rng.int(1, 28);
  const joinDay = Math.min(cal.monthStart(join) + billingDay - 1, cal.endDay);
  const dealCycle = Math.round(rng.logUniform(params.dealCycle[0], params.dealCycle[1]));
  const earlierLostGap = rng.chance(type === 'enterprise' ? 0.35 : 0.08) ? rng.int(30, 200) : 0;
  const firstSeenDay = Math.max(0, joinDay - dealCycle - earlierLostGap - (earlierLostGap > 0 ? dealCycle : 0));

  return {
    index,
    type,
    params,
    industry: missingIndustry ? null : trueIndustry,
    trueIndustry,
    employees: missingSize ? null : employeesTrue,
    sizeBand: missingSize ? null : band,
    region,
    model,
    channel,
    cac,
    support,
    priceLevel,
    join,
    billingDay,
    joinDay,
    dealCycle,
    earlierLostGap,
    firstSeenDay,
  };
}

/** Name and contacts, from their own stream: only the customers table needs them. */
export function makeIdentity(seed: number, p: Profile): { name: string; email: string; phone: string } {
  const rng = new Rng(seed, STREAM.identity, p.index);
  const words = INDUSTRY_WORDS[p.trueIndustry] ?? INDUSTRY_WORDS.unknown;
  const root = rng.pick(NAME_ROOTS);
  const middle = rng.pick(NAME_MIDDLES);
  const word = rng.pick(words);
  const suffix = rng.pick(LEGAL_SUFFIXES);
  const name = [root, middle, word, suffix].filter((s) => s !== '').join(' ');
  const domain = slugify([root, middle, word].filter((s) => s !== '').join(' '));
  const email = `${rng.pick(CONTACT_FIRST)}.${rng.pick(CONTACT_LAST)}@${domain}.example`;
  const phone = `+7 (9${rng.int(10, 99)}) ${rng.int(100, 999)}-${rng.int(10, 99)}-${rng.int(10, 99)}`;
  return { name, email, phone };
}

/** A subscription line: one product at a quantity and a unit price. */
export interface Line {
  product: number;
  qty: number;
  unitPrice: number;
  /** First month the line is billed. */
  start: number;
}

export interface LifeEvent {
  month: number;
  kind: 'expansion' | 'downgrade';
  /** Index into Life.lines (an expansion may append a new line). */
  line: number;
  /** Units added (expansion) — 0 when the expansion is a new line. */
  qtyDelta: number;
  /** For downgrades: the new quantity and unit price from this month. */
  newQty: number;
  newUnitPrice: number;
}

export interface Life {
  /** All lines ever held, with their state at `start`. */
  lines: Line[];
  events: LifeEvent[];
  /** First month without revenue (exclusive end); months when not churned. */
  end: number;
  churned: boolean;
  /** Seed for the per-month pause decision (irregular SMB use). */
  skipSeed: number;
}

/** The customer's lifecycle: products, expansions, downgrades, churn. */
export function makeLife(seed: number, p: Profile, months: number): Life {
  const rng = new Rng(seed, STREAM.life, p.index);
  const prm = p.params;
  const count = rng.int(prm.productCount[0], prm.productCount[1]);
  const chosen = [...prm.mustHave, ...rng.sample(prm.productPool.filter((x) => !prm.mustHave.includes(x)), count - prm.mustHave.length)];
  const lines: Line[] = chosen.map((product) => ({
    product,
    qty: rng.int(prm.qty[0], prm.qty[1]),
    unitPrice: money(PRODUCTS[product].price * p.priceLevel * rng.logNormal(1, 0.08)),
    start: p.join,
  }));

  // Churn: geometric lifetime (whole months after the first) from the monthly hazard.
  const u = rng.float();
  const survived = prm.churnHazard > 0 ? Math.floor(Math.log(1 - u) / Math.log(1 - prm.churnHazard)) : Infinity;
  const churned = p.join + 1 + survived < months;
  const end = churned ? p.join + 1 + survived : months;

  const events: LifeEvent[] = [];
  const qtyNow = lines.map((l) => l.qty);
  const priceNow = lines.map((l) => l.unitPrice);
  for (let m = p.join + 1; m < end; m++) {
    if (rng.chance(prm.expansionP)) {
      const candidates = prm.productPool.filter((x) => !lines.some((l) => l.product === x));
      if (candidates.length > 0 && rng.chance(0.4)) {
        const product = rng.pick(candidates);
        const qty = rng.int(prm.qty[0], prm.qty[1]);
        const unitPrice = money(PRODUCTS[product].price * p.priceLevel * rng.logNormal(1, 0.08));
        lines.push({ product, qty, unitPrice, start: m });
        qtyNow.push(qty);
        priceNow.push(unitPrice);
        events.push({ month: m, kind: 'expansion', line: lines.length - 1, qtyDelta: 0, newQty: qty, newUnitPrice: unitPrice });
      } else {
        const line = rng.int(0, lines.length - 1);
        // Growth teams add seats in bigger steps.
        const delta = p.type === 'growth_team' ? rng.int(1, 3) : 1;
        qtyNow[line] += delta;
        events.push({ month: m, kind: 'expansion', line, qtyDelta: delta, newQty: qtyNow[line], newUnitPrice: priceNow[line] });
      }
    }
    if (rng.chance(prm.downgradeP)) {
      const line = rng.int(0, lines.length - 1);
      if (lines[line].start <= m) {
        if (qtyNow[line] > 1) qtyNow[line] -= 1;
        else priceNow[line] = money(priceNow[line] * rng.range(0.6, 0.85));
        events.push({ month: m, kind: 'downgrade', line, qtyDelta: 0, newQty: qtyNow[line], newUnitPrice: priceNow[line] });
      }
    }
  }
  return { lines, events, end, churned, skipSeed: hash32(seed, STREAM.skip, p.index) };
}

/** Whether month m is a paused month (no invoice) for this customer. */
export function isPaused(life: Life, p: Profile, m: number): boolean {
  if (m === p.join || p.params.skipP === 0) return false;
  return hash32(life.skipSeed, m) / 4294967296 < p.params.skipP;
}
