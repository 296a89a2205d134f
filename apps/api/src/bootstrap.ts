import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { ConfigError, loadConfig, type AppConfig } from './config/config.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './database/embedded.js';
import { ensureDatabase } from './database/ensure-database.js';
import { runMigrations } from './database/migrate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** apps/api/dist → repository root */
export const REPO_ROOT = path.resolve(here, '../../..');

export function readConfig(): AppConfig {
  return loadConfig(process.env, process.argv, {
    dataDir: path.join(REPO_ROOT, '.data'),
    adminDist: path.join(REPO_ROOT, 'apps/admin/dist'),
  });
}

/** Prints one line per problem and exits non-zero: bad configuration never starts half a product. */
export function fail(lines: string[] | string): never {
  for (const line of Array.isArray(lines) ? lines : [lines]) process.stderr.write(`cx-stream: ${line}\n`);
  process.exit(1);
}

export function describeConnectionError(err: unknown, url: string): string {
  const u = new URL(url);
  const code = (err as { code?: string }).code;
  const where = `${u.hostname}:${u.port || 5432}`;
  if (code === 'ECONNREFUSED') return `cannot connect to PostgreSQL at ${where} (connection refused): is it running? Check DATABASE_URL`;
  if (code === 'ENOTFOUND') return `cannot resolve database host "${u.hostname}": check DATABASE_URL`;
  if (code === '28P01' || code === '28000') return `PostgreSQL at ${where} rejected the credentials in DATABASE_URL`;
  return `database at ${where} is not usable: ${(err as Error).message}`;
}

export interface Database {
  url: string;
  embedded: EmbeddedDatabase | null;
}

/** DATABASE_URL set: use that server. Unset: start the embedded PostgreSQL. Then migrate. */
export async function prepareDatabase(config: AppConfig, log: (s: string) => void): Promise<Database> {
  let embedded: EmbeddedDatabase | null = null;
  let url = config.databaseUrl;
  if (!url) {
    log(`starting embedded PostgreSQL (data in ${path.join(config.dataDir, 'pg')})…`);
    embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort);
    url = embedded.url;
  } else {
    try {
      await ensureDatabase(url);
    } catch (err) {
      fail(describeConnectionError(err, url));
    }
  }
  const applied = await runMigrations(url);
  if (applied.length) log(`applied ${applied.length} migration(s): ${applied.join(', ')}`);
  return { url, embedded };
}

export { ConfigError };
