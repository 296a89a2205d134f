import pg from 'pg';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

export async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await fn();
  return [performance.now() - t, r];
}

/** The benchmark server: DATABASE_URL (any database on it) or the machine's 127.0.0.1:5432. */
export function benchServerUrl(database: string): string {
  const u = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  u.pathname = `/${database}`;
  return u.toString();
}

export async function recreateDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: benchServerUrl('postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return benchServerUrl(name);
}

/** One line per figure: name, value, unit, target, ratio to a reference measured in the same run. */
export function report(name: string, value: number, unit: string, extra: Record<string, string | number> = {}): void {
  const rest = Object.entries(extra)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? +v.toFixed(3) : v}`)
    .join('  ');
  process.stdout.write(`BENCH ${name.padEnd(48)} ${value.toFixed(1).padStart(10)} ${unit.padEnd(6)} ${rest}\n`);
}
