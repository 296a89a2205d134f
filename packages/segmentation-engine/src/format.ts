/** Number formatting for the English and Russian texts the engine writes. */
export const LANGUAGES = ['en', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];
export type Localised = Record<Language, string>;

const locale: Record<Language, string> = { en: 'en-GB', ru: 'ru-RU' };

/** A readable number: 3 significant digits below 100, whole numbers with thousands separators above. */
export function formatNumber(x: number, lang: Language): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  const opts: Intl.NumberFormatOptions = abs >= 100 ? { maximumFractionDigits: 0 } : abs >= 10 ? { maximumFractionDigits: 1 } : { maximumSignificantDigits: 2 };
  return new Intl.NumberFormat(locale[lang], opts).format(x);
}

/** Signed score with two decimals, e.g. +1.42 / −0.35. */
export function formatScore(x: number, lang: Language): string {
  const s = new Intl.NumberFormat(locale[lang], { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Math.abs(x));
  return `${x < 0 ? '−' : '+'}${s}`;
}

/** Whole percent, e.g. "62 %". */
export function formatPercent(share: number, lang: Language): string {
  return `${new Intl.NumberFormat(locale[lang], { maximumFractionDigits: 0 }).format(share * 100)} %`;
}

/** English ordinal: 1st, 2nd, 3rd, 4th. */
export function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${s}`;
}
