import pg from 'pg';

/** The PostgreSQL server tests use: DATABASE_URL (any database on it), else the machine's default. */
export function serverUrl(database = 'postgres'): string {
  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const u = new URL(base);
  u.pathname = `/${database}`;
  return u.toString();
}

export const TEMPLATE_DB = `cxs_test_tpl_${process.env.CXS_TEST_RUN}`;

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(name: string): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** A fresh database for one suite, copied from the template (migrated + small demo company). */
export async function cloneTemplate(name: string): Promise<string> {
  await dropDatabase(name);
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DB}"`);
  return serverUrl(name);
}
