import { HttpStatus, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { defineAbilityForApiToken } from '@cxs/authz';
import { ApiException } from '../common/api-exception.js';
import { ApiTokensService } from '../modules/api-tokens/api-tokens.service.js';
import { AuthService, SESSION_COOKIE } from './auth.service.js';
import { IS_PUBLIC } from './public.decorator.js';
import type { AuthedRequest } from './request-user.js';

/** Global: every route needs a valid session unless marked @Public(). */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly apiTokens: ApiTokensService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const bearer = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer) {
      // Integrations: an API token acts for itself, with only its scope's rules.
      const token = await this.apiTokens.resolve(bearer);
      if (!token) throw new ApiException(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', 'The API token is unknown or revoked');
      req.user = { id: token.createdBy ?? token.id, email: '', name: `API token "${token.name}"`, role: 'api_token' };
      req.ability = defineAbilityForApiToken(token.scope);
      req.apiTokenId = token.id;
      return true;
    }
    const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    const resolved = token ? await this.auth.resolveSession(token) : null;
    if (!resolved) throw new ApiException(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', 'Please sign in');
    const { user, tokenHash, ability } = resolved;
    req.user = { id: user.id, email: user.email, name: user.name, role: user.role };
    req.ability = ability;
    req.sessionTokenHash = tokenHash;
    req.userEntity = user;
    return true;
  }
}
