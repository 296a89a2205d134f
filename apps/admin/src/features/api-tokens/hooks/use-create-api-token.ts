import type { CreateApiTokenRequest } from '@cxs/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiTokenKeys, createApiToken } from '../api/api-tokens.api';

export function useCreateApiToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiTokenRequest) => createApiToken(body),
    onSuccess: () => qc.invalidateQueries({ queryKey: apiTokenKeys.lists() }),
  });
}
