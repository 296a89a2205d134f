import type { Calendar } from './calendar.js';
import { PRODUCTS } from './catalog.js';
import { isPaused, makeLife, makeProfile, STREAM } from './profile.js';
import { Rng, money } from './rng.js';
import type { TransactionRow, TransactionType } from './types.js';

// Products whose carrier cost is known per transaction (pass-through SMS and
// messenger traffic): the row carries its own `cost`; the others leave it null
// so the P&L falls back to unit_cost × quantity or cost_share × amount.
const OWN_COST = new Set(['SMS Start', 'Messenger Hub', 'Omnichannel Messaging Enterprise'].map((n) => PRODUCTS.findIndex((p) => p.name === n)));

interface PendingRow {
  day: number;
  row: TransactionRow;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Splits an amount in cents into `parts` amounts that sum to it exactly (the first ones carry the remainder). */
function splitMoney(x: number, parts: number): number[] {
  const cents = Math.round(x * 100);
  const sign = cents < 0 ? -1 : 1;
  const abs = Math.abs(cents);
  const base = Math.floor(abs / parts);
  const rem = abs - base * parts;
  return Array.from({ length: parts }, (_, k) => (sign * (base + (k < rem ? 1 : 0))) / 100);
}

/**
 * Applies the transaction scale to one customer's rows (already in date
 * order): each row is kept ⌊s⌋ or ⌈s⌉ times — copies split the amount,
 * discount and cost to the cent — or dropped. Its own random stream, so the
 * scale never changes the other tables or the rows at s = 1.
 */
function scaleRows(buf: PendingRow[], scale: number, rng: Rng): PendingRow[] {
  const whole = Math.floor(scale);
  const frac = scale - whole;
  const out: PendingRow[] = [];
  for (const p of buf) {
    const copies = whole + (rng.chance(frac) ? 1 : 0);
    if (copies === 0) continue;
    if (copies === 1) {
      out.push(p);
      continue;
    }
    const amounts = splitMoney(p.row.amount, copies);
    // A split charge never rounds to zero or changes sign: keep the row whole instead.
    if (amounts.some((a) => a === 0 || Math.sign(a) !== Math.sign(p.row.amount))) {
      out.push(p);
      continue;
    }
    const discounts = splitMoney(p.row.discount, copies);
    const costs = p.row.cost === null ? null : splitMoney(p.row.cost, copies);
    for (let k = 0; k < copies; k++) {
      // Line items of one invoice line: the quantity stays on the first, so unit cost × quantity is unchanged.
      out.push({ day: p.day, row: { ...p.row, amount: amounts[k], discount: discounts[k], cost: costs ? costs[k] : null, quantity: k === 0 ? p.row.quantity : 0 } });
    }
  }
  return out;
}

/**
 * Billing history, customer by customer, each customer's rows in date order.
 * Ids are 1..N in the order rows are yielded. `scale` ≠ 1 multiplies the row
 * count (see DemoCompanyOptions.transactionScale).
 */
export function* transactions(seed: number, customers: number, cal: Calendar, scale = 1): IterableIterator<TransactionRow> {
  let nextId = 1;
  let nextOrder = 1;
  const buf: PendingRow[] = [];
  for (let i = 1; i <= customers; i++) {
    const p = makeProfile(seed, i, cal);
    const life = makeLife(seed, p, cal.months);
    const prm = p.params;
    const rng = new Rng(seed, STREAM.tx, i);
    const qty = life.lines.map((l) => l.qty);
    const price = life.lines.map((l) => l.unitPrice);
    const downgradedThisMonth = new Uint8Array(life.lines.length);
    let ev = 0;
    buf.length = 0;

    for (let m = p.join; m < life.end; m++) {
      downgradedThisMonth.fill(0);
      const monthStart = cal.monthStart(m);
      const monthDays = cal.monthDays(m);
      // Plan changes take effect this month.
      while (ev < life.events.length && life.events[ev].month === m) {
        const e = life.events[ev++];
        if (e.kind === 'expansion') {
          // An expansion is a prorated mid-cycle charge for what was added
          // (seats or a new product); regular invoices carry it from then on.
          const addedQty = e.qtyDelta > 0 ? e.qtyDelta : e.newQty;
          const day = monthStart + rng.int(0, monthDays - 1);
          if (day <= cal.endDay) {
            const amount = money(e.newUnitPrice * addedQty * rng.range(0.4, 1));
            buf.push({
              day,
              row: {
                id: 0,
                external_id: '',
                customer_id: i,
                product_id: life.lines[e.line].product + 1,
                occurred_on: '',
                amount,
                quantity: addedQty,
                discount: 0,
                cost: null,
                type: 'expansion',
                overdue: rng.chance(prm.overdueP),
                order_id: `O-${pad(nextOrder++, 8)}`,
              },
            });
          }
          if (e.qtyDelta > 0) qty[e.line] = e.newQty;
        } else {
          qty[e.line] = e.newQty;
          price[e.line] = e.newUnitPrice;
          downgradedThisMonth[e.line] = 1;
        }
      }
      if (isPaused(life, p, m)) continue;
      const day = m === p.join ? p.joinDay : monthStart + p.billingDay - 1;
      if (day > cal.endDay) continue;
      const order = `O-${pad(nextOrder++, 8)}`;
      for (let l = 0; l < life.lines.length; l++) {
        const line = life.lines[l];
        if (line.start > m || (line.start === m && m !== p.join)) continue;
        const gross = price[l] * qty[l];
        let discount = 0;
        if (rng.chance(prm.discountP)) discount = money(gross * rng.range(prm.discountPct[0], prm.discountPct[1]));
        const amount = money(gross - discount);
        const product = PRODUCTS[line.product];
        const cost = OWN_COST.has(line.product) ? money(amount * (product.cost_share ?? 0.2) * rng.logNormal(1, 0.12)) : null;
        const type: TransactionType = downgradedThisMonth[l] ? 'downgrade' : 'payment';
        buf.push({
          day,
          row: {
            id: 0,
            external_id: '',
            customer_id: i,
            product_id: line.product + 1,
            occurred_on: '',
            amount,
            quantity: qty[l],
            discount,
            cost,
            type,
            overdue: rng.chance(prm.overdueP),
            order_id: order,
          },
        });
        if (rng.chance(prm.refundP)) {
          const refundDay = day + rng.int(3, 30);
          if (refundDay <= cal.endDay) {
            const share = rng.chance(0.5) ? 1 : rng.range(0.1, 0.5);
            buf.push({
              day: refundDay,
              row: {
                id: 0,
                external_id: '',
                customer_id: i,
                product_id: line.product + 1,
                occurred_on: '',
                amount: -money(amount * share) || -0.01,
                // A refund returns money, not units: quantity 0, no own cost.
                quantity: 0,
                discount: 0,
                cost: null,
                type: 'refund',
                overdue: false,
                order_id: order,
              },
            });
          }
        }
      }
    }

    // Rows are nearly in date order already; insertion sort is linear here.
    for (let a = 1; a < buf.length; a++) {
      const x = buf[a];
      let b = a - 1;
      while (b >= 0 && buf[b].day > x.day) {
        buf[b + 1] = buf[b];
        b--;
      }
      buf[b + 1] = x;
    }
    const rows = scale === 1 ? buf : scaleRows(buf, scale, new Rng(seed, STREAM.txScale, i));
    for (const { day, row: r } of rows) {
      r.id = nextId;
      r.external_id = `T-${pad(nextId, 9)}`;
      r.occurred_on = cal.date(day);
      nextId++;
      yield r;
    }
  }
}
