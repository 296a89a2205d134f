import type { CustomerQuery } from '@cxs/contracts';
import { useQueries } from '@tanstack/react-query';
import { customerKeys, fetchCustomers } from '../api/customers.api';

/**
 * Totals for several filters at once (one page of size 1 each: the API counts
 * in SQL, we only read `total`). Shares the customers cache with the list.
 */
export function useCustomerCounts(filters: readonly CustomerQuery[], options: { enabled?: boolean } = {}) {
  return useQueries({
    queries: filters.map((f) => {
      const query: CustomerQuery = { ...f, page: 1, pageSize: 1 };
      return {
        queryKey: customerKeys.list(query),
        queryFn: ({ signal }: { signal: AbortSignal }) => fetchCustomers(query, signal),
        select: (page: { total: number }) => page.total,
        enabled: options.enabled,
        staleTime: 60_000,
      };
    }),
  });
}
