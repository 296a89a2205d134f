import { describe, expect, it } from 'vitest';
import { fiscalPeriod } from './fiscal';

describe('fiscalPeriod', () => {
  it('a January start is the calendar year and its quarters', () => {
    expect(fiscalPeriod('2025-04', 3, 1)).toEqual({ year: 2025, quarter: 2 });
    expect(fiscalPeriod('2025-01', 12, 1)).toEqual({ year: 2025, quarter: null });
  });
  it('an April start: FY2026 runs Apr 2025 – Mar 2026, named by the year it ends in', () => {
    expect(fiscalPeriod('2025-04', 3, 4)).toEqual({ year: 2026, quarter: 1 });
    expect(fiscalPeriod('2026-01', 3, 4)).toEqual({ year: 2026, quarter: 4 });
    expect(fiscalPeriod('2025-04', 12, 4)).toEqual({ year: 2026, quarter: null });
  });
  it('is null for periods off the fiscal grid, months and free ranges', () => {
    expect(fiscalPeriod('2025-05', 3, 4)).toBeNull();
    expect(fiscalPeriod('2025-01', 12, 4)).toBeNull();
    expect(fiscalPeriod('2025-04', 1, 4)).toBeNull();
    expect(fiscalPeriod('2025-04', 6, 4)).toBeNull();
  });
});
