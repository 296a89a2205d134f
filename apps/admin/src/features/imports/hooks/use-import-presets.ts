import { useQuery } from '@tanstack/react-query';
import { fetchImportPresets, importKeys } from '../api/imports.api';

export function useImportPresets(source: string | undefined) {
  return useQuery({ queryKey: importKeys.presets(source), queryFn: ({ signal }) => fetchImportPresets(source, signal), select: (d) => d.items, enabled: !!source });
}
