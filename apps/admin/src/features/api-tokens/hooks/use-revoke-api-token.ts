import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiTokenKeys, revokeApiToken } from '../api/api-tokens.api';

export function useRevokeApiToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => revokeApiToken(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: apiTokenKeys.lists() }),
  });
}
