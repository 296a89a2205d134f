import type { CustomerQuery } from '@cxs/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { customerKeys, fetchCustomers } from '../api/customers.api';

export function useCustomers(query: CustomerQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: customerKeys.list(query),
    queryFn: ({ signal }) => fetchCustomers(query, signal),
    // Keep the old page on screen while the next one loads: no flashing skeleton on paging.
    placeholderData: keepPreviousData,
    enabled: options.enabled,
  });
}
