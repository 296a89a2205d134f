import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { dropDatabase, serverUrl } from './db.js';

const main = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/main.js');

function run(env: Record<string, string>, args: string[] = [], waitFor?: RegExp): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [main, ...args], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      if (waitFor?.test(stdout)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('start-up (the built server)', () => {
  const db = `cxs_test_startup_${process.pid}`;
  afterAll(async () => dropDatabase(db));

  it('a malformed DATABASE_URL ends with one clear line and exit 1', async () => {
    const r = await run({ DATABASE_URL: 'postgres//nope' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual(['cx-stream: DATABASE_URL is not a valid URL (expected postgres://user@host:port/database)']);
  });

  it('an unreachable database ends with one clear line and exit 1', async () => {
    const r = await run({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/cxs' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^cx-stream: cannot connect to PostgreSQL at 127\.0\.0\.1:1 \(connection refused\)/);
  });

  it('a port in use ends with one clear line and exit 1; --no-demo loads no demo and makes the first admin from the environment', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const r = await run({ DATABASE_URL: serverUrl(db), PORT: String(port), HOST: '127.0.0.1', CXS_ADMIN_EMAIL: 'ops@acme.com', CXS_ADMIN_PASSWORD: 'a-very-long-secret' }, ['--no-demo']);
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toBe(`cx-stream: port ${port} is already in use: stop what is using it or set PORT to another port`);
    } finally {
      blocker.close();
    }
    const client = new pg.Client({ connectionString: serverUrl(db) });
    await client.connect();
    try {
      expect((await client.query('SELECT email, role FROM users')).rows).toEqual([{ email: 'ops@acme.com', role: 'admin' }]);
      expect((await client.query('SELECT COUNT(*)::int AS n FROM customers')).rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  });
});
