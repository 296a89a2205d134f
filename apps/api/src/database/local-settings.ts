import type { RowQuery } from './set-checked.js';

/**
 * Runs `body` with server settings changed for the current transaction only (`set_config(…, true)`), then puts
 * back the values they had, so the statements after it in the same transaction plan as before. If `body` throws,
 * the transaction is aborted and its rollback undoes the settings anyway. Used where one statement needs the
 * planner told something it cannot know (the P&L line pass, the feature aggregate: ADRs 0007 and 0010).
 */
export async function withLocalSettings<T>(query: RowQuery, settings: Record<string, string>, body: () => Promise<T>): Promise<T> {
  const names = Object.keys(settings);
  if (names.length === 0) return body();
  const assign = (values: string[]) =>
    query(`SELECT ${names.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(', ')}`, names.flatMap((n, i) => [n, values[i]]));
  const [before] = await query(`SELECT ${names.map((_, i) => `current_setting($${i + 1}) AS s${i}`).join(', ')}`, names);
  await assign(names.map((n) => settings[n]));
  const out = await body();
  await assign(names.map((_, i) => before[`s${i}`]));
  return out;
}
