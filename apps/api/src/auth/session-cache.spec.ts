import { describe, expect, it } from 'vitest';
import { defineAbilityFor } from '@cxs/authz';
import type { UserEntity } from '../modules/users/user.entity.js';
import { SessionCache } from './session-cache.js';

const user = (id: string, role = 'analyst') => ({ id, role, email: `${id}@x`, name: id, isActive: true }) as unknown as UserEntity;
const entry = (u: UserEntity, expiresAt = 10_000) => ({ user: u, ability: defineAbilityFor(u), expiresAt });

describe('SessionCache', () => {
  it('serves an entry until its freshness window or the session’s expiry, whichever comes first', () => {
    const c = new SessionCache(5_000);
    c.set('a', entry(user('u1'), 3_000), c.currentEpoch(), 0);
    expect(c.get('a', 2_999)?.user.id).toBe('u1');
    expect(c.get('a', 3_000)).toBeNull(); // the session expired
    c.set('b', entry(user('u2'), 100_000), c.currentEpoch(), 0);
    expect(c.get('b', 4_999)).not.toBeNull();
    expect(c.get('b', 5_000)).toBeNull(); // stale: asks the database again
  });

  it('invalidation by token and by user removes exactly those entries', () => {
    const c = new SessionCache(5_000);
    c.set('a', entry(user('u1')), c.currentEpoch(), 0);
    c.set('b', entry(user('u1')), c.currentEpoch(), 0);
    c.set('c', entry(user('u2')), c.currentEpoch(), 0);
    c.invalidateToken('c');
    expect(c.get('c', 1)).toBeNull();
    c.invalidateUser('u1');
    expect([c.get('a', 1), c.get('b', 1)]).toEqual([null, null]);
    expect(c.size).toBe(0);
  });

  it('drops a fill that read the database before an invalidation (no stale role put back)', () => {
    const c = new SessionCache(5_000);
    const epoch = c.currentEpoch(); // request starts reading the old row…
    c.invalidateUser('u1'); // …the role changes and commits meanwhile…
    c.set('a', entry(user('u1', 'admin')), epoch, 0); // …the old row must not be cached
    expect(c.get('a', 1)).toBeNull();
    c.set('a', entry(user('u1')), c.currentEpoch(), 0);
    expect(c.get('a', 1)).not.toBeNull();
  });

  it('a zero window disables caching', () => {
    const c = new SessionCache(0);
    c.set('a', entry(user('u1')), c.currentEpoch(), 0);
    expect(c.get('a', 0)).toBeNull();
  });
});
