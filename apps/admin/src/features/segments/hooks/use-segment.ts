import { useQuery } from '@tanstack/react-query';
import { fetchSegment, segmentKeys } from '../api/segments.api';

export function useSegment(id: string) {
  return useQuery({
    queryKey: segmentKeys.detail(id),
    queryFn: ({ signal }) => fetchSegment(id, signal),
  });
}
