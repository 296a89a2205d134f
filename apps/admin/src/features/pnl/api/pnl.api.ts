import type {
  ApprovePlanRequest,
  ChurnRisksDto,
  PlanDto,
  PlanRequest,
  SettingsDto,
  SupportCostDto,
  TopCustomersDto,
  DrillCustomerRow, DrillTransactionRow, MigrationFlow, AbcdxDto, PnlPeriod, PortfolioDto, ProductRevenueDto, SegmentPnlDto } from '@cxs/contracts';
import { apiFetch } from '../../../shared/api/http';

/** A period as the API takes it: month / quarter / year containing `at`, or any range `from`..`to` (YYYY-MM). */
export interface PeriodFilter {
  from?: string;
  to?: string;
  period?: 'month' | 'quarter' | 'year';
  at?: string;
}

export const pnlKeys = {
  all: ['pnl'] as const,
  portfolio: (f: PeriodFilter) => [...pnlKeys.all, 'portfolio', f] as const,
  segment: (id: string, f: PeriodFilter) => [...pnlKeys.all, 'segment', id, f] as const,
  customers: (id: string, f: PeriodFilter, sort: string) => [...pnlKeys.all, 'customers', id, f, sort] as const,
  transactions: (id: string, f: PeriodFilter, customerId?: string) => [...pnlKeys.all, 'transactions', id, f, customerId ?? null] as const,
  migration: (since: string) => [...pnlKeys.all, 'migration', since] as const,
  abcdx: () => [...pnlKeys.all, 'abcdx'] as const,
  products: (f: PeriodFilter) => [...pnlKeys.all, 'products', f] as const,
  topCustomers: (id: string, f: PeriodFilter) => [...pnlKeys.all, 'top-customers', id, f] as const,
  churnRisks: (id: string) => [...pnlKeys.all, 'churn-risks', id] as const,
};

export const planKeys = {
  all: ['plans'] as const,
  list: (filter: { segmentId?: string; status?: string }) => [...planKeys.all, 'list', filter] as const,
};

export const settingsKeys = {
  all: ['settings'] as const,
  settings: () => [...settingsKeys.all, 'installation'] as const,
  supportCosts: () => [...settingsKeys.all, 'support-costs'] as const,
};

const q = (f: PeriodFilter) => ({ from: f.from, to: f.to, period: f.period, at: f.at });

export const fetchPortfolio = (f: PeriodFilter, signal?: AbortSignal) => apiFetch<PortfolioDto>('/pnl/portfolio', { query: q(f), signal });
export const fetchSegmentPnl = (id: string, f: PeriodFilter, signal?: AbortSignal) => apiFetch<SegmentPnlDto>(`/pnl/segments/${encodeURIComponent(id)}`, { query: q(f), signal });
export const fetchDrillCustomers = (id: string, f: PeriodFilter, sort: string, signal?: AbortSignal) =>
  apiFetch<{ period: PnlPeriod; items: DrillCustomerRow[]; total: number }>(`/pnl/segments/${encodeURIComponent(id)}/customers`, { query: { ...q(f), sort }, signal });
export const fetchDrillTransactions = (id: string, f: PeriodFilter, customerId: string | undefined, signal?: AbortSignal) =>
  apiFetch<{ period: PnlPeriod; items: DrillTransactionRow[]; total: number }>(`/pnl/segments/${encodeURIComponent(id)}/transactions`, {
    query: { ...q(f), customerId },
    signal,
  });
export const fetchMigration = (since: string, signal?: AbortSignal) => apiFetch<{ items: MigrationFlow[] }>('/pnl/migration', { query: { since }, signal });
export const fetchAbcdx = (signal?: AbortSignal) => apiFetch<AbcdxDto>('/pnl/abcdx', { signal });
export const fetchProductRevenue = (f: PeriodFilter, signal?: AbortSignal) => apiFetch<ProductRevenueDto>('/pnl/products', { query: q(f), signal });

/** Same-origin download link: the session cookie goes with it and the API applies the same scope as the page. */
export function exportUrl(table: string, params: Record<string, string | undefined>): string {
  const usp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') usp.set(k, v);
  return table === 'products' ? `/api/pnl/products/export?${usp}` : `/api/pnl/export/${table}?${usp}`;
}

export const fetchTopCustomers = (id: string, f: PeriodFilter, signal?: AbortSignal) =>
  apiFetch<TopCustomersDto>(`/pnl/segments/${encodeURIComponent(id)}/top-customers`, { query: { ...q(f), limit: 10 }, signal });
export const fetchChurnRisks = (id: string, signal?: AbortSignal) => apiFetch<ChurnRisksDto>(`/pnl/segments/${encodeURIComponent(id)}/churn-risks`, { signal });

export const fetchPlans = (filter: { segmentId?: string; status?: string }, signal?: AbortSignal) =>
  apiFetch<{ items: PlanDto[] }>('/plans', { query: filter, signal });
export const createPlan = (body: PlanRequest) => apiFetch<PlanDto>('/plans', { method: 'POST', body });
export const updatePlan = (id: string, body: Partial<Pick<PlanRequest, 'revenueTarget' | 'marginTarget' | 'customersTarget' | 'note'>>) =>
  apiFetch<PlanDto>(`/plans/${encodeURIComponent(id)}`, { method: 'PATCH', body });
export const approvePlan = (id: string, body: ApprovePlanRequest) => apiFetch<PlanDto>(`/plans/${encodeURIComponent(id)}/approve`, { method: 'POST', body });

export const fetchSettings = (signal?: AbortSignal) => apiFetch<SettingsDto>('/settings', { signal });
export const updateSettings = (body: Partial<SettingsDto>) => apiFetch<SettingsDto>('/settings', { method: 'PUT', body });
export const fetchSupportCosts = (signal?: AbortSignal) => apiFetch<{ items: SupportCostDto[] }>('/settings/support-costs', { signal });
export const updateSupportCosts = (items: SupportCostDto[]) => apiFetch<{ items: SupportCostDto[] }>('/settings/support-costs', { method: 'PUT', body: { items } });
