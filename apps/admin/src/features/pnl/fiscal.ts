/**
 * The fiscal quarter or year a period is, given the fiscal-year start month (settings). A fiscal year is named by
 * the calendar year it ends in (with an April start, FY2026 = Apr 2025 – Mar 2026); with a January start that is
 * the calendar year. Null for anything that is not a whole fiscal quarter or year (a month, a free range).
 */
export function fiscalPeriod(fromYm: string, months: number, fyStartMonth: number): { year: number; quarter: number | null } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(fromYm);
  if (!m || (months !== 3 && months !== 12)) return null;
  const idx = Number(m[1]) * 12 + Number(m[2]) - 1;
  const offset = (((idx - (fyStartMonth - 1)) % 12) + 12) % 12; // months since the fiscal year began
  if (offset % months !== 0) return null;
  const fyStartIdx = idx - offset;
  const year = Math.floor((fyStartIdx + 11) / 12); // calendar year of the fiscal year's last month
  return { year, quarter: months === 3 ? offset / 3 + 1 : null };
}
