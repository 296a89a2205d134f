import type { CustomerDetail, ErasureResultDto, CustomerFacets, CustomerListItem, CustomerQuery, Page } from '@cxs/contracts';
import { apiFetch } from '../../../shared/api/http';

export const customerKeys = {
  all: ['customers'] as const,
  lists: () => [...customerKeys.all, 'list'] as const,
  list: (filters: CustomerQuery) => [...customerKeys.lists(), filters] as const,
  details: () => [...customerKeys.all, 'detail'] as const,
  detail: (id: string) => [...customerKeys.details(), id] as const,
  facets: () => [...customerKeys.all, 'facets'] as const,
};

export function fetchCustomers(query: CustomerQuery, signal?: AbortSignal): Promise<Page<CustomerListItem>> {
  return apiFetch('/customers', { signal, query: { ...query } });
}

export function fetchCustomerFacets(signal?: AbortSignal): Promise<CustomerFacets> {
  return apiFetch('/customers/facets', { signal });
}

export function fetchCustomer(id: string, signal?: AbortSignal): Promise<CustomerDetail> {
  return apiFetch(`/customers/${encodeURIComponent(id)}`, { signal });
}

/** Erases the customer's personal data (admin); amounts and dates stay. */
export function eraseCustomer(id: string): Promise<ErasureResultDto> {
  return apiFetch(`/customers/${encodeURIComponent(id)}/erase`, { method: 'POST' });
}
