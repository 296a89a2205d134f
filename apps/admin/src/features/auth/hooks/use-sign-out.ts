import { useMutation, useQueryClient } from '@tanstack/react-query';
import { signOut } from '../api/auth.api';

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => signOut(),
    onSettled: () => queryClient.clear(),
  });
}
