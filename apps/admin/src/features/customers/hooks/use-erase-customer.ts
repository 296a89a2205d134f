import { useMutation, useQueryClient } from '@tanstack/react-query';
import { customerKeys, eraseCustomer } from '../api/customers.api';

/** Erasure changes the name shown in lists too: both are refreshed. */
export function useEraseCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => eraseCustomer(id),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: customerKeys.detail(r.customerId) });
      void qc.invalidateQueries({ queryKey: customerKeys.lists() });
    },
  });
}
