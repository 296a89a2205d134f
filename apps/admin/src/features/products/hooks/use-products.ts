import { useQuery } from '@tanstack/react-query';
import { fetchProducts, productKeys } from '../api/products.api';

export function useProducts() {
  return useQuery({
    queryKey: productKeys.list(),
    queryFn: ({ signal }) => fetchProducts(signal),
    select: (data) => data.items,
  });
}
