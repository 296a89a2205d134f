import { SetMetadata } from '@nestjs/common';
import type { Action, Subject } from '@cxs/authz';

export const AUTHORIZE = 'cxs:authorize';
export interface AuthorizeMeta {
  action: Action;
  subject: Subject;
}

/**
 * Route-level check: may this user do `action` on some `subject` at all?
 * Row-level checks (whose segment is it?) happen in the service on the loaded
 * row, and list routes filter in SQL from the same rules.
 */
export const Authorize = (action: Action, subject: Subject) => SetMetadata(AUTHORIZE, { action, subject } satisfies AuthorizeMeta);

export const AUTHENTICATED_ONLY = 'cxs:authenticatedOnly';
/** For the user's own account (/me): any signed-in user, no subject. */
export const AnySignedInUser = () => SetMetadata(AUTHENTICATED_ONLY, true);
