import type { CreateUserRequest, TemporaryPasswordResponse, UpdateUserRequest, UserDto } from '@cxs/contracts';
import { apiFetch } from '../../../shared/api/http';

export const userKeys = {
  all: ['users'] as const,
  lists: () => [...userKeys.all, 'list'] as const,
  list: (filters: Record<string, unknown> = {}) => [...userKeys.lists(), filters] as const,
  details: () => [...userKeys.all, 'detail'] as const,
  detail: (id: string) => [...userKeys.details(), id] as const,
};

export function fetchUsers(signal?: AbortSignal): Promise<{ items: UserDto[] }> {
  return apiFetch('/users', { signal });
}

export function createUser(body: CreateUserRequest): Promise<TemporaryPasswordResponse> {
  return apiFetch('/users', { method: 'POST', body });
}

export function updateUser(id: string, body: UpdateUserRequest): Promise<UserDto> {
  return apiFetch(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function resetPassword(id: string): Promise<TemporaryPasswordResponse> {
  return apiFetch(`/users/${encodeURIComponent(id)}/reset-password`, { method: 'POST' });
}
