import { createInterface } from 'node:readline/promises';
import pg from 'pg';
import { ConfigError, fail, prepareDatabase, readConfig } from './bootstrap.js';
import { generateTemporaryPassword, hashPassword } from './auth/password.js';
import { startEmbeddedPostgres } from './database/embedded.js';
import { loadDemoCompany } from './database/seed/demo-loader.js';

const HELP = `cx-stream command line

  cxs migrate                         run pending migrations (DATABASE_URL, or the embedded database)
  cxs create-admin --email E [--name N]
                                      create the first admin; prints a one-time password to change at sign-in
  cxs load-demo [--customers N] [--seed S] [--hidden-types FILE]
                                      load the demo company into an empty database
  cxs embedded-db --dir DIR --port P  start a throwaway embedded PostgreSQL and print its URL (used by pnpm test)
`;

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  let config;
  try {
    config = readConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.problems);
    throw err;
  }
  const db = await prepareDatabase(config, (s) => process.stdout.write(`cx-stream: ${s}\n`));
  try {
    return await fn(db.url);
  } finally {
    await db.embedded?.stop();
  }
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  switch (command) {
    case 'migrate':
      await withDatabase(async () => undefined);
      return;
    case 'create-admin': {
      const email = arg(args, 'email')?.trim().toLowerCase();
      if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) fail('create-admin needs --email with an email address');
      const name = arg(args, 'name') ?? 'Administrator';
      await withDatabase(async (url) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          const password = generateTemporaryPassword();
          const res = await client.query(
            `INSERT INTO users (email, name, role, password_hash, must_change_password) VALUES ($1, $2, 'admin', $3, true) ON CONFLICT (email) DO NOTHING RETURNING id`,
            [email, name, await hashPassword(password)],
          );
          if (!res.rowCount) fail(`a user with email ${email} already exists`);
          process.stdout.write(`created admin ${email}; one-time password: ${password}\n`);
        } finally {
          await client.end();
        }
      });
      return;
    }
    case 'load-demo': {
      const customers = Number(arg(args, 'customers') ?? 5000);
      const seed = Number(arg(args, 'seed') ?? 42);
      if (!Number.isInteger(customers) || customers < 10) fail('--customers must be an integer ≥ 10');
      if (!Number.isInteger(seed)) fail('--seed must be an integer');
      await withDatabase(async (url) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          const { rows } = await client.query('SELECT COUNT(*)::int AS n FROM customers');
          if (rows[0].n > 0) fail('the database already has customers; load the demo into an empty database');
          const t = Date.now();
          const counts = await loadDemoCompany(client, { customers, seed, hiddenTypesFile: arg(args, 'hidden-types') });
          process.stdout.write(`loaded in ${((Date.now() - t) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}\n`);
        } finally {
          await client.end();
        }
      });
      return;
    }
    case 'embedded-db': {
      const dir = arg(args, 'dir');
      const port = Number(arg(args, 'port'));
      if (!dir || !Number.isInteger(port)) fail('embedded-db needs --dir and --port');
      const db = await startEmbeddedPostgres(dir, port, 'cxstream');
      process.stdout.write(`${db.url}\n`);
      const stop = async () => {
        await db.stop().catch(() => undefined);
        process.exit(0);
      };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
      createInterface({ input: process.stdin }).on('close', stop);
      return;
    }
    case undefined:
    case '--help':
    case 'help':
      process.stdout.write(HELP);
      return;
    default:
      fail(`unknown command "${command}" (try: cxs --help)`);
  }
}

void main().catch((err: Error) => fail(err.message));
