import { useQuery } from '@tanstack/react-query';
import { fetchSegments, segmentKeys } from '../api/segments.api';

export function useSegments() {
  return useQuery({
    queryKey: segmentKeys.list(),
    queryFn: ({ signal }) => fetchSegments(signal),
    select: (data) => data.items,
  });
}
