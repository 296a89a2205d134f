import type { ProductDto } from '@cxs/contracts';
import { apiFetch } from '../../../shared/api/http';

export const productKeys = {
  all: ['products'] as const,
  lists: () => [...productKeys.all, 'list'] as const,
  list: (filters: Record<string, unknown> = {}) => [...productKeys.lists(), filters] as const,
  details: () => [...productKeys.all, 'detail'] as const,
  detail: (id: string) => [...productKeys.details(), id] as const,
};

export function fetchProducts(signal?: AbortSignal): Promise<{ items: ProductDto[] }> {
  return apiFetch('/products', { signal });
}
