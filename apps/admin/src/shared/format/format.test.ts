import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney, formatMonth, formatNumber, formatPercent } from './format';

// Intl output uses narrow/no-break spaces in some locales; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatters', () => {
  it('groups thousands per locale', () => {
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(plain(formatNumber(1234567, 'ru'))).toBe('1 234 567');
  });

  it('formats decimal-string money with the installation currency', () => {
    expect(formatMoney('1234.5', 'en', { currency: 'USD' })).toBe('$1,234.50');
    expect(plain(formatMoney('1234.5', 'ru', { currency: 'USD' }))).toBe('1 234,50 $');
    expect(formatMoney('-20', 'en', { currency: 'EUR' })).toBe('-€20.00');
  });

  it('shows a dash for missing or non-numeric values', () => {
    expect(formatMoney(null, 'en')).toBe('—');
    expect(formatNumber('abc', 'en')).toBe('—');
    expect(formatPercent(null, 'en')).toBe('—');
  });

  it('does not shift calendar dates across time zones', () => {
    expect(formatDate('2024-03-01', 'en')).toBe('1 Mar 2024');
    expect(plain(formatDate('2024-03-01', 'ru'))).toMatch(/^1 мар\.? 2024/);
  });

  it('formats months and percentages', () => {
    expect(formatMonth('2024-11', 'en')).toBe('Nov 2024');
    expect(formatMonth('2024-11-01', 'en')).toBe('Nov 2024');
    expect(formatPercent(0.256, 'en', 1)).toBe('25.6%');
    expect(plain(formatPercent(0.25, 'ru'))).toBe('25 %');
  });
});
