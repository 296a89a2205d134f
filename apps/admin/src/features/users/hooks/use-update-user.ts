import type { UpdateUserRequest, UserDto } from '@cxs/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { updateUser, userKeys } from '../api/users.api';

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UpdateUserRequest }) => updateUser(id, patch),
    onSuccess: (user: UserDto) => {
      queryClient.setQueryData(userKeys.detail(user.id), user);
      return queryClient.invalidateQueries({ queryKey: userKeys.lists() });
    },
  });
}
