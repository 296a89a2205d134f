import type { SignInRequest } from '@cxs/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authKeys, signIn } from '../api/auth.api';

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SignInRequest) => signIn(body),
    onSuccess: (me) => {
      // A new person may be signing in on this browser: forget everything the last one saw.
      queryClient.clear();
      queryClient.setQueryData(authKeys.me(), me);
    },
  });
}
