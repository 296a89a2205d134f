import pg from 'pg';
import { runMigrations } from '../src/database/migrate.js';
import { loadDemoCompany } from '../src/database/seed/demo-loader.js';
import { adminQuery, dropDatabase, serverUrl, TEMPLATE_DB } from './db.js';

/** Demo size for API tests: big enough for every role's scope to be non-trivial, small enough to load in seconds. */
export const TEST_DEMO = { customers: 800, seed: 7 };

export default async function setup(): Promise<() => Promise<void>> {
  await dropDatabase(TEMPLATE_DB);
  await adminQuery(`CREATE DATABASE "${TEMPLATE_DB}"`);
  const url = serverUrl(TEMPLATE_DB);
  await runMigrations(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await loadDemoCompany(client, TEST_DEMO);
  } finally {
    await client.end();
  }
  return async () => {
    await dropDatabase(TEMPLATE_DB);
  };
}
