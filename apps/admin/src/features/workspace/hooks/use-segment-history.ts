import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchHistory, fetchMembers, workspaceKeys } from '../api/workspace.api';

export function useSegmentHistory(segmentId: string) {
  return useQuery({ queryKey: workspaceKeys.history(segmentId), queryFn: ({ signal }) => fetchHistory(segmentId, signal), select: (d) => d.items });
}

export function useSegmentMembers(segmentId: string, page: number) {
  return useQuery({ queryKey: workspaceKeys.members(segmentId, page), queryFn: ({ signal }) => fetchMembers(segmentId, page, signal), placeholderData: keepPreviousData });
}
