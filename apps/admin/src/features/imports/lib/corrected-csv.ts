/** A CSV with field names as headers (the guesser maps them to themselves), comma separated, quoted where needed. */
export function correctedCsv(fields: string[], rows: Record<string, string>[]): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v);
  return [fields.join(','), ...rows.map((r) => fields.map((f) => cell(r[f] ?? '')).join(','))].join('\n') + '\n';
}
