import type { RunDto } from '@cxs/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { cancelRun, fetchComparison, fetchDistribution, fetchResults, fetchRun, fetchRuns, rerun, segKeys } from '../api/segmentation.api';

const ACTIVE = new Set(['queued', 'computing_features', 'clustering', 'saving']);
export const isActive = (r: Pick<RunDto, 'status'>) => ACTIVE.has(r.status);

/** The run list polls once a second while anything in it is still going. */
export function useRuns(modelId?: string) {
  return useQuery({
    queryKey: segKeys.runList(modelId),
    queryFn: ({ signal }) => fetchRuns(modelId, signal),
    select: (d) => d.items,
    refetchInterval: (q) => (q.state.data?.items.some(isActive) ? 1000 : false),
  });
}

/** A run's progress, polled every 500 ms until it ends. */
export function useRun(id: string) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: segKeys.run(id),
    queryFn: async ({ signal }) => {
      const run = await fetchRun(id, signal);
      if (!isActive(run)) void qc.invalidateQueries({ queryKey: segKeys.runList() });
      return run;
    },
    refetchInterval: (q) => (q.state.data && !isActive(q.state.data) ? false : 500),
  });
}

export function useRunResults(id: string, enabled: boolean) {
  return useQuery({ queryKey: segKeys.results(id), queryFn: ({ signal }) => fetchResults(id, signal), enabled, staleTime: Infinity });
}

export function useCancelRun() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: string) => cancelRun(id), onSuccess: () => qc.invalidateQueries({ queryKey: segKeys.runs() }) });
}

export function useRerun() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: string) => rerun(id), onSuccess: () => qc.invalidateQueries({ queryKey: segKeys.runs() }) });
}

export function useComparison(a: string, b: string) {
  return useQuery({ queryKey: segKeys.compare(a, b), queryFn: ({ signal }) => fetchComparison(a, b, signal), enabled: Boolean(a && b && a !== b) });
}

export function useLatestDistribution() {
  return useQuery({ queryKey: segKeys.distribution(), queryFn: ({ signal }) => fetchDistribution(signal) });
}
