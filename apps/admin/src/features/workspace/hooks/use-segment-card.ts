import type { UpdateSegmentCardRequest } from '@cxs/contracts';
import { useQuery } from '@tanstack/react-query';
import { fetchCard, fetchEvidenceSources, updateCard, workspaceKeys } from '../api/workspace.api';
import { useWorkspaceMutation } from './use-workspace-mutation';

export function useSegmentCard(segmentId: string) {
  return useQuery({ queryKey: workspaceKeys.card(segmentId), queryFn: ({ signal }) => fetchCard(segmentId, signal) });
}

export function useUpdateSegmentCard(segmentId: string) {
  return useWorkspaceMutation(segmentId, (body: UpdateSegmentCardRequest) => updateCard(segmentId, body), { alsoSegments: true });
}

/** The interviews and survey answers a card field may cite (loaded when the editor opens). */
export function useEvidenceSources(segmentId: string, enabled: boolean) {
  return useQuery({ queryKey: workspaceKeys.evidenceSources(segmentId), queryFn: ({ signal }) => fetchEvidenceSources(segmentId, signal), enabled, staleTime: 60_000 });
}
