/**
 * Locale-aware formatting. Pure functions (tested) plus a hook bound to the
 * current UI language. Money arrives from the API as decimal strings.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** One currency per installation (PRODUCT.md); the build may override it. */
export const CURRENCY: string = (import.meta.env.VITE_CURRENCY as string | undefined) ?? 'USD';

const localeTag = (lang: string): string => (lang.startsWith('ru') ? 'ru-RU' : 'en-GB');

function toNumber(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

export function formatNumber(value: string | number | null | undefined, lang: string, digits = 0): string {
  const n = toNumber(value);
  if (n === null) return '—';
  return new Intl.NumberFormat(localeTag(lang), { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(n);
}

export function formatMoney(
  value: string | number | null | undefined,
  lang: string,
  opts: { currency?: string; compact?: boolean } = {},
): string {
  const n = toNumber(value);
  if (n === null) return '—';
  return new Intl.NumberFormat(localeTag(lang), {
    style: 'currency',
    currency: opts.currency ?? CURRENCY,
    currencyDisplay: 'narrowSymbol',
    notation: opts.compact ? 'compact' : 'standard',
    maximumFractionDigits: opts.compact ? 1 : 2,
    minimumFractionDigits: opts.compact ? 0 : 2,
  }).format(n);
}

export function formatPercent(value: number | null | undefined, lang: string, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(localeTag(lang), { style: 'percent', maximumFractionDigits: digits }).format(value);
}

/** Dates are calendar dates (`2024-03-01`) or ISO timestamps; calendar dates are not shifted by time zone. */
function toDate(value: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
}

export function formatDate(value: string | null | undefined, lang: string): string {
  if (!value) return '—';
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return value;
  const calendar = /^\d{4}-\d{2}-\d{2}$/.test(value);
  return new Intl.DateTimeFormat(localeTag(lang), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(calendar ? { timeZone: 'UTC' } : {}),
  }).format(d);
}

export function formatDateTime(value: string | null | undefined, lang: string): string {
  if (!value) return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(localeTag(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** `2024-03` or `2024-03-01` → "Mar 2024" / "мар. 2024 г.". */
export function formatMonth(value: string, lang: string): string {
  const iso = /^\d{4}-\d{2}$/.test(value) ? `${value}-01` : value.slice(0, 10);
  const d = toDate(iso);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(localeTag(lang), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
}

export interface Formatters {
  lang: string;
  number: (v: string | number | null | undefined, digits?: number) => string;
  money: (v: string | number | null | undefined, compact?: boolean) => string;
  percent: (v: number | null | undefined, digits?: number) => string;
  date: (v: string | null | undefined) => string;
  dateTime: (v: string | null | undefined) => string;
  month: (v: string) => string;
}

/** The installation's reporting currency from the settings, set once by the app shell before any page renders. */
let installationCurrency: string | undefined;
export function setInstallationCurrency(currency: string | undefined): void {
  installationCurrency = currency;
}

/**
 * `currency`: the one the API reports with the figures; else the installation's (settings); else the build's.
 * Money is never shown in a currency the installation does not report in.
 */
export function useFormatters(explicit?: string): Formatters {
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language ?? 'en';
  const currency = explicit ?? installationCurrency;
  return useMemo(
    () => ({
      lang,
      number: (v, digits) => formatNumber(v, lang, digits),
      money: (v, compact) => formatMoney(v, lang, { compact, currency }),
      percent: (v, digits) => formatPercent(v, lang, digits),
      date: (v) => formatDate(v, lang),
      dateTime: (v) => formatDateTime(v, lang),
      month: (v) => formatMonth(v, lang),
    }),
    [lang, currency],
  );
}
