import { useMutation, useQueryClient } from '@tanstack/react-query';
import { resetPassword, userKeys } from '../api/users.api';

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => resetPassword(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.lists() }),
  });
}
