import type { ChangePasswordRequest } from '@cxs/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authKeys, changePassword } from '../api/auth.api';

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordRequest) => changePassword(body),
    // mustChangePassword flips on the server; reload who we are.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.me() }),
  });
}
