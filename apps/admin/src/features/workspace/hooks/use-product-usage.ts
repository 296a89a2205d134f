import { useQuery } from '@tanstack/react-query';
import { fetchMyProductUsage, workspaceKeys } from '../api/workspace.api';

/** Where the signed-in product owner's products hang: segment, scenario, step, status. */
export function useMyProductUsage() {
  return useQuery({ queryKey: workspaceKeys.myProductUsage(), queryFn: ({ signal }) => fetchMyProductUsage(signal), select: (d) => d.items });
}
