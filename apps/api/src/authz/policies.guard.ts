import { Injectable, InternalServerErrorException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '../auth/public.decorator.js';
import type { AuthedRequest } from '../auth/request-user.js';
import { forbidden } from '../common/api-exception.js';
import { AUTHENTICATED_ONLY, AUTHORIZE, type AuthorizeMeta } from './authorize.decorator.js';

/**
 * Global, after the session guard. A route without @Authorize (or an explicit
 * @AnySignedInUser/@Public) is a programming error: refuse rather than allow.
 */
@Injectable()
export class PoliciesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (this.reflector.getAllAndOverride<boolean>(AUTHENTICATED_ONLY, targets)) return true;
    const meta = this.reflector.getAllAndOverride<AuthorizeMeta | undefined>(AUTHORIZE, targets);
    if (!meta) throw new InternalServerErrorException('Route has no authorisation rule');
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    if (!req.ability?.can(meta.action, meta.subject)) {
      throw forbidden(`Your role cannot ${meta.action} ${meta.subject}`);
    }
    return true;
  }
}
