import { useQuery } from '@tanstack/react-query';
import { fetchImportSources, importKeys } from '../api/imports.api';

export function useImportSources() {
  return useQuery({ queryKey: importKeys.sources(), queryFn: ({ signal }) => fetchImportSources(signal), select: (d) => d.items, staleTime: Infinity });
}
