import type { INestApplication } from '@nestjs/common';
import { createApp } from '../src/app.factory.js';
import { loadConfig, type AppConfig } from '../src/config/config.js';
import { cloneTemplate, dropDatabase } from './db.js';

export const DEMO_PASSWORD = 'cxstream-demo';
export const ACCOUNTS = {
  admin: 'admin@demo.local',
  director: 'director@demo.local',
  owner1: 'owner1@demo.local',
  owner2: 'owner2@demo.local',
  product1: 'product1@demo.local',
  product2: 'product2@demo.local',
  analyst: 'analyst@demo.local',
} as const;
export type Account = keyof typeof ACCOUNTS;

export interface Harness {
  app: INestApplication;
  base: string;
  dbUrl: string;
  signIn(account: Account | { email: string; password: string }): Promise<Client>;
  anonymous: Client;
  close(): Promise<void>;
}

export interface Client {
  cookie: string | null;
  request(method: string, path: string, body?: unknown): Promise<{ status: number; body: any; headers: Headers }>;
}

function client(base: string, cookie: string | null): Client {
  return {
    cookie,
    async request(method, path, body) {
      const res = await fetch(base + path, {
        method,
        headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
  };
}

/** A real API on a real, freshly cloned PostgreSQL database, listening on a random port. */
export async function startHarness(suite: string, overrides: Partial<AppConfig> = {}): Promise<Harness> {
  const dbName = `cxs_test_${suite}_${process.pid}`;
  const dbUrl = await cloneTemplate(dbName);
  const config: AppConfig = {
    ...loadConfig({ LOG_LEVEL: 'silent' }, [], { dataDir: '/tmp/unused', adminDist: null }),
    // Suites sign in many times from 127.0.0.1; the limiter itself has its own test.
    signIn: { maxPerAccount: 1000, maxPerIp: 10_000, windowSeconds: 60 },
    ...overrides,
  };
  const app = await createApp(config, dbUrl);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as { port: number }).port;
  const base = `http://127.0.0.1:${port}/api`;
  return {
    app,
    base,
    dbUrl,
    anonymous: client(base, null),
    async signIn(account) {
      const creds = typeof account === 'string' ? { email: ACCOUNTS[account], password: DEMO_PASSWORD } : account;
      const res = await fetch(`${base}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(creds) });
      if (res.status !== 200) throw new Error(`sign-in as ${creds.email} failed: ${res.status} ${await res.text()}`);
      const setCookie = res.headers.get('set-cookie') ?? '';
      return client(base, setCookie.split(';')[0]);
    },
    async close() {
      await app.close();
      await dropDatabase(dbName);
    },
  };
}
