import type { BusinessModel, CustomerQuery, SizeBand } from '@cxs/contracts';

export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;
export const SORTS = ['name', 'revenue', 'lastTransactionOn', 'employees'] as const;
export const SIZE_BANDS: readonly (SizeBand | 'unknown')[] = ['S', 'M', 'L', 'unknown'];
export const BUSINESS_MODELS: readonly BusinessModel[] = ['B2B', 'B2C', 'B2B2C'];

type Sort = NonNullable<CustomerQuery['sort']>;

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** The list's state lives in the URL so reload, back and shared links keep it. */
export function queryFromParams(params: URLSearchParams): CustomerQuery {
  const pageSize = positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE);
  const q: CustomerQuery = {
    page: positiveInt(params.get('page'), 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
  const search = params.get('q')?.trim();
  if (search) q.q = search;
  const industry = params.get('industry');
  if (industry) q.industry = industry;
  const sizeBand = pick(params.get('sizeBand'), SIZE_BANDS);
  if (sizeBand) q.sizeBand = sizeBand;
  const businessModel = pick(params.get('businessModel'), BUSINESS_MODELS);
  if (businessModel) q.businessModel = businessModel;
  const sort = pick<Sort>(params.get('sort'), SORTS);
  if (sort) {
    q.sort = sort;
    q.order = params.get('order') === 'desc' ? 'desc' : 'asc';
  }
  return q;
}

export function paramsFromQuery(q: CustomerQuery): URLSearchParams {
  const p = new URLSearchParams();
  if (q.page && q.page > 1) p.set('page', String(q.page));
  if (q.pageSize && q.pageSize !== DEFAULT_PAGE_SIZE) p.set('pageSize', String(q.pageSize));
  if (q.q) p.set('q', q.q);
  if (q.industry) p.set('industry', q.industry);
  if (q.sizeBand) p.set('sizeBand', q.sizeBand);
  if (q.businessModel) p.set('businessModel', q.businessModel);
  if (q.sort) {
    p.set('sort', q.sort);
    p.set('order', q.order ?? 'asc');
  }
  return p;
}

export function hasFilters(q: CustomerQuery): boolean {
  return Boolean(q.q || q.industry || q.sizeBand || q.businessModel);
}

/** Click cycle on a column: ascending → descending → server default. Money and dates start descending. */
export function nextSort(q: CustomerQuery, column: Sort): Pick<CustomerQuery, 'sort' | 'order'> {
  const firstOrder = column === 'name' ? 'asc' : 'desc';
  if (q.sort !== column) return { sort: column, order: firstOrder };
  if (q.order === firstOrder) return { sort: column, order: firstOrder === 'asc' ? 'desc' : 'asc' };
  return { sort: undefined, order: undefined };
}
