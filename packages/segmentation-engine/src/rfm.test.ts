import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

import { EngineError } from './errors.js';
import { computeRfm, RFM_TABLE_R_PACKAGE, RFM_TABLE_RF_GRID, rfmScores, rfmScoreSql, rfmSegment, validateRfmTable, type RfmSegmentTable } from './rfm.js';

describe('rfmScores: LEAST(5, 1 + FLOOR(5 * PERCENT_RANK() OVER (ORDER BY value)))', () => {
  test('worked examples, ascending and descending', () => {
    // ranks 1,2,2,4,5 of 5 → percent_rank 0, .25, .25, .75, 1 → 1, 2, 2, 4, 5
    expect(Array.from(rfmScores([10, 20, 20, 30, 40]))).toEqual([1, 2, 2, 4, 5]);
    expect(Array.from(rfmScores([40, 30, 20, 20, 10], { descending: true }))).toEqual([1, 2, 3, 3, 5]);
    expect(Array.from(rfmScores([7]))).toEqual([1]);
    expect(Array.from(rfmScores([3, 3, 3]))).toEqual([1, 1, 1]);
    expect(Array.from(rfmScores(Array.from({ length: 10 }, (_, i) => i)))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(Array.from(rfmScores([]))).toEqual([]);
  });

  test('property: scores are 1–5, equal values get equal scores, order is respected', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 300 }), fc.boolean(), (values, descending) => {
        const s = rfmScores(values, { descending });
        const sign = descending ? -1 : 1;
        for (let i = 0; i < values.length; i++) {
          expect(s[i]).toBeGreaterThanOrEqual(1);
          expect(s[i]).toBeLessThanOrEqual(5);
          for (let j = 0; j < values.length; j++) {
            if (values[i] === values[j]) expect(s[i]).toBe(s[j]);
            if (sign * values[i] < sign * values[j]) expect(s[i]).toBeLessThanOrEqual(s[j]);
          }
        }
        // A unique best value (last in the ordering) has percent rank 1 → score 5.
        const best = descending ? Math.min(...values) : Math.max(...values);
        if (values.length > 1 && values.filter((v) => v === best).length === 1) expect(s[values.indexOf(best)]).toBe(5);
      }),
      { numRuns: 150 },
    );
  });

  test('non-finite values are a typed error', () => {
    expect(() => rfmScores([1, Number.NaN])).toThrow(EngineError);
    expect(() => rfmScores([1, Number.NaN])).toThrow('RFM value at position 1 is NaN, not a finite number');
  });

  test('the SQL expression is the same rule', () => {
    expect(rfmScoreSql('recency_days', { descending: true })).toBe('LEAST(5, 1 + FLOOR(5 * PERCENT_RANK() OVER (ORDER BY "recency_days" DESC)))::int');
    expect(rfmScoreSql('m.monetary', { partitionBy: 'tenant_id' })).toBe('LEAST(5, 1 + FLOOR(5 * PERCENT_RANK() OVER (PARTITION BY "tenant_id" ORDER BY "m"."monetary")))::int');
    expect(() => rfmScoreSql('x; DROP TABLE t')).toThrow(EngineError);
  });
});

describe('segment tables', () => {
  test('the R×F grid covers all 25 cells, each with exactly one rule', () => {
    for (let r = 1; r <= 5; r++) {
      for (let f = 1; f <= 5; f++) {
        const matches = RFM_TABLE_RF_GRID.rules.filter((ru) => (!ru.r || (r >= ru.r[0] && r <= ru.r[1])) && (!ru.f || (f >= ru.f[0] && f <= ru.f[1])));
        expect(matches).toHaveLength(1);
      }
    }
    expect(rfmSegment(5, 5, 1).segment).toBe('champions');
    expect(rfmSegment(5, 1, 5).segment).toBe('new');
    expect(rfmSegment(1, 5, 1).segment).toBe('cant_lose_them');
    expect(rfmSegment(2, 2, 5).segment).toBe('hibernating');
    expect(rfmSegment(3, 3, 3).segment).toBe('need_attention');
  });

  test('the R rfm package table: first match wins, unmatched → Others', () => {
    expect(rfmSegment(5, 5, 5, RFM_TABLE_R_PACKAGE).segment).toBe('champions');
    expect(rfmSegment(3, 3, 3, RFM_TABLE_R_PACKAGE).segment).toBe('loyal'); // also matches need_attention, which comes later
    expect(rfmSegment(1, 1, 1, RFM_TABLE_R_PACKAGE).segment).toBe('lost');
    expect(rfmSegment(5, 1, 5, RFM_TABLE_R_PACKAGE).segment).toBe('others');
  });

  test('custom tables are validated and used', () => {
    const custom: RfmSegmentTable = {
      id: 'two-way',
      version: '2025-01',
      description: 'active vs inactive',
      rules: [{ segment: 'active', label: { en: 'Active', ru: 'Активные' }, r: [4, 5] }],
      fallback: { segment: 'inactive', label: { en: 'Inactive', ru: 'Неактивные' } },
    };
    expect(rfmSegment(4, 1, 1, custom).segment).toBe('active');
    expect(rfmSegment(3, 5, 5, custom).segment).toBe('inactive');
    expect(() => validateRfmTable({ ...custom, rules: [{ ...custom.rules[0], r: [0, 6] }] })).toThrow('RFM table "two-way", segment "active": r range 0..6 must be integers with 1 ≤ lower ≤ upper ≤ 5');
  });
});

