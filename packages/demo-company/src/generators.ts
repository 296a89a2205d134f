import type { Calendar } from './calendar.js';
import { PRODUCTS } from './catalog.js';
import { isPaused, makeIdentity, makeLife, makeProfile, STREAM, type Profile } from './profile.js';
import { Rng, clamp, money } from './rng.js';
import { CSAT_REASONS, SURVEY_REASONS } from './texts.js';
import type { CustomerRow, DealRow, HiddenTypeRow, SurveyRow, UsageRow } from './types.js';

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function customerExternalId(i: number): string {
  return `C-${pad(i, 6)}`;
}

export function customerRow(seed: number, p: Profile, cal: Calendar): CustomerRow {
  const { name, email, phone } = makeIdentity(seed, p);
  return {
    id: p.index,
    external_id: customerExternalId(p.index),
    name,
    industry: p.industry,
    size_band: p.sizeBand,
    employees: p.employees,
    region: p.region,
    business_model: p.model,
    acquisition_channel: p.channel,
    cac: p.cac,
    support_level: p.support,
    first_seen: cal.date(p.firstSeenDay),
    email,
    phone,
  };
}

export function* customers(seed: number, n: number, cal: Calendar): IterableIterator<CustomerRow> {
  for (let i = 1; i <= n; i++) yield customerRow(seed, makeProfile(seed, i, cal), cal);
}

export function* hiddenTypes(seed: number, n: number, cal: Calendar): IterableIterator<HiddenTypeRow> {
  for (let i = 1; i <= n; i++) {
    yield { customer_external_id: customerExternalId(i), hidden_type: makeProfile(seed, i, cal).type };
  }
}

/**
 * CRM deals: the first won deal (enterprise cycles are long, SMB short), an
 * earlier lost attempt for some, a won deal behind most sales-led expansions,
 * lost upsell attempts, and open deals at the end date.
 */
export function* deals(seed: number, n: number, cal: Calendar): IterableIterator<DealRow> {
  let id = 1;
  const out: DealRow[] = [];
  const mk = (customer: number, product: number, opened: number, closed: number | null, status: DealRow['status'], amount: number): DealRow => {
    const d: DealRow = {
      id,
      external_id: `D-${pad(id, 7)}`,
      customer_id: customer,
      product_id: product + 1,
      opened_on: cal.date(opened),
      closed_on: closed === null ? null : cal.date(closed),
      status,
      amount: money(amount),
    };
    id++;
    return d;
  };
  for (let i = 1; i <= n; i++) {
    const p = makeProfile(seed, i, cal);
    const life = makeLife(seed, p, cal.months);
    const rng = new Rng(seed, STREAM.deal, i);
    const main = life.lines[0];
    const firstYear = life.lines.filter((l) => l.start === p.join).reduce((s, l) => s + l.unitPrice * l.qty, 0) * 12;
    out.length = 0;
    if (p.earlierLostGap > 0) {
      const lostClosed = p.joinDay - p.dealCycle - p.earlierLostGap;
      out.push(mk(i, main.product, Math.max(0, lostClosed - p.dealCycle), Math.max(0, lostClosed), 'lost', firstYear * rng.range(0.8, 1.3)));
    }
    out.push(mk(i, main.product, Math.max(0, p.joinDay - p.dealCycle), p.joinDay, 'won', firstYear));
    const salesLed = p.type === 'enterprise' || p.type === 'mid_market' ? 1 : 0.5;
    for (const e of life.events) {
      if (e.kind !== 'expansion' || !rng.chance(salesLed)) continue;
      const closed = cal.monthStart(e.month) + rng.int(0, 5);
      if (closed > cal.endDay) continue;
      const cycle = Math.max(3, Math.round(p.dealCycle * rng.range(0.2, 0.5)));
      const added = e.qtyDelta > 0 ? e.qtyDelta : e.newQty;
      out.push(mk(i, life.lines[e.line].product, Math.max(0, closed - cycle), closed, 'won', e.newUnitPrice * added * 12));
    }
    const upsellLostP = p.type === 'enterprise' || p.type === 'mid_market' ? 0.3 : p.type === 'cost_sensitive' ? 0.05 : 0.12;
    const lifeEndDay = Math.min(cal.endDay, cal.monthStart(life.end) - 1);
    if (rng.chance(upsellLostP) && lifeEndDay - p.joinDay > 90) {
      const opened = p.joinDay + rng.int(30, lifeEndDay - p.joinDay - 30);
      const product = rng.pick(p.params.productPool);
      out.push(mk(i, product, opened, Math.min(cal.endDay, opened + rng.int(10, 90)), 'lost', PRODUCTS[product].price * p.priceLevel * 12));
    }
    const openP = p.type === 'growth_team' ? 0.3 : p.type === 'enterprise' ? 0.25 : p.type === 'mid_market' ? 0.12 : 0.03;
    if (!life.churned && rng.chance(openP)) {
      const product = rng.pick(p.params.productPool);
      const opened = Math.max(p.joinDay, cal.endDay - rng.int(5, 75));
      out.push(mk(i, product, opened, null, 'open', PRODUCTS[product].price * p.priceLevel * 12 * rng.range(1, 3)));
    }
    // Keep each customer's deals in the order they were opened.
    out.sort((a, b) => (a.opened_on < b.opened_on ? -1 : a.opened_on > b.opened_on ? 1 : a.id - b.id));
    const base = out.length > 0 ? Math.min(...out.map((d) => d.id)) : id;
    for (let k = 0; k < out.length; k++) {
      out[k].id = base + k;
      out[k].external_id = `D-${pad(base + k, 7)}`;
      yield out[k];
    }
  }
}

