import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { approvePromotion, fetchPromotions, proposePromotion, rejectPromotion, segKeys } from '../api/segmentation.api';

export function usePromotions() {
  return useQuery({ queryKey: segKeys.promotions(), queryFn: ({ signal }) => fetchPromotions(signal), select: (d) => d.items });
}

export function useProposePromotion() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: proposePromotion, onSuccess: () => qc.invalidateQueries({ queryKey: segKeys.promotions() }) });
}

/** Approving moves memberships and may create a segment: segments and customers change too. */
export function useApprovePromotion() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ownerId }: { id: string; ownerId: string }) => approvePromotion(id, ownerId),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: segKeys.promotions() }), qc.invalidateQueries({ queryKey: ['segments'] }), qc.invalidateQueries({ queryKey: ['customers'] })]),
  });
}

export function useRejectPromotion() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: string) => rejectPromotion(id), onSuccess: () => qc.invalidateQueries({ queryKey: segKeys.promotions() }) });
}
