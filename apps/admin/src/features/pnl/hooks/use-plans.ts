import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApprovePlanRequest, PlanRequest } from '@cxs/contracts';
import { approvePlan, createPlan, fetchPlans, planKeys, pnlKeys, updatePlan } from '../api/pnl.api';

export const usePlans = (filter: { segmentId?: string; status?: 'proposed' | 'approved' } = {}, enabled = true) =>
  useQuery({ queryKey: planKeys.list(filter), queryFn: ({ signal }) => fetchPlans(filter, signal), enabled });

/** Plans show on the segment P&L too: every plan mutation refreshes both. */
function useInvalidatePlans() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: planKeys.all }), qc.invalidateQueries({ queryKey: pnlKeys.all })]);
}

export function useCreatePlan() {
  const invalidate = useInvalidatePlans();
  return useMutation({ mutationFn: (body: PlanRequest) => createPlan(body), onSuccess: invalidate });
}

export function useUpdatePlan() {
  const invalidate = useInvalidatePlans();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: Parameters<typeof updatePlan>[1] }) => updatePlan(id, patch),
    onSuccess: invalidate,
  });
}

export function useApprovePlan() {
  const invalidate = useInvalidatePlans();
  return useMutation({ mutationFn: ({ id, body }: { id: string; body: ApprovePlanRequest }) => approvePlan(id, body), onSuccess: invalidate });
}
