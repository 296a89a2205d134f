import { describe, expect, it } from 'vitest';
import { hasFilters, nextSort, paramsFromQuery, queryFromParams } from './customer-query';
import { npsScore, revenueByMonth } from './revenue-by-month';

describe('customer list state in the URL', () => {
  it('round-trips filters, paging and sort', () => {
    const q = queryFromParams(new URLSearchParams('page=3&pageSize=50&q=acme&industry=finance&sizeBand=unknown&businessModel=B2C&sort=revenue&order=desc'));
    expect(q).toEqual({ page: 3, pageSize: 50, q: 'acme', industry: 'finance', sizeBand: 'unknown', businessModel: 'B2C', sort: 'revenue', order: 'desc' });
    expect(queryFromParams(paramsFromQuery(q))).toEqual(q);
    expect(hasFilters(q)).toBe(true);
  });

  it('ignores values it does not know instead of sending them to the API', () => {
    const q = queryFromParams(new URLSearchParams('page=-2&pageSize=7&sizeBand=XL&businessModel=C2C&sort=hack'));
    expect(q).toEqual({ page: 1, pageSize: 25 });
    expect(hasFilters(q)).toBe(false);
    expect(paramsFromQuery(q).toString()).toBe('');
  });

  it('cycles a column through asc/desc/none, money first descending', () => {
    expect(nextSort({}, 'name')).toEqual({ sort: 'name', order: 'asc' });
    expect(nextSort({ sort: 'name', order: 'asc' }, 'name')).toEqual({ sort: 'name', order: 'desc' });
    expect(nextSort({ sort: 'name', order: 'desc' }, 'name')).toEqual({ sort: undefined, order: undefined });
    expect(nextSort({ sort: 'name', order: 'asc' }, 'revenue')).toEqual({ sort: 'revenue', order: 'desc' });
  });
});

describe('revenue by month', () => {
  it('sums per month, subtracts refunds, fills empty months', () => {
    const rows = revenueByMonth([
      { occurredOn: '2024-01-15', amount: '100.10', type: 'payment' },
      { occurredOn: '2024-01-20', amount: '0.20', type: 'expansion' },
      { occurredOn: '2024-03-02', amount: '50', type: 'payment' },
      { occurredOn: '2024-03-09', amount: '-20', type: 'refund' },
      { occurredOn: '2023-12-31', amount: '10', type: 'payment' },
    ]);
    expect(rows).toEqual([
      { month: '2023-12', net: 10, refunds: 0 },
      { month: '2024-01', net: 100.3, refunds: 0 },
      { month: '2024-02', net: 0, refunds: 0 },
      { month: '2024-03', net: 30, refunds: -20 },
    ]);
  });

  it('returns nothing for no transactions', () => {
    expect(revenueByMonth([])).toEqual([]);
  });
});

describe('NPS', () => {
  it('is promoters minus detractors in percent, skipping CSAT-only answers', () => {
    expect(npsScore([10, 9, 8, 3, null])).toBe(25);
    expect(npsScore([null])).toBeNull();
    expect(npsScore([0, 6])).toBe(-100);
  });
});
