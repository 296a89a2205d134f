import { useQuery } from '@tanstack/react-query';
import { ACTIVE_STATUSES, fetchImport, importKeys } from '../api/imports.api';

/** One import; polls twice a second while it runs, so a reload picks the progress up again. */
export function useImport(id: string | undefined) {
  return useQuery({
    queryKey: importKeys.detail(id ?? ''),
    queryFn: ({ signal }) => fetchImport(id!, signal),
    enabled: !!id,
    refetchInterval: (q) => ((ACTIVE_STATUSES as readonly string[]).includes(q.state.data?.status ?? '') ? 500 : false),
  });
}
