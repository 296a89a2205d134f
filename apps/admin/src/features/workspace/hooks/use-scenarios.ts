import type { AttachmentStatus } from '@cxs/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  addStep,
  attachProduct,
  createScenario,
  deleteScenario,
  deleteStep,
  detachProduct,
  fetchScenarios,
  reorderScenarios,
  reorderSteps,
  reviewAttachment,
  workspaceKeys,
} from '../api/workspace.api';
import { useWorkspaceMutation } from './use-workspace-mutation';

export function useScenarios(segmentId: string) {
  return useQuery({ queryKey: workspaceKeys.scenarios(segmentId), queryFn: ({ signal }) => fetchScenarios(segmentId, signal), select: (d) => d.items });
}

export function useCreateScenario(segmentId: string) {
  return useWorkspaceMutation(segmentId, (body: { title: string; description?: string; steps?: string[] }) => createScenario(segmentId, body));
}

export function useDeleteScenario(segmentId: string) {
  return useWorkspaceMutation(segmentId, (scenarioId: string) => deleteScenario(scenarioId));
}

/** Reorders optimistically (the list moves under the pointer), then refetches; a refused order snaps back. */
export function useReorderScenarios(segmentId: string) {
  const queryClient = useQueryClient();
  return useWorkspaceMutation(segmentId, async (ids: string[]) => {
    queryClient.setQueryData(workspaceKeys.scenarios(segmentId), (old: { items: { id: string }[] } | undefined) =>
      old ? { items: ids.map((id) => old.items.find((s) => s.id === id)!).filter(Boolean) } : old,
    );
    return reorderScenarios(segmentId, ids);
  });
}

export function useReorderSteps(segmentId: string) {
  const queryClient = useQueryClient();
  return useWorkspaceMutation(segmentId, async ({ scenarioId, ids }: { scenarioId: string; ids: string[] }) => {
    queryClient.setQueryData(workspaceKeys.scenarios(segmentId), (old: { items: { id: string; steps: { id: string }[] }[] } | undefined) =>
      old
        ? { items: old.items.map((s) => (s.id === scenarioId ? { ...s, steps: ids.map((id) => s.steps.find((st) => st.id === id)!).filter(Boolean) } : s)) }
        : old,
    );
    return reorderSteps(scenarioId, ids);
  });
}

export function useAddStep(segmentId: string) {
  return useWorkspaceMutation(segmentId, ({ scenarioId, title }: { scenarioId: string; title: string }) => addStep(scenarioId, title));
}

export function useDeleteStep(segmentId: string) {
  return useWorkspaceMutation(segmentId, (stepId: string) => deleteStep(stepId));
}

export function useAttachProduct(segmentId: string) {
  return useWorkspaceMutation(segmentId, ({ stepId, ...body }: { stepId: string; productId: string; note?: string; jobSteps?: string[] }) => attachProduct(stepId, body), {
    also: [workspaceKeys.myProductUsage()],
  });
}

export function useReviewAttachment(segmentId: string) {
  return useWorkspaceMutation(segmentId, ({ id, status }: { id: string; status: AttachmentStatus }) => reviewAttachment(id, { status }), { also: [workspaceKeys.myProductUsage()] });
}

export function useDetachProduct(segmentId: string) {
  return useWorkspaceMutation(segmentId, (attachmentId: string) => detachProduct(attachmentId), { also: [workspaceKeys.myProductUsage()] });
}