/**
 * Monthly product analytics for each active month: growth teams rise fast and
 * spike, enterprise is steady and heavy, SMB irregular and shallow.
 */
export function* usage(seed: number, n: number, cal: Calendar): IterableIterator<UsageRow> {
  for (let i = 1; i <= n; i++) {
    const p = makeProfile(seed, i, cal);
    const life = makeLife(seed, p, cal.months);
    const prm = p.params;
    const rng = new Rng(seed, STREAM.usage, i);
    const users0 = rng.logNormal(prm.users[0], prm.users[1]);
    const growth = rng.range(prm.userGrowth[0], prm.userGrowth[1]);
    const modules0 = rng.int(prm.modules[0], prm.modules[1]);
    const modulesMax = prm.modules[1] + (p.type === 'growth_team' ? 3 : 0);
    for (let m = p.join; m < life.end; m++) {
      const t = m - p.join;
      const paused = isPaused(life, p, m);
      let users = users0 * Math.exp(growth * t) * Math.exp(prm.usageNoise * rng.normal());
      if (paused) users *= 0.15;
      const activeUsers = Math.max(paused ? 0 : 1, Math.round(users));
      let events = activeUsers * prm.eventsPerUser * rng.logNormal(1, prm.usageNoise);
      if (rng.chance(prm.spikeP)) events *= rng.range(2.5, 6);
      const modules = p.type === 'growth_team' ? Math.min(modulesMax, modules0 + Math.floor(t / 4)) : paused ? 1 : modules0;
      yield {
        customer_id: i,
        period: cal.date(cal.monthStart(m)),
        active_users: activeUsers,
        events: Math.round(events),
        modules_used: modules,
      };
    }
  }
}

/** NPS / CSAT answers; reasons echo each type's pains, detractors more often near churn. */
export function* surveys(seed: number, n: number, cal: Calendar): IterableIterator<SurveyRow> {
  let id = 1;
  for (let i = 1; i <= n; i++) {
    const p = makeProfile(seed, i, cal);
    const life = makeLife(seed, p, cal.months);
    const rng = new Rng(seed, STREAM.survey, i);
    const mood = rng.normal() * 0.8; // a customer's persistent lean
    const pool = SURVEY_REASONS[p.type];
    for (let m = p.join; m < life.end; m++) {
      if (!rng.chance(0.075)) continue;
      const day = cal.monthStart(m) + rng.int(0, cal.monthDays(m) - 1);
      if (day > cal.endDay) continue;
      const nearChurn = life.churned && m >= life.end - 3 ? -2 : 0;
      const npsValue = clamp(Math.round(p.params.nps[0] + mood + nearChurn + p.params.nps[1] * rng.normal()), 0, 10);
      const kind = rng.float();
      const hasNps = kind < 0.75;
      const hasCsat = kind >= 0.65;
      const csatValue = clamp(Math.round(1 + (npsValue / 10) * 4 + 0.6 * rng.normal()), 1, 5);
      let reason: string;
      if (hasNps) {
        reason = rng.pick(npsValue >= 9 ? pool.promoter : npsValue >= 7 ? pool.passive : pool.detractor);
      } else {
        reason = rng.chance(0.5) ? rng.pick(CSAT_REASONS) : rng.pick(csatValue >= 4 ? pool.promoter : csatValue === 3 ? pool.passive : pool.detractor);
      }
      yield {
        id,
        external_id: `S-${pad(id, 7)}`,
        customer_id: i,
        answered_on: cal.date(day),
        nps: hasNps ? npsValue : null,
        csat: hasCsat ? csatValue : null,
        reason,
      };
      id++;
    }
  }
}
