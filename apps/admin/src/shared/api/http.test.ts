import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../app/i18n/i18n';
import { reportUrl } from '../../features/imports/api/imports.api';
import { ApiRequestError, apiFetch, buildQuery, setUnauthorizedHandler } from './http';

function respond(status: number, body?: unknown) {
  return vi.fn(async () => new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));
}

afterEach(() => vi.unstubAllGlobals());

describe('http client', () => {
  it('sends cookies and JSON to /api and parses the answer', async () => {
    const fetchMock = respond(200, { items: [] });
    vi.stubGlobal('fetch', fetchMock);
    await expect(apiFetch('/users', { method: 'POST', body: { a: 1 } })).resolves.toEqual({ items: [] });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/users');
    expect(init.credentials).toBe('include');
    expect(init.body).toBe('{"a":1}');
  });

  it('turns an error body into a typed ApiRequestError with details', async () => {
    vi.stubGlobal('fetch', respond(400, { code: 'VALIDATION_FAILED', message: 'Bad', details: [{ field: 'email', message: 'must be an email' }] }));
    const err = await apiFetch('/users').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiRequestError);
    expect(err).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', details: [{ field: 'email', message: 'must be an email' }] });
  });

  it('calls the unauthorized handler on 401 unless told not to', async () => {
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    vi.stubGlobal('fetch', respond(401, { code: 'UNAUTHORIZED', message: 'no' }));
    await expect(apiFetch('/customers')).rejects.toMatchObject({ status: 401 });
    expect(handler).toHaveBeenCalledTimes(1);
    await expect(apiFetch('/me', { redirectOnUnauthorized: false })).rejects.toMatchObject({ status: 401 });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('returns undefined for 204 and names non-JSON failures by status', async () => {
    vi.stubGlobal('fetch', respond(204));
    await expect(apiFetch('/auth/sign-out', { method: 'POST' })).resolves.toBeUndefined();
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>oops</html>', { status: 502, statusText: 'Bad Gateway' })));
    await expect(apiFetch('/health')).rejects.toMatchObject({ status: 502, code: 'HTTP_502' });
  });

  it('asks for the server’s messages in the UI’s current language (Accept-Language), and downloads too (?lang=)', async () => {
    const fetchMock = respond(200, {});
    vi.stubGlobal('fetch', fetchMock);
    const headerOf = (call: number) => ((fetchMock.mock.calls[call] as unknown as [string, RequestInit])[1].headers as Record<string, string>)['Accept-Language'];
    const before = i18n.language;
    try {
      await i18n.changeLanguage('ru');
      await apiFetch('/segments');
      expect(headerOf(0)).toBe('ru');
      expect(reportUrl('7')).toBe('/api/imports/7/report.csv?lang=ru');
      await i18n.changeLanguage('en');
      await apiFetch('/segments');
      expect(headerOf(1)).toBe('en');
      expect(reportUrl('7')).toBe('/api/imports/7/report.csv?lang=en');
    } finally {
      await i18n.changeLanguage(before);
    }
  });

  it('drops empty query values', () => {
    expect(buildQuery({ page: 2, q: '', industry: undefined, sizeBand: null, sort: 'name' })).toBe('?page=2&sort=name');
  });
});
