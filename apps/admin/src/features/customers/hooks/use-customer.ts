import { useQuery } from '@tanstack/react-query';
import { isApiError } from '../../../shared/api/http';
import { customerKeys, fetchCustomer } from '../api/customers.api';

export function useCustomer(id: string) {
  return useQuery({
    queryKey: customerKeys.detail(id),
    queryFn: ({ signal }) => fetchCustomer(id, signal),
    retry: (count, error) => !(isApiError(error) && error.status < 500) && count < 2,
  });
}
