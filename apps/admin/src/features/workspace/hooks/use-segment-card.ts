import type { UpdateSegmentCardRequest } from '@cxs/contracts';
import { useQuery } from '@tanstack/react-query';
import { fetchCard, updateCard, workspaceKeys } from '../api/workspace.api';
import { useWorkspaceMutation } from './use-workspace-mutation';

export function useSegmentCard(segmentId: string) {
  return useQuery({ queryKey: workspaceKeys.card(segmentId), queryFn: ({ signal }) => fetchCard(segmentId, signal) });
}

export function useUpdateSegmentCard(segmentId: string) {
  return useWorkspaceMutation(segmentId, (body: UpdateSegmentCardRequest) => updateCard(segmentId, body), { alsoSegments: true });
}
