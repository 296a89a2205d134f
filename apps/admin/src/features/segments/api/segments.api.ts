import type { SegmentDto } from '@cxs/contracts';
import { apiFetch } from '../../../shared/api/http';

export const segmentKeys = {
  all: ['segments'] as const,
  lists: () => [...segmentKeys.all, 'list'] as const,
  list: (filters: Record<string, unknown> = {}) => [...segmentKeys.lists(), filters] as const,
  details: () => [...segmentKeys.all, 'detail'] as const,
  detail: (id: string) => [...segmentKeys.details(), id] as const,
};

export function fetchSegments(signal?: AbortSignal): Promise<{ items: SegmentDto[] }> {
  return apiFetch('/segments', { signal });
}

export function fetchSegment(id: string, signal?: AbortSignal): Promise<SegmentDto> {
  return apiFetch(`/segments/${encodeURIComponent(id)}`, { signal });
}
