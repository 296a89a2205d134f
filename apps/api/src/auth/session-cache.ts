import type { AppAbility } from '@cxs/authz';
import type { UserEntity } from '../modules/users/user.entity.js';

export interface CachedSession {
  user: UserEntity;
  /** Built once per session and user state: the CASL ability is immutable once built. */
  ability: AppAbility;
  expiresAt: number;
  /** When this entry stops being trusted without asking the database again. */
  freshUntil: number;
}

const MAX_ENTRIES = 10_000;

/**
 * Resolved sessions, keyed by the SHA-256 of the cookie token (never the token
 * itself), held for a few seconds so a request does not pay a database round
 * trip just to learn who is asking (ADR 0008).
 *
 * Correctness: every change this process makes to a session or a user
 * (sign-out, revocation, role change, deactivation, password reset) invalidates
 * here after its transaction commits, so it takes effect at once. A change made
 * elsewhere (another process, direct SQL) takes effect within `ttlMs`.
 * A fill that started before an invalidation is dropped (epoch check), so a
 * request racing a revocation cannot put the old state back.
 */
export class SessionCache {
  private readonly entries = new Map<string, CachedSession>();
  private epoch = 0;

  constructor(private readonly ttlMs: number) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  /** Read before the database query that may fill the cache. */
  currentEpoch(): number {
    return this.epoch;
  }

  get(tokenHash: string, now = Date.now()): CachedSession | null {
    const e = this.entries.get(tokenHash);
    if (!e) return null;
    if (e.freshUntil <= now || e.expiresAt <= now) {
      this.entries.delete(tokenHash);
      return null;
    }
    return e;
  }

  /** Stores unless something was invalidated since `epoch` (the fill may have read the old state). */
  set(tokenHash: string, value: Omit<CachedSession, 'freshUntil'>, epoch: number, now = Date.now()): void {
    if (!this.enabled || epoch !== this.epoch) return;
    if (this.entries.size >= MAX_ENTRIES) {
      // Drop the oldest insertion (Map keeps insertion order): bounded memory under many sessions.
      const first = this.entries.keys().next().value;
      if (first !== undefined) this.entries.delete(first);
    }
    this.entries.set(tokenHash, { ...value, freshUntil: now + this.ttlMs });
  }

  invalidateToken(tokenHash: string): void {
    this.epoch++;
    this.entries.delete(tokenHash);
  }

  invalidateUser(userId: string): void {
    this.epoch++;
    for (const [k, e] of this.entries) if (e.user.id === userId) this.entries.delete(k);
  }

  clear(): void {
    this.epoch++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
