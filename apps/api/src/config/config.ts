/**
 * Configuration read once from the environment and validated at boot. Every
 * bad variable yields one clear line; the process exits non-zero (main.ts).
 */
export interface AppConfig {
  port: number;
  host: string;
  /** Set: use this server. Unset: start the embedded PostgreSQL. */
  databaseUrl: string | null;
  dataDir: string;
  embeddedPgPort: number;
  demo: boolean;
  demoCustomers: number;
  demoSeed: number;
  sessionTtlHours: number;
  /** How long a resolved session is trusted without the database (0 = never); changes made by this process apply at once. */
  sessionCacheSeconds: number;
  cookieSecure: boolean;
  signIn: { maxPerAccount: number; maxPerIp: number; windowSeconds: number };
  bootstrapAdmin: { email: string; password: string } | null;
  logLevel: string;
  adminDist: string | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

type Env = Record<string, string | undefined>;

function intVar(env: Env, name: string, def: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name}=${JSON.stringify(raw)} is invalid: expected an integer from ${min} to ${max}`);
    return def;
  }
  return n;
}

function boolVar(env: Env, name: string, def: boolean, problems: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  problems.push(`${name}=${JSON.stringify(raw)} is invalid: expected true or false`);
  return def;
}

export function validateDatabaseUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `DATABASE_URL is not a valid URL (expected postgres://user@host:port/database)`;
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    return `DATABASE_URL has protocol "${url.protocol}" (expected postgres: or postgresql:)`;
  }
  if (!url.hostname) return 'DATABASE_URL has no host';
  if (url.pathname.length <= 1) return 'DATABASE_URL names no database (add /<database> to the end)';
  return null;
}

export function loadConfig(env: Env = process.env, argv: string[] = process.argv, defaults: { dataDir: string; adminDist: string | null }): AppConfig {
  const problems: string[] = [];
  const databaseUrl = env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL.trim() : null;
  if (databaseUrl) {
    const err = validateDatabaseUrl(databaseUrl);
    if (err) problems.push(err);
  }
  const noDemo = argv.includes('--no-demo');
  const demo = noDemo ? false : boolVar(env, 'CXS_DEMO', true, problems);
  const adminEmail = env.CXS_ADMIN_EMAIL?.trim();
  const adminPassword = env.CXS_ADMIN_PASSWORD;
  let bootstrapAdmin: AppConfig['bootstrapAdmin'] = null;
  if (adminEmail || adminPassword) {
    if (!adminEmail || !/^[^@\s]+@[^@\s]+$/.test(adminEmail)) problems.push('CXS_ADMIN_EMAIL must be an email address when CXS_ADMIN_PASSWORD is set');
    if (!adminPassword || adminPassword.length < 12) problems.push('CXS_ADMIN_PASSWORD must be at least 12 characters');
    if (adminEmail && adminPassword) bootstrapAdmin = { email: adminEmail.toLowerCase(), password: adminPassword };
  }
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    problems.push(`LOG_LEVEL=${JSON.stringify(logLevel)} is invalid: expected one of fatal, error, warn, info, debug, trace, silent`);
  }
  const config: AppConfig = {
    port: intVar(env, 'PORT', 3000, 0, 65535, problems),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl,
    dataDir: env.CXS_DATA_DIR ?? defaults.dataDir,
    embeddedPgPort: intVar(env, 'CXS_EMBEDDED_PG_PORT', 54329, 1024, 65535, problems),
    demo,
    demoCustomers: intVar(env, 'CXS_DEMO_CUSTOMERS', 5000, 10, 2_000_000, problems),
    demoSeed: intVar(env, 'CXS_DEMO_SEED', 42, 0, 2 ** 31 - 1, problems),
    sessionTtlHours: intVar(env, 'CXS_SESSION_TTL_HOURS', 12, 1, 24 * 90, problems),
    sessionCacheSeconds: intVar(env, 'CXS_SESSION_CACHE_SECONDS', 5, 0, 60, problems),
    cookieSecure: boolVar(env, 'CXS_COOKIE_SECURE', false, problems),
    signIn: {
      maxPerAccount: intVar(env, 'CXS_SIGNIN_MAX_PER_ACCOUNT', 10, 1, 1_000_000, problems),
      maxPerIp: intVar(env, 'CXS_SIGNIN_MAX_PER_IP', 50, 1, 1_000_000, problems),
      windowSeconds: intVar(env, 'CXS_SIGNIN_WINDOW_SECONDS', 900, 1, 86_400, problems),
    },
    bootstrapAdmin,
    logLevel,
    adminDist: env.CXS_ADMIN_DIST ?? defaults.adminDist,
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
