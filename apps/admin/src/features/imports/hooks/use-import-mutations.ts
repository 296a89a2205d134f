import type { CreateImportPresetRequest, ImportDto, ImportFormat, ImportMode, ImportSource, UpdateImportRequest } from '@cxs/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { cancelImport, createImportPreset, importKeys, startImport, undoImport, updateImport, uploadImport, validateImport } from '../api/imports.api';

/** Shared by every import mutation: the changed import and the history list are refreshed. */
function useImportMutation<V>(fn: (v: V) => Promise<ImportDto>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (imp) => {
      qc.setQueryData(importKeys.detail(imp.id), imp);
      void qc.invalidateQueries({ queryKey: importKeys.lists() });
      void qc.invalidateQueries({ queryKey: importKeys.detail(imp.id) });
    },
  });
}

export const useUploadImport = () => useImportMutation((v: { source: ImportSource; file: File; preset?: string | null }) => uploadImport(v.source, v.file, v.preset));
export const useUpdateImport = () => useImportMutation((v: { id: string; body: UpdateImportRequest }) => updateImport(v.id, v.body));
export const useValidateImport = () => useImportMutation((id: string) => validateImport(id));
export const useStartImport = () => useImportMutation((v: { id: string; mode: ImportMode }) => startImport(v.id, v.mode));
export const useCancelImport = () => useImportMutation((id: string) => cancelImport(id));
export const useUndoImport = () => useImportMutation((id: string) => undoImport(id));

/** Corrected quarantined rows go back as a new upload of the same source, read with the original's number and date format. */
export const useFixQuarantine = () =>
  useImportMutation(async (v: { source: ImportSource; file: File; format: ImportFormat }) => {
    const created = await uploadImport(v.source, v.file);
    // The rows are written comma-separated in UTF-8; numbers and dates keep the original's conventions.
    return updateImport(created.id, { format: { ...v.format, delimiter: ',', encoding: 'utf-8' } });
  });

export function useCreateImportPreset() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateImportPresetRequest) => createImportPreset(body),
    onSuccess: (p) => qc.invalidateQueries({ queryKey: importKeys.presets(p.source) }),
  });
}
