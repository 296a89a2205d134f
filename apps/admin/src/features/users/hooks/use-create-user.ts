import type { CreateUserRequest } from '@cxs/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createUser, userKeys } from '../api/users.api';

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserRequest) => createUser(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.lists() }),
  });
}
