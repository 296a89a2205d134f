import type { DrillCustomerRow, DrillTransactionRow, MigrationFlow, AbcdxDto, PnlPeriod, PortfolioDto, ProductRevenueDto, SegmentPnlDto } from '@cxs/contracts';
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
