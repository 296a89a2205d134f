import { useQuery } from '@tanstack/react-query';
import { createInitiative, deleteInitiative, fetchBoard, updateInitiative, workspaceKeys, type InitiativeInput } from '../api/workspace.api';
import { useWorkspaceMutation } from './use-workspace-mutation';

export function useBoard(segmentId: string) {
  return useQuery({ queryKey: workspaceKeys.board(segmentId), queryFn: ({ signal }) => fetchBoard(segmentId, signal) });
}

export function useCreateInitiative(segmentId: string) {
  return useWorkspaceMutation(segmentId, (body: InitiativeInput) => createInitiative(segmentId, body));
}

export function useUpdateInitiative(segmentId: string) {
  return useWorkspaceMutation(segmentId, ({ id, ...body }: InitiativeInput & { id: string }) => updateInitiative(id, body));
}

export function useDeleteInitiative(segmentId: string) {
  return useWorkspaceMutation(segmentId, (id: string) => deleteInitiative(id));
}
