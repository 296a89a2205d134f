import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../shared/api/error-message';
import { segmentKeys } from '../../segments/api/segments.api';
import { workspaceKeys } from '../api/workspace.api';

/**
 * A change under one segment: on success everything shown for that segment
 * (card, scenarios, bundle, job map, board, history) is refetched, since one
 * change shows in several tabs (an attachment changes the bundle and the
 * coverage matrix, every change adds a history line). Errors are shown in words.
 */
export function useWorkspaceMutation<TVars, TResult>(segmentId: string, fn: (vars: TVars) => Promise<TResult>, options: { alsoSegments?: boolean; also?: QueryKey[] } = {}) {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: workspaceKeys.segment(segmentId) });
      if (options.alsoSegments) await queryClient.invalidateQueries({ queryKey: segmentKeys.all });
      for (const queryKey of options.also ?? []) await queryClient.invalidateQueries({ queryKey });
    },
    onError: (error) => notifications.show({ color: 'red', title: t('workspace.errors.title'), message: errorMessage(t, error) }),
  });
}
