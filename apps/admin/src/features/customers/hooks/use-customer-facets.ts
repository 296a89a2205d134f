import { useQuery } from '@tanstack/react-query';
import { customerKeys, fetchCustomerFacets } from '../api/customers.api';

export function useCustomerFacets() {
  return useQuery({
    queryKey: customerKeys.facets(),
    queryFn: ({ signal }) => fetchCustomerFacets(signal),
    staleTime: 10 * 60_000,
  });
}
