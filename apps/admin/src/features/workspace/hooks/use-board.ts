import type { ValueStreamBoardDto } from '@cxs/contracts';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../shared/api/error-message';
import { createInitiative, deleteInitiative, fetchBoard, orderStage, updateInitiative, workspaceKeys, type InitiativeInput } from '../api/workspace.api';
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

/** Drop on the board: shows the new order at once (optimistic); a refusal puts the old board back and says why. */
export function useOrderStage(segmentId: string) {
  const qc = useQueryClient();
  const { t } = useTranslation();
  const key = workspaceKeys.board(segmentId);
  return useMutation({
    mutationFn: (body: { stage: string; ids: string[] }) => orderStage(segmentId, body),
    onMutate: async ({ stage, ids }) => {
      await qc.cancelQueries({ queryKey: key });
      const prev = qc.getQueryData<ValueStreamBoardDto>(key);
      if (prev) {
        const rank = new Map(ids.map((id, i) => [id, i]));
        const initiatives = prev.initiatives.map((i) => (rank.has(i.id) ? { ...i, stage, position: rank.get(i.id)! } : i)).sort((a, b) => a.position - b.position);
        qc.setQueryData(key, { ...prev, initiatives });
      }
      return { prev };
    },
    onError: (error, _vars, ctx) => {
      if (ctx?.prev) qc.setQueryData(key, ctx.prev);
      notifications.show({ color: 'red', title: t('workspace.errors.title'), message: errorMessage(t, error) });
    },
    // The order, the flow figures and the history line all follow from the server.
    onSettled: () => qc.invalidateQueries({ queryKey: workspaceKeys.segment(segmentId) }),
  });
}
