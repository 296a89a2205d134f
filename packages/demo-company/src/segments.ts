import type { Calendar } from './calendar.js';
import { makeLife, makeProfile, STREAM, type Profile } from './profile.js';
import { Rng } from './rng.js';
import type { MemberFacts, MembershipRow, PlanRow, SegmentRow, SupportCostRow } from './types.js';

/**
 * Managed segments that exist when the demo starts. Most are the company's
 * old firmographic rules (staff size, industry): they overlay the hidden
 * behavioural types imperfectly, which is what the ABCDX run should reveal.
 * Listed in priority order: a customer joins the first segment that matches.
 */
export const SEGMENTS: readonly SegmentRow[] = [
  {
    key: 'growth-teams',
    name: 'Growth teams',
    description: 'Fast-growing companies whose team and order volume double within a year; sales tags them at signing.',
    behaviour_factor: 'Headcount and order volume grow month over month, so tools must scale without re-implementation',
    owner_key: 'owner2',
    rule: 'tagged "fast-growing" by sales',
    matches: (f) => f.hidden_type === 'growth_team',
  },
  {
    key: 'enterprise-compliance',
    name: 'Enterprise with compliance',
    description: 'Large organisations with complex integrations and information-security requirements.',
    behaviour_factor: 'An information-security review gates every purchase and every rollout',
    owner_key: 'owner1',
    rule: 'size band L or 1,000+ staff',
    matches: (f) => f.size_band === 'L' || (f.employees ?? 0) >= 1000,
  },
  {
    key: 'mid-market-process',
    name: 'Mid-market with process maturity',
    description: 'Companies of 200–1,000 staff with several teams and formalised processes (maturity level 3).',
    behaviour_factor: 'Managers need control: standardised reports and quality control across teams',
    owner_key: 'owner1',
    rule: '200–999 staff (or size band M when staff is unknown)',
    matches: (f) => (f.employees !== null ? f.employees >= 200 && f.employees < 1000 : f.size_band === 'M'),
  },
  {
    key: 'price-sensitive-smb',
    name: 'Price-sensitive small business',
    description: 'Small retail and HoReCa businesses that buy the minimum and watch every invoice.',
    behaviour_factor: 'The monthly bill compared with the cheapest alternative',
    owner_key: 'owner2',
    rule: 'retail or HoReCa, size band S',
    matches: (f) => (f.industry === 'retail' || f.industry === 'HoReCa') && f.size_band === 'S',
  },
];

export function factsOf(p: Profile): MemberFacts {
  return { hidden_type: p.type, industry: p.industry, size_band: p.sizeBand, employees: p.employees, business_model: p.model };
}

export function initialSegment(p: Profile): SegmentRow | undefined {
  const facts = factsOf(p);
  return SEGMENTS.find((s) => s.matches(facts));
}

/**
 * Effective-dated, exclusive memberships. A customer enters their segment on
 * first contact; a few move later (growth teams that matured into mid-market,
 * mid-market companies that crossed into enterprise): the old membership
 * closes the day before the new one opens.
 */
export function* memberships(seed: number, n: number, cal: Calendar): IterableIterator<MembershipRow> {
  for (let i = 1; i <= n; i++) {
    const p = makeProfile(seed, i, cal);
    const segment = initialSegment(p);
    if (!segment) continue;
    const life = makeLife(seed, p, cal.months);
    const rng = new Rng(seed, STREAM.membership, i);
    const from = p.firstSeenDay;
    let moveMonth = -1;
    let target: string | null = null;
    const tenure = life.end - p.join;
    if (segment.key === 'growth-teams' && (p.employees ?? 0) >= 100 && tenure > 12 && rng.chance(0.35)) {
      moveMonth = p.join + 12;
      target = 'mid-market-process';
    } else if (segment.key === 'mid-market-process' && p.type === 'mid_market' && (p.employees ?? 0) >= 600 && tenure > 9 && rng.chance(0.3)) {
      moveMonth = p.join + rng.int(6, tenure - 1);
      target = 'enterprise-compliance';
    }
    const moveDay = moveMonth >= 0 ? cal.monthStart(moveMonth) : -1;
    if (target !== null && moveDay > from && moveDay <= cal.endDay) {
      yield { segment_key: segment.key, customer_id: i, valid_from: cal.date(from), valid_to: cal.date(moveDay - 1) };
      yield { segment_key: target, customer_id: i, valid_from: cal.date(moveDay), valid_to: null };
    } else {
      yield { segment_key: segment.key, customer_id: i, valid_from: cal.date(from), valid_to: null };
    }
  }
}

/** Monthly cost to serve one active customer per support level. */
export const SUPPORT_COSTS: readonly SupportCostRow[] = [
  { support_level: 'basic', monthly_cost: 3 },
  { support_level: 'standard', monthly_cost: 25 },
  { support_level: 'premium', monthly_cost: 180 },
];

/**
 * Plans: the last four quarters of the data approved by the director (growth
 * targets the segments sometimes miss), the next quarter proposed by the
 * CX-owner and awaiting approval.
 */
export function demoPlans(cal: Calendar): PlanRow[] {
  const last = cal.months - 1;
  const lastQuarterStart = last - (last % 3);
  const out: PlanRow[] = [];
  SEGMENTS.forEach((s, si) => {
    for (let k = 3; k >= 0; k--) {
      const m = lastQuarterStart - 3 * k;
      out.push({ segment_key: s.key, period_kind: 'quarter', period_start: cal.date(cal.monthStart(m)), growth: 1.02 + 0.02 * ((si + k) % 3), customers_delta: 2 + si, status: 'approved', proposed_by_key: s.owner_key });
    }
    out.push({ segment_key: s.key, period_kind: 'quarter', period_start: addMonths(cal.date(cal.monthStart(lastQuarterStart)), 3), growth: 1.05, customers_delta: 3, status: 'proposed', proposed_by_key: s.owner_key });
  });
  return out;
}

function addMonths(isoMonthStart: string, n: number): string {
  const [y, m] = isoMonthStart.split('-').map(Number);
  const k = y * 12 + (m - 1) + n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}-01`;
}
