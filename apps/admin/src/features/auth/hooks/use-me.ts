import { useQuery } from '@tanstack/react-query';
import { isApiError } from '../../../shared/api/http';
import { authKeys, fetchMe } from '../api/auth.api';

export function useMe() {
  return useQuery({
    queryKey: authKeys.me(),
    queryFn: ({ signal }) => fetchMe(signal),
    staleTime: 5 * 60_000,
    retry: (count, error) => !(isApiError(error) && error.status === 401) && count < 2,
  });
}
