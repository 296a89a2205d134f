import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  fetchAbcdx,
  fetchChurnRisks,
  fetchTopCustomers,
  fetchDrillCustomers,
  fetchDrillTransactions,
  fetchMigration,
  fetchPortfolio,
  fetchProductRevenue,
  fetchSegmentPnl,
  pnlKeys,
  type PeriodFilter,
} from '../api/pnl.api';

export const usePortfolio = (f: PeriodFilter) =>
  useQuery({ queryKey: pnlKeys.portfolio(f), queryFn: ({ signal }) => fetchPortfolio(f, signal), placeholderData: keepPreviousData });
export const useSegmentPnl = (id: string | null, f: PeriodFilter) =>
  useQuery({ queryKey: pnlKeys.segment(id ?? '', f), queryFn: ({ signal }) => fetchSegmentPnl(id!, f, signal), enabled: !!id, placeholderData: keepPreviousData });
export const useDrillCustomers = (id: string | null, f: PeriodFilter, sort: string) =>
  useQuery({ queryKey: pnlKeys.customers(id ?? '', f, sort), queryFn: ({ signal }) => fetchDrillCustomers(id!, f, sort, signal), enabled: !!id });
export const useDrillTransactions = (id: string | null, f: PeriodFilter, customerId?: string) =>
  useQuery({ queryKey: pnlKeys.transactions(id ?? '', f, customerId), queryFn: ({ signal }) => fetchDrillTransactions(id!, f, customerId, signal), enabled: !!id && !!customerId });
export const useMigration = (since: string) => useQuery({ queryKey: pnlKeys.migration(since), queryFn: ({ signal }) => fetchMigration(since, signal) });
export const useAbcdx = () => useQuery({ queryKey: pnlKeys.abcdx(), queryFn: ({ signal }) => fetchAbcdx(signal) });
export const useProductRevenue = (f: PeriodFilter) => useQuery({ queryKey: pnlKeys.products(f), queryFn: ({ signal }) => fetchProductRevenue(f, signal) });
export const useTopCustomers = (id: string | null, f: PeriodFilter) =>
  useQuery({ queryKey: pnlKeys.topCustomers(id ?? '', f), queryFn: ({ signal }) => fetchTopCustomers(id!, f, signal), enabled: !!id, placeholderData: keepPreviousData });
export const useChurnRisks = (id: string | null) =>
  useQuery({ queryKey: pnlKeys.churnRisks(id ?? ''), queryFn: ({ signal }) => fetchChurnRisks(id!, signal), enabled: !!id });
