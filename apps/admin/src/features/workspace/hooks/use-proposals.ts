import type { SplitRule } from '@cxs/contracts';
import { useQuery } from '@tanstack/react-query';
import { archiveSegment, decideProposal, fetchProposals, mergeSegments, propose, splitSegment, workspaceKeys, type MergeInput } from '../api/workspace.api';
import { useWorkspaceMutation } from './use-workspace-mutation';

/** Open proposals for one segment (the banner on its page). */
export function useOpenProposals(segmentId: string) {
  return useQuery({
    queryKey: workspaceKeys.proposals(segmentId),
    queryFn: ({ signal }) => fetchProposals({ segmentId, status: 'open' }, signal),
    select: (d) => d.items,
  });
}

export function usePropose(segmentId: string) {
  return useWorkspaceMutation(segmentId, (body: { kind: 'archive' | 'merge' | 'split'; reason: string; payload?: Record<string, unknown> }) => propose(segmentId, body));
}

export function useDecideProposal(segmentId: string) {
  return useWorkspaceMutation(segmentId, ({ id, approve }: { id: string; approve: boolean }) => decideProposal(id, { approve }), { alsoSegments: true });
}

export function useMergeSegments(segmentId: string) {
  return useWorkspaceMutation(segmentId, (body: MergeInput) => mergeSegments(body), { alsoSegments: true });
}

export function useSplitSegment(segmentId: string) {
  return useWorkspaceMutation(segmentId, (body: { rule: SplitRule; matchingName: string; restName: string }) => splitSegment(segmentId, body), { alsoSegments: true });
}

export function useArchiveSegment(segmentId: string) {
  return useWorkspaceMutation(segmentId, () => archiveSegment(segmentId), { alsoSegments: true });
}
