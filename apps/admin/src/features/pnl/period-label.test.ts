import { describe, expect, it } from 'vitest';
import { i18n } from '../../app/i18n/i18n';
import { periodLabel } from './period-label';

const en = i18n.getFixedT('en');
const ru = i18n.getFixedT('ru');

describe('periodLabel: the resolved P&L period in words', () => {
  it('fiscal year starting in April: fiscal names, FY named by the calendar year it ends in', () => {
    expect(periodLabel(en, { from: '2025-04', to: '2025-06', months: 3 }, 4)).toBe('FY2026 Q1: Apr–Jun 2025');
    expect(periodLabel(ru, { from: '2025-04', to: '2025-06', months: 3 }, 4)).toBe('ФГ2026 К1: апр–июн 2025');
    // The last fiscal quarter sits in the year the fiscal year ends.
    expect(periodLabel(en, { from: '2026-01', to: '2026-03', months: 3 }, 4)).toBe('FY2026 Q4: Jan–Mar 2026');
    expect(periodLabel(en, { from: '2025-10', to: '2025-12', months: 3 }, 4)).toBe('FY2026 Q3: Oct–Dec 2025');
    expect(periodLabel(en, { from: '2025-04', to: '2026-03', months: 12 }, 4)).toBe('FY2026: Apr 2025 – Mar 2026');
    expect(periodLabel(ru, { from: '2025-04', to: '2026-03', months: 12 }, 4)).toBe('ФГ2026: апр 2025 – мар 2026');
    expect(periodLabel(en, { from: '2025-05', to: '2025-05', months: 1 }, 4)).toBe('May 2025 (FY2026 Q1)');
    expect(periodLabel(ru, { from: '2026-02', to: '2026-02', months: 1 }, 4)).toBe('фев 2026 (ФГ2026 К4)');
  });

  it('fiscal year = calendar year: calendar names', () => {
    expect(periodLabel(en, { from: '2025-04', to: '2025-06', months: 3 }, 1)).toBe('Q2 2025: Apr–Jun 2025');
    expect(periodLabel(ru, { from: '2025-04', to: '2025-06', months: 3 }, 1)).toBe('К2 2025: апр–июн 2025');
    expect(periodLabel(en, { from: '2025-01', to: '2025-12', months: 12 }, 1)).toBe('Calendar year 2025: Jan–Dec 2025');
    expect(periodLabel(ru, { from: '2025-01', to: '2025-12', months: 12 }, 1)).toBe('Календарный год 2025: янв–дек 2025');
    expect(periodLabel(en, { from: '2025-05', to: '2025-05', months: 1 }, 1)).toBe('May 2025');
    expect(periodLabel(ru, { from: '2025-05', to: '2025-05', months: 1 }, 1)).toBe('май 2025');
  });

  it('ranges off the fiscal grid (the default last 12 months, free ranges) give their length', () => {
    expect(periodLabel(en, { from: '2025-02', to: '2026-01', months: 12 }, 1)).toBe('Feb 2025 – Jan 2026 (12 months)');
    expect(periodLabel(ru, { from: '2025-02', to: '2026-01', months: 12 }, 1)).toBe('фев 2025 – янв 2026 (12 месяцев)');
    // Twelve months that are a calendar year but not the fiscal year (April start) are not called a year.
    expect(periodLabel(en, { from: '2025-01', to: '2025-12', months: 12 }, 4)).toBe('Jan–Dec 2025 (12 months)');
    expect(periodLabel(ru, { from: '2025-05', to: '2025-06', months: 2 }, 4)).toBe('май–июн 2025 (2 месяца)');
    expect(periodLabel(ru, { from: '2025-05', to: '2025-09', months: 5 }, 1)).toBe('май–сен 2025 (5 месяцев)');
  });
});
