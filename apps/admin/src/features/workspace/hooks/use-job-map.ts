import { useQuery } from '@tanstack/react-query';
import { createOutcome, deleteOutcome, fetchEvidence, fetchJobMap, linkMatchingEvidence, updateMainJob, updateOutcome, workspaceKeys, type OutcomeInput } from '../api/workspace.api';
import { useWorkspaceMutation } from './use-workspace-mutation';

export function useJobMap(segmentId: string) {
  return useQuery({ queryKey: workspaceKeys.jobMap(segmentId), queryFn: ({ signal }) => fetchJobMap(segmentId, signal) });
}

export function useUpdateMainJob(segmentId: string) {
  return useWorkspaceMutation(segmentId, (mainJob: string | null) => updateMainJob(segmentId, mainJob));
}

export function useCreateOutcome(segmentId: string) {
  return useWorkspaceMutation(segmentId, (body: OutcomeInput) => createOutcome(segmentId, body));
}

export function useUpdateOutcome(segmentId: string) {
  return useWorkspaceMutation(segmentId, ({ id, ...body }: Partial<OutcomeInput> & { id: string }) => updateOutcome(id, body));
}

export function useDeleteOutcome(segmentId: string) {
  return useWorkspaceMutation(segmentId, (id: string) => deleteOutcome(id));
}

export function useLinkMatchingEvidence(segmentId: string) {
  return useWorkspaceMutation(segmentId, (id: string) => linkMatchingEvidence(id));
}

export function useOutcomeEvidence(outcomeId: string | null) {
  return useQuery({
    queryKey: workspaceKeys.evidence(outcomeId ?? ''),
    queryFn: ({ signal }) => fetchEvidence(outcomeId!, signal),
    enabled: outcomeId !== null,
    select: (d) => d.items,
  });
}
