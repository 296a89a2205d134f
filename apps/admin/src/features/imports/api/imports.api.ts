import type { CreateImportPresetRequest, ImportDto, ImportQuarantineRowDto, ImportMode, ImportPresetDto, ImportProblemDto, ImportSource, ImportSourceDto, UpdateImportRequest } from '@cxs/contracts';
import { ApiRequestError, apiFetch, uiLanguage } from '../../../shared/api/http';

export const importKeys = {
  all: ['imports'] as const,
  sources: () => [...importKeys.all, 'sources'] as const,
  lists: () => [...importKeys.all, 'list'] as const,
  list: (filters: Record<string, unknown> = {}) => [...importKeys.lists(), filters] as const,
  details: () => [...importKeys.all, 'detail'] as const,
  detail: (id: string) => [...importKeys.details(), id] as const,
  problems: (id: string, page: number) => [...importKeys.detail(id), 'problems', page] as const,
  quarantine: (id: string, page: number) => [...importKeys.detail(id), 'quarantine', page] as const,
  presets: (source?: string) => [...importKeys.all, 'presets', source ?? 'all'] as const,
};

export const ACTIVE_STATUSES = ['queued', 'running', 'merging'] as const;

export function fetchImportSources(signal?: AbortSignal): Promise<{ items: ImportSourceDto[] }> {
  return apiFetch('/imports/sources', { signal });
}

export function fetchImports(signal?: AbortSignal): Promise<{ items: ImportDto[] }> {
  return apiFetch('/imports', { signal });
}

export function fetchImport(id: string, signal?: AbortSignal): Promise<ImportDto> {
  return apiFetch(`/imports/${encodeURIComponent(id)}`, { signal });
}

export function fetchImportProblems(id: string, offset: number, limit: number, signal?: AbortSignal): Promise<{ items: ImportProblemDto[]; total: number }> {
  return apiFetch(`/imports/${encodeURIComponent(id)}/problems`, { signal, query: { offset, limit } });
}

export function fetchImportQuarantine(id: string, offset: number, limit: number, signal?: AbortSignal): Promise<{ items: ImportQuarantineRowDto[]; total: number }> {
  return apiFetch(`/imports/${encodeURIComponent(id)}/quarantine`, { signal, query: { offset, limit } });
}

/** The file goes as the raw body: the server streams it to disk. */
export async function uploadImport(source: ImportSource, file: File, preset?: string | null): Promise<ImportDto> {
  const q = new URLSearchParams({ source, fileName: file.name });
  if (preset) q.set('preset', preset);
  const res = await fetch(`/api/imports?${q}`, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'text/csv', Accept: 'application/json', 'Accept-Language': uiLanguage() }, body: file });
  const text = await res.text();
  const body = text ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiRequestError(res.status, body ?? { code: `HTTP_${res.status}`, message: res.statusText });
  return body as ImportDto;
}

export function updateImport(id: string, body: UpdateImportRequest): Promise<ImportDto> {
  return apiFetch(`/imports/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function validateImport(id: string): Promise<ImportDto> {
  return apiFetch(`/imports/${encodeURIComponent(id)}/validate`, { method: 'POST' });
}

export function startImport(id: string, mode: ImportMode): Promise<ImportDto> {
  return apiFetch(`/imports/${encodeURIComponent(id)}/start`, { method: 'POST', body: { mode } });
}

export function cancelImport(id: string): Promise<ImportDto> {
  return apiFetch(`/imports/${encodeURIComponent(id)}/cancel`, { method: 'POST' });
}

export function undoImport(id: string): Promise<ImportDto> {
  return apiFetch(`/imports/${encodeURIComponent(id)}/undo`, { method: 'POST' });
}

export function fetchImportPresets(source: string | undefined, signal?: AbortSignal): Promise<{ items: ImportPresetDto[] }> {
  return apiFetch('/imports/presets', { signal, query: { source } });
}

export function createImportPreset(body: CreateImportPresetRequest): Promise<ImportPresetDto> {
  return apiFetch('/imports/presets', { method: 'POST', body });
}

/** The problem report in the UI's language (the reasons are rendered by the server). */
export const reportUrl = (id: string) => `/api/imports/${encodeURIComponent(id)}/report.csv?lang=${uiLanguage()}`;
export const quarantineUrl = (id: string) => `/api/imports/${encodeURIComponent(id)}/quarantine.csv`;
