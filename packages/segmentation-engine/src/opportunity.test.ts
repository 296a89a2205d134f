import { describe, expect, it } from 'vitest';
import { band, fromDecimal, opportunity, ratio, scoreOutcome, servedRegion, topTwoBox, topTwoBoxOf, toNumber } from './opportunity.js';

// Worked by hand, one row at a time (importance, satisfaction → opportunity, band):
//   9   , 3   → 9 + 6   = 15    outstanding (exactly on the boundary)
//   8   , 2.5 → 8 + 5.5 = 13.5  strong
//   7   , 1   → 7 + 6   = 13    strong
//   6   , 2   → 6 + 4   = 10    worth a look (boundary)
//   6   , 0.5 → 6 + 5.5 = 11.5  worth a look
//   5   , 9   → 5 + max(−4, 0) = 5   served (satisfaction above importance: the max matters)
//   9.5 , 9.9 → 9.5 + 0 = 9.5  served (over-served; without the max it would be 9.1)
//   7.5 , 7.5 → 7.5 + 0 = 7.5  served
//   10  , 0   → 10 + 10 = 20   outstanding
//   6   , 0   → 6 + 6   = 12   strong (boundary)
const TABLE: [string, string, number, string][] = [
  ['9', '3', 15, 'outstanding'],
  ['8', '2.5', 13.5, 'strong'],
  ['7', '1', 13, 'strong'],
  ['6', '2', 10, 'worth_a_look'],
  ['6', '0.5', 11.5, 'worth_a_look'],
  ['5', '9', 5, 'served'],
  ['9.5', '9.9', 9.5, 'served'],
  ['7.5', '7.5', 7.5, 'served'],
  ['10', '0', 20, 'outstanding'],
  ['6', '0', 12, 'strong'],
  ['5.99', '0', 11.98, 'worth_a_look'],
  ['4.99', '0', 9.98, 'served'],
];

describe('opportunity = importance + max(importance − satisfaction, 0)', () => {
  for (const [imp, sat, opp, b] of TABLE) {
    it(`importance ${imp}, satisfaction ${sat} → ${opp} (${b})`, () => {
      const score = scoreOutcome(fromDecimal(imp), fromDecimal(sat));
      expect(score).toEqual({ importance: Number(imp), satisfaction: Number(sat), opportunity: opp, band: b });
    });
  }

  it('is exact where floating point is not: 20/3 + (20/3 − 10/3) is 10, so "worth a look"', () => {
    const imp = ratio(20, 3);
    const sat = ratio(10, 3);
    expect(opportunity(imp, sat)).toEqual(ratio(10));
    expect(band(opportunity(imp, sat))).toBe('worth_a_look');
  });
});

describe('top-two-box rescaled to 0–10', () => {
  // 7 answers: 5,5,4,4,3,2,1 → 4 in the top two boxes → 10 × 4/7 = 5.714… → 5.71
  it('counts 4s and 5s over all answers, times ten', () => {
    const r = topTwoBoxOf([5, 5, 4, 4, 3, 2, 1]);
    expect(r).toEqual(ratio(40, 7));
    expect(toNumber(r!)).toBe(5.71);
  });
  it('hand-computed rows', () => {
    expect(topTwoBoxOf([5, 4, 4, 5])).toEqual(ratio(10)); // all top two
    expect(topTwoBoxOf([3, 3, 2, 1, 1])).toEqual(ratio(0)); // none
    expect(topTwoBoxOf([4, 1])).toEqual(ratio(5)); // half
    expect(topTwoBoxOf([5, 3, 2])).toEqual(ratio(10, 3)); // 3.33…
    expect(topTwoBoxOf([])).toBeNull();
  });
  it('feeds the opportunity: importance 9/10 answers top-two (9), satisfaction 2/8 (2.5) → 15.5 outstanding', () => {
    const imp = topTwoBox(9, 10)!;
    const sat = topTwoBox(2, 8)!;
    expect(scoreOutcome(imp, sat)).toEqual({ importance: 9, satisfaction: 2.5, opportunity: 15.5, band: 'outstanding' });
  });
  it('satisfaction above importance from answers: 2/5 important (4), 4/5 satisfied (8) → 4, served', () => {
    expect(scoreOutcome(topTwoBox(2, 5), topTwoBox(4, 5))).toEqual({ importance: 4, satisfaction: 8, opportunity: 4, band: 'served' });
  });
  it('rejects impossible counts', () => {
    expect(() => topTwoBox(6, 5)).toThrow();
  });
});

describe('landscape regions', () => {
  it('under-served when important and unsatisfied; over-served when satisfaction exceeds importance', () => {
    expect(servedRegion(fromDecimal('8'), fromDecimal('3'))).toBe('under_served');
    expect(servedRegion(fromDecimal('4'), fromDecimal('8'))).toBe('over_served');
    expect(servedRegion(fromDecimal('6'), fromDecimal('6'))).toBe('appropriately_served');
  });
});
