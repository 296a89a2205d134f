import { useQuery } from '@tanstack/react-query';
import { fetchModel, fetchModels, segKeys } from '../api/segmentation.api';

export function useModels() {
  return useQuery({ queryKey: segKeys.models(), queryFn: ({ signal }) => fetchModels(signal), select: (d) => d.items });
}

export function useModel(id: string) {
  return useQuery({ queryKey: segKeys.model(id), queryFn: ({ signal }) => fetchModel(id, signal) });
}
