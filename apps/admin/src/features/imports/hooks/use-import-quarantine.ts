import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchImportQuarantine, importKeys } from '../api/imports.api';

export const QUARANTINE_PAGE = 100;

export function useImportQuarantine(id: string, page: number, enabled = true) {
  return useQuery({
    queryKey: importKeys.quarantine(id, page),
    queryFn: ({ signal }) => fetchImportQuarantine(id, page * QUARANTINE_PAGE, QUARANTINE_PAGE, signal),
    enabled,
    placeholderData: keepPreviousData,
    // Whether a row was brought in since depends on later imports: ask again on every visit.
    refetchOnMount: 'always',
  });
}
