import { useQuery } from '@tanstack/react-query';
import { fetchCatalogue, segKeys } from '../api/segmentation.api';

export function useCatalogue() {
  return useQuery({ queryKey: segKeys.catalogue(), queryFn: ({ signal }) => fetchCatalogue(signal), select: (d) => d.items, staleTime: Infinity });
}
