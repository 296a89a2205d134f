import type { ChangePasswordRequest, MeResponse, SignInRequest } from '@cxs/contracts';
import { apiFetch } from '../../../shared/api/http';

export const authKeys = {
  all: ['auth'] as const,
  me: () => [...authKeys.all, 'me'] as const,
};

/** The session probe: a 401 here means "not signed in", not "redirect". */
export function fetchMe(signal?: AbortSignal): Promise<MeResponse> {
  return apiFetch<MeResponse>('/me', { signal, redirectOnUnauthorized: false });
}

export function signIn(body: SignInRequest): Promise<MeResponse> {
  return apiFetch<MeResponse>('/auth/sign-in', { method: 'POST', body, redirectOnUnauthorized: false });
}

export function signOut(): Promise<void> {
  return apiFetch<void>('/auth/sign-out', { method: 'POST', redirectOnUnauthorized: false });
}

export function changePassword(body: ChangePasswordRequest): Promise<void> {
  // A wrong current password may come back as 401; that is a form error, not a lost session.
  return apiFetch<void>('/me/password', { method: 'POST', body, redirectOnUnauthorized: false });
}
