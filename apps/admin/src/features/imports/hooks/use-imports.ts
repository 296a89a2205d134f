import { useQuery } from '@tanstack/react-query';
import { ACTIVE_STATUSES, fetchImports, importKeys } from '../api/imports.api';

/** Import history; polls while any import is still working. */
export function useImports() {
  return useQuery({
    queryKey: importKeys.list(),
    queryFn: ({ signal }) => fetchImports(signal),
    select: (data) => data.items,
    refetchInterval: (q) => (q.state.data?.items.some((i) => (ACTIVE_STATUSES as readonly string[]).includes(i.status)) ? 1000 : false),
  });
}
