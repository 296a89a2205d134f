import { createHash, randomBytes } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { ApiException } from '../common/api-exception.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { UserEntity } from '../modules/users/user.entity.js';
import { hashPassword, verifyPassword } from './password.js';
import { defineAbilityFor, type AppAbility } from '@cxs/authz';
import { RateLimiter } from './rate-limiter.js';
import { SessionCache } from './session-cache.js';
import { SessionEntity } from './session.entity.js';

export const SESSION_COOKIE = 'cxs_session';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

// Verified against when the email is unknown, so both paths take the same time.
const DUMMY_HASH = hashPassword('not-a-real-password-' + randomBytes(8).toString('hex'));

@Injectable()
export class AuthService {
  private readonly limiter: RateLimiter;
  /** Resolved sessions for a few seconds (ADR 0008); whoever changes a session or a user invalidates it. */
  readonly sessionCache: SessionCache;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
  ) {
    this.limiter = new RateLimiter(config.signIn.windowSeconds * 1000);
    this.sessionCache = new SessionCache(config.sessionCacheSeconds * 1000);
  }

  async signIn(email: string, password: string, ip: string, userAgent: string | undefined) {
    const normalised = email.trim().toLowerCase();
    const waitAccount = this.limiter.hit(`account:${normalised}`, this.config.signIn.maxPerAccount);
    const waitIp = this.limiter.hit(`ip:${ip}`, this.config.signIn.maxPerIp);
    const wait = Math.max(waitAccount, waitIp);
    if (wait > 0) {
      throw new ApiException(
        HttpStatus.TOO_MANY_REQUESTS,
        'RATE_LIMITED',
        `Too many sign-in attempts. Try again in ${Math.ceil(wait / 60)} minute(s).`,
      );
    }
    const user = await this.users.findOne({ where: { email: normalised } });
    const ok = user ? await verifyPassword(user.passwordHash, password) : (await verifyPassword(await DUMMY_HASH, password), false);
    if (!user || !ok) {
      throw new ApiException(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS', 'Email or password is incorrect');
    }
    if (!user.isActive) {
      throw new ApiException(HttpStatus.FORBIDDEN, 'ACCOUNT_DEACTIVATED', 'This account has been deactivated; ask an administrator');
    }
    this.limiter.reset(`account:${normalised}`);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.sessionTtlHours * 3600_000);
    await this.sessions.insert({ tokenHash: sha256(token), userId: user.id, expiresAt, ip: ip.slice(0, 64), userAgent: userAgent?.slice(0, 300) ?? null });
    await this.users.update({ id: user.id }, { lastSignInAt: new Date() });
    // Opportunistic clean-up of expired sessions.
    await this.sessions.delete({ expiresAt: LessThan(new Date()) });
    return { token, expiresAt, user };
  }

  /** Who holds this cookie token, with their CASL ability: from the cache when fresh, else one query. */
  async resolveSession(token: string): Promise<{ user: UserEntity; tokenHash: string; ability: AppAbility } | null> {
    const tokenHash = sha256(token);
    const now = Date.now();
    const cached = this.sessionCache.get(tokenHash, now);
    if (cached) return { user: cached.user, tokenHash, ability: cached.ability };
    const epoch = this.sessionCache.currentEpoch();
    const session = await this.sessions.findOne({ where: { tokenHash }, relations: { user: true } });
    if (!session || !session.user || session.expiresAt.getTime() <= Date.now() || !session.user.isActive) return null;
    const ability = defineAbilityFor(session.user);
    this.sessionCache.set(tokenHash, { user: session.user, ability, expiresAt: session.expiresAt.getTime() }, epoch);
    return { user: session.user, tokenHash, ability };
  }

  async signOut(tokenHash: string): Promise<void> {
    await this.sessions.delete({ tokenHash });
    this.sessionCache.invalidateToken(tokenHash);
  }

  async revokeAllSessions(userId: string, exceptTokenHash?: string): Promise<void> {
    const qb = this.sessions.createQueryBuilder().delete().where('user_id = :userId', { userId });
    if (exceptTokenHash) qb.andWhere('token_hash <> :exceptTokenHash', { exceptTokenHash });
    await qb.execute();
    this.sessionCache.invalidateUser(userId);
  }

  /** After a committed change to a user (role, activity, name, password): their cached sessions are re-read. */
  userChanged(userId: string): void {
    this.sessionCache.invalidateUser(userId);
  }

  async changePassword(userId: string, currentPassword: string, newPassword: string, keepTokenHash: string): Promise<void> {
    const user = await this.users.findOneByOrFail({ id: userId });
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new ApiException(HttpStatus.BAD_REQUEST, 'WRONG_PASSWORD', 'The current password is incorrect', [
        { field: 'currentPassword', message: 'The current password is incorrect' },
      ]);
    }
    if (currentPassword === newPassword) {
      throw new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'The new password must differ from the current one', [
        { field: 'newPassword', message: 'The new password must differ from the current one' },
      ]);
    }
    await this.users.update({ id: userId }, { passwordHash: await hashPassword(newPassword), mustChangePassword: false });
    await this.revokeAllSessions(userId, keepTokenHash);
  }
}
