import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const defaults = { dataDir: '/tmp/x', adminDist: null };
const problems = (env: Record<string, string>, argv: string[] = []) => {
  try {
    loadConfig(env, argv, defaults);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
};

describe('configuration', () => {
  it('defaults to port 3000, embedded database, demo on', () => {
    const c = loadConfig({}, [], defaults);
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeNull();
    expect(c.demo).toBe(true);
  });

  it('names each bad variable on its own line', () => {
    expect(problems({ PORT: 'abc', DATABASE_URL: 'mysql://x/y', CXS_DEMO: 'maybe' })).toEqual([
      'DATABASE_URL has protocol "mysql:" (expected postgres: or postgresql:)',
      'CXS_DEMO="maybe" is invalid: expected true or false',
      'PORT="abc" is invalid: expected an integer from 0 to 65535',
    ]);
    expect(problems({ DATABASE_URL: 'not a url' })).toEqual(['DATABASE_URL is not a valid URL (expected postgres://user@host:port/database)']);
    expect(problems({ DATABASE_URL: 'postgres://localhost' })).toEqual(['DATABASE_URL names no database (add /<database> to the end)']);
  });

  it('--no-demo turns the demo off; a first admin needs a real password', () => {
    expect(loadConfig({}, ['node', 'main', '--no-demo'], defaults).demo).toBe(false);
    expect(problems({ CXS_ADMIN_EMAIL: 'ops@acme.com', CXS_ADMIN_PASSWORD: 'short' })).toEqual(['CXS_ADMIN_PASSWORD must be at least 12 characters']);
    expect(loadConfig({ CXS_ADMIN_EMAIL: 'Ops@Acme.com', CXS_ADMIN_PASSWORD: 'a-very-long-secret' }, [], defaults).bootstrapAdmin).toEqual({
      email: 'ops@acme.com',
      password: 'a-very-long-secret',
    });
  });
});
