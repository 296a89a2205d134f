import type { ApiTokenDto, CreateApiTokenRequest, CreatedApiTokenDto } from '@cxs/contracts';
import { apiFetch } from '../../../shared/api/http';

export const apiTokenKeys = {
  all: ['api-tokens'] as const,
  lists: () => [...apiTokenKeys.all, 'list'] as const,
  list: (filters: Record<string, unknown> = {}) => [...apiTokenKeys.lists(), filters] as const,
};

export function fetchApiTokens(signal?: AbortSignal): Promise<{ items: ApiTokenDto[] }> {
  return apiFetch('/api-tokens', { signal });
}

/** The response holds the secret: the only time it is ever sent. */
export function createApiToken(body: CreateApiTokenRequest): Promise<CreatedApiTokenDto> {
  return apiFetch('/api-tokens', { method: 'POST', body });
}

export function revokeApiToken(id: string): Promise<ApiTokenDto> {
  return apiFetch(`/api-tokens/${encodeURIComponent(id)}/revoke`, { method: 'POST' });
}