describe('computeRfm', () => {
  const tx = [
    { customerId: 'a', date: '2024-12-31', amount: 100, orderId: 'o1' },
    { customerId: 'a', date: '2024-12-31', amount: 50, orderId: 'o1' }, // same order
    { customerId: 'a', date: '2024-11-01', amount: 70, orderId: 'o2' },
    { customerId: 'b', date: '2024-06-01', amount: 500, orderId: null },
    { customerId: 'b', date: '2024-06-15', amount: -100, orderId: null }, // refund
    { customerId: 'c', date: '2023-01-01', amount: 10 },
    { customerId: 'd', date: '2024-12-01', amount: 20, orderId: 'o9' },
    { customerId: 'd', date: '2025-02-01', amount: 999, orderId: 'o10' }, // after as-of
  ];

  test('recency, frequency, monetary, scores and segments', () => {
    const res = computeRfm(tx, '2025-01-01');
    expect(res.asOf).toBe('2025-01-01');
    expect(res.ignoredAfterAsOf).toBe(1);
    expect(res.table).toEqual({ id: 'rf-grid-10', version: '1' });
    const byId = Object.fromEntries(res.rows.map((r) => [r.customerId, r]));
    expect(byId.a).toMatchObject({ recencyDays: 1, frequency: 2, monetary: 220, lastPurchase: '2024-12-31' });
    expect(byId.b).toMatchObject({ recencyDays: 200, frequency: 2, monetary: 400 });
    expect(byId.c).toMatchObject({ recencyDays: 731, frequency: 1, monetary: 10 });
    expect(byId.d).toMatchObject({ recencyDays: 31, frequency: 1, monetary: 20 });
    // recency desc: a(1) best → 5; d(31) → pr 2/3 → 4; b(200) → pr 1/3 → 2; c → 1
    expect([byId.a.r, byId.d.r, byId.b.r, byId.c.r]).toEqual([5, 4, 2, 1]);
    // frequency 2,2,1,1 → ties: 1s rank 1 (score 1), 2s rank 3 → pr 2/3 → 4
    expect([byId.a.f, byId.b.f, byId.c.f, byId.d.f]).toEqual([4, 4, 1, 1]);
    expect(byId.a.score).toBe('544');
    expect(byId.a.segment).toBe('champions'); // R5 F4
    expect(byId.b.segment).toBe('at_risk'); // R2 F4
    expect(byId.c.segment).toBe('hibernating'); // R1 F1
    expect(byId.d.segment).toBe('promising'); // R4 F1
    expect(res.segmentCounts).toMatchObject({ champions: 1, at_risk: 1, hibernating: 1, promising: 1, loyal: 0 });
  });

  test('bad dates and amounts are typed errors naming the value', () => {
    expect(() => computeRfm([{ customerId: 'a', date: '31/12/2024', amount: 1 }], '2025-01-01')).toThrow('transaction 0 (customer "a") date "31/12/2024" is not a valid date (expected YYYY-MM-DD)');
    expect(() => computeRfm([{ customerId: 'a', date: '2024-12-31', amount: Number.NaN }], '2025-01-01')).toThrow('transaction 0 (customer "a"): amount NaN is not a finite number');
    expect(() => computeRfm([{ customerId: 'a', date: '2026-12-31', amount: 1 }], '2025-01-01')).toThrow('no transactions on or before 2025-01-01');
    expect(() => computeRfm([{ customerId: 'a', date: '2024-02-30', amount: 1 }], '2025-01-01')).toThrow('"2024-02-30" is not a valid date');
    expect(() => computeRfm([{ customerId: 'a', date: '2024-12-31', amount: 1 }], '01/01/2025')).toThrow('as-of date "01/01/2025" is not a valid date');
    expect(computeRfm([{ customerId: 'a', date: '2024-12-31T23:30:00Z', amount: 1 }], '2025-01-01').rows[0].recencyDays).toBe(1);
  });
});
