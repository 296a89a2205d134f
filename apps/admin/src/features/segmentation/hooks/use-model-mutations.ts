import type { ModelKind, ModelSpec } from '@cxs/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createModel, saveVersion, segKeys, startRun, updateModel } from '../api/segmentation.api';

export function useCreateModel() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; kind: ModelKind; spec: ModelSpec; description?: string }) => createModel(body),
    onSuccess: () => qc.invalidateQueries({ queryKey: segKeys.models() }),
  });
}

export function useSaveVersion(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (spec: ModelSpec) => saveVersion(id, spec),
    onSuccess: (m) => {
      qc.setQueryData(segKeys.model(id), m);
      return qc.invalidateQueries({ queryKey: segKeys.models() });
    },
  });
}

export function useUpdateModel(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: { name?: string; schedule?: 'monthly' | null }) => updateModel(id, patch),
    onSuccess: (m) => {
      qc.setQueryData(segKeys.model(id), m);
      return qc.invalidateQueries({ queryKey: segKeys.models() });
    },
  });
}

export function useStartRun() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (modelId: string) => startRun(modelId), onSuccess: () => qc.invalidateQueries({ queryKey: segKeys.runs() }) });
}
