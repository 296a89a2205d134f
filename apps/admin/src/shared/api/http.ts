import type { ApiError } from '@cxs/contracts';
import i18next from 'i18next';

/** An API error body turned into something `instanceof`-able, with the HTTP status kept. */
export class ApiRequestError extends Error implements ApiError {
  readonly status: number;
  readonly code: string;
  readonly details: ApiError['details'];
  readonly requestId: string | undefined;

  constructor(status: number, body: ApiError) {
    super(body.message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = body.code;
    this.details = body.details;
    this.requestId = body.requestId;
  }
}

export function isApiError(error: unknown): error is ApiRequestError {
  return error instanceof ApiRequestError;
}

type UnauthorizedHandler = () => void;
let unauthorizedHandler: UnauthorizedHandler = () => {
  const here = window.location.pathname + window.location.search;
  if (!window.location.pathname.startsWith('/sign-in')) {
    window.location.assign(`/sign-in?next=${encodeURIComponent(here)}`);
  }
};

/** The app replaces the default full-page redirect with a router navigation. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  unauthorizedHandler = handler;
}

/**
 * The UI's language, for the server's messages (ADR 0011): sent as Accept-Language on every request, and as
 * `?lang=` on downloads opened as links (a link sends the browser's language, not the one chosen in the app).
 */
export function uiLanguage(): 'en' | 'ru' {
  return (i18next.resolvedLanguage ?? i18next.language ?? 'en').startsWith('ru') ? 'ru' : 'en';
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  query?: Record<string, string | number | boolean | null | undefined>;
  /** Sign-in and the session probe handle 401 themselves. */
  redirectOnUnauthorized?: boolean;
}

export function buildQuery(query: RequestOptions['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

async function readError(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  if (text) {
    try {
      const body = JSON.parse(text) as Partial<ApiError>;
      if (body && typeof body.code === 'string') {
        return { code: body.code, message: body.message ?? res.statusText, details: body.details, requestId: body.requestId };
      }
    } catch {
      // not JSON: fall through to a generic error built from the status
    }
  }
  return { code: `HTTP_${res.status}`, message: res.statusText || `HTTP ${res.status}` };
}

/** Same-origin fetch with the session cookie; JSON in, JSON out; errors become ApiRequestError. */
export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, signal, query, redirectOnUnauthorized = true } = options;
  let res: Response;
  try {
    res = await fetch(`/api${path}${buildQuery(query)}`, {
      method,
      signal,
      credentials: 'include',
      headers: {
        Accept: 'application/json',
        'Accept-Language': uiLanguage(),
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiRequestError(0, { code: 'NETWORK_ERROR', message: 'The server could not be reached.' });
  }

  if (!res.ok) {
    const err = new ApiRequestError(res.status, await readError(res));
    if (res.status === 401 && redirectOnUnauthorized) unauthorizedHandler();
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
