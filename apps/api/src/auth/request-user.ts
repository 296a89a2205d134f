import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AppAbility } from '@cxs/authz';
import type { Request } from 'express';
import type { UserEntity } from '../modules/users/user.entity.js';

export interface RequestUser {
  id: string;
  email: string;
  name: string;
  role: string;
}

export interface AuthedRequest extends Request {
  user?: RequestUser;
  ability?: AppAbility;
  sessionTokenHash?: string;
  /** The user row the session guard loaded, so /me does not read it again. */
  userEntity?: UserEntity;
  /** Set when the request authenticated with an API token instead of a session. */
  apiTokenId?: string;
}

/** The signed-in user (set by the session guard). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestUser => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  return req.user as RequestUser;
});

/** The user's CASL ability (set by the session guard). */
export const CurrentAbility = createParamDecorator((_: unknown, ctx: ExecutionContext): AppAbility => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  return req.ability as AppAbility;
});
