import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SettingsDto, SupportCostDto } from '@cxs/contracts';
import { fetchSettings, fetchSupportCosts, pnlKeys, settingsKeys, updateSettings, updateSupportCosts } from '../api/pnl.api';

export const useSettings = () => useQuery({ queryKey: settingsKeys.settings(), queryFn: ({ signal }) => fetchSettings(signal), staleTime: 60_000 });
export const useSupportCosts = (enabled = true) => useQuery({ queryKey: settingsKeys.supportCosts(), queryFn: ({ signal }) => fetchSupportCosts(signal), enabled });

/** Settings change every P&L figure's periods, currency or cost to serve: refresh the P&L queries too. */
export function useUpdateSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<SettingsDto>) => updateSettings(body),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: settingsKeys.all }), qc.invalidateQueries({ queryKey: pnlKeys.all })]),
  });
}

export function useUpdateSupportCosts() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (items: SupportCostDto[]) => updateSupportCosts(items),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: settingsKeys.all }), qc.invalidateQueries({ queryKey: pnlKeys.all })]),
  });
}
