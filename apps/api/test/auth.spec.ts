import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

describe('sign-in, sessions and user administration', () => {
  let h: Harness;
  beforeAll(async () => {
    // Tight limits: the limiter itself is under test here.
    h = await startHarness('auth', { signIn: { maxPerAccount: 3, maxPerIp: 6, windowSeconds: 60 } });
  });
  afterAll(async () => h?.close());

  const signIn = (email: string, password: string) =>
    fetch(`${h.base}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });

  it('sets an httpOnly, SameSite session cookie and /me returns the user with packed rules', async () => {
    const res = await signIn('Director@Demo.local', 'cxstream-demo');
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^cxs_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await fetch(`${h.base}/me`, { headers: { cookie: cookie.split(';')[0] } });
    const body = (await me.json()) as { user: { role: string; passwordHash?: string }; rules: unknown };
    expect(body.user.role).toBe('cx_director');
    expect(Array.isArray(body.rules)).toBe(true);
    expect(body.user.passwordHash).toBeUndefined();
  });

  it('rejects a wrong password in words, then rate-limits the account after the configured attempts', async () => {
    const bad = await signIn('analyst@demo.local', 'wrong');
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { code: string }).code).toBe('INVALID_CREDENTIALS');
    await signIn('analyst@demo.local', 'wrong');
    await signIn('analyst@demo.local', 'wrong');
    const limited = await signIn('analyst@demo.local', 'cxstream-demo'); // 4th attempt > 3 per account
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { code: string }).code).toBe('RATE_LIMITED');
  });

  it('rate-limits an IP across accounts', async () => {
    // 4 attempts so far from this IP in this window; the limit is 6.
    await signIn('nobody1@demo.local', 'x');
    await signIn('nobody2@demo.local', 'x');
    const limited = await signIn('owner2@demo.local', 'cxstream-demo');
    expect(limited.status).toBe(429);
  });

  it('sign-out ends the session', async () => {
    // A fresh harness: the IP limit above is spent in this one.
    const h2 = await startHarness('auth2');
    try {
      const c = await h2.signIn('owner1');
      expect((await c.request('GET', '/me')).status).toBe(200);
      expect((await c.request('POST', '/auth/sign-out')).status).toBe(204);
      expect((await c.request('GET', '/me')).status).toBe(401);
    } finally {
      await h2.close();
    }
  });

  it('an admin invites a user with a one-time password; the user must change it; deactivation locks them out', async () => {
    const h2 = await startHarness('auth3');
    try {
      const admin = await h2.signIn('admin');
      const created = await admin.request('POST', '/users', { email: 'New.Analyst@Example.com', name: 'New Analyst', role: 'analyst' });
      expect(created.status).toBe(201);
      expect(created.body.user.email).toBe('new.analyst@example.com');
      expect(created.body.user.mustChangePassword).toBe(true);
      const dup = await admin.request('POST', '/users', { email: 'new.analyst@example.com', name: 'Again', role: 'analyst' });
      expect(dup.status).toBe(409);

      const user = await h2.signIn({ email: 'new.analyst@example.com', password: created.body.temporaryPassword });
      const weak = await user.request('POST', '/me/password', { currentPassword: created.body.temporaryPassword, newPassword: 'short' });
      expect(weak.status).toBe(400);
      expect(weak.body.details[0].field).toBe('newPassword');
      const changed = await user.request('POST', '/me/password', { currentPassword: created.body.temporaryPassword, newPassword: 'a-long-new-password' });
      expect(changed.status).toBe(204);
      expect((await user.request('GET', '/me')).body.user.mustChangePassword).toBe(false);

      const role = await admin.request('PATCH', `/users/${created.body.user.id}`, { role: 'wizard' });
      expect(role.status).toBe(400);
      expect(role.body.details[0].field).toBe('role');
      const off = await admin.request('PATCH', `/users/${created.body.user.id}`, { isActive: false });
      expect(off.status).toBe(200);
      expect((await user.request('GET', '/me')).status).toBe(401);
      const again = await fetch(`${h2.base}/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'new.analyst@example.com', password: 'a-long-new-password' }),
      });
      expect(again.status).toBe(403);
      expect(((await again.json()) as { code: string }).code).toBe('ACCOUNT_DEACTIVATED');

      const reset = await admin.request('POST', `/users/${created.body.user.id}/reset-password`);
      expect(reset.body.temporaryPassword).toMatch(/^[\w-]{12,}$/);
      const self = await admin.request('PATCH', `/users/${(await admin.request('GET', '/me')).body.user.id}`, { isActive: false });
      expect(self.status).toBe(400);
      expect(self.body.code).toBe('SELF_LOCKOUT');
    } finally {
      await h2.close();
    }
  });

  it('bad requests get 400 with field-level messages, never 500', async () => {
    const h2 = await startHarness('auth4');
    try {
      const director = await h2.signIn('director');
      const cases: [string, string, unknown][] = [
        ['POST', '/segments', { name: '' }],
        ['POST', '/segments', { name: 'x', ownerId: 'not-a-uuid' }],
        ['POST', '/segments', { name: 'x', extra: 1 }],
        ['GET', '/customers?page=0', undefined],
        ['GET', '/customers?sizeBand=XL', undefined],
        ['GET', '/segments/abc', undefined],
        ['GET', '/segments/99999999999999999999999', undefined],
        ['PUT', '/segments/1/owner', { ownerId: '00000000-0000-4000-8000-000000000000' }],
      ];
      for (const [method, path, body] of cases) {
        const res = await director.request(method, path, body);
        expect(res.status, `${method} ${path}`).toBe(400);
        expect(res.body.code).toMatch(/VALIDATION_FAILED/);
        expect(res.body.details.length).toBeGreaterThan(0);
      }
      const malformed = await fetch(`${h2.base}/segments`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: director.cookie ?? '' }, body: '{"name":' });
      expect(malformed.status).toBe(400);
    } finally {
      await h2.close();
    }
  });
});
