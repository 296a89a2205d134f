import { useQuery } from '@tanstack/react-query';
import { fetchUsers, userKeys } from '../api/users.api';

export function useUsers() {
  return useQuery({
    queryKey: userKeys.list(),
    queryFn: ({ signal }) => fetchUsers(signal),
    select: (data) => data.items,
  });
}
