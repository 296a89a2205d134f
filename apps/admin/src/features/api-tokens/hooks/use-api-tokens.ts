import { useQuery } from '@tanstack/react-query';
import { apiTokenKeys, fetchApiTokens } from '../api/api-tokens.api';

export function useApiTokens() {
  return useQuery({ queryKey: apiTokenKeys.list(), queryFn: ({ signal }) => fetchApiTokens(signal), select: (d) => d.items });
}
