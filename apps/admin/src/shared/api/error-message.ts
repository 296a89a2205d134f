import type { TFunction } from 'i18next';
import { isApiError } from './http';

/** Codes the UI explains in its own words; anything else falls back to the server's message. */
const KNOWN_CODES = [
  'INVALID_CREDENTIALS',
  'RATE_LIMITED',
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHORIZED',
  'NETWORK_ERROR',
  'CONFLICT',
  'ACCOUNT_DISABLED',
] as const;

export function errorMessage(t: TFunction, error: unknown): string {
  if (isApiError(error)) {
    // The server says what is wrong with the request in the UI's language (Accept-Language; ADR 0011).
    if (error.code === 'VALIDATION_FAILED' && error.message) return error.message;
    if ((KNOWN_CODES as readonly string[]).includes(error.code)) return t(`errors.codes.${error.code}`);
    if (error.status === 403) return t('errors.codes.FORBIDDEN');
    if (error.status === 404) return t('errors.codes.NOT_FOUND');
    if (error.status >= 500) return t('errors.server', { message: error.message });
    return error.message || t('errors.unknown');
  }
  if (error instanceof Error && error.message) return error.message;
  return t('errors.unknown');
}

/** Field-level messages from a 400 VALIDATION_FAILED, keyed by field, for form inputs. */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isApiError(error) && error.details) {
    for (const d of error.details) if (d.field && !out[d.field]) out[d.field] = d.message;
  }
  return out;
}
