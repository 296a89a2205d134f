import type {
  FeatureCatalogueEntry,
  LabelDistributionDto,
  ModelDto,
  ModelKind,
  ModelSpec,
  ModelVersionDto,
  PromotionDto,
  RulePreviewDto,
  RuleSpec,
  RunComparisonDto,
  RunDto,
  RunMemberDto,
  RunResultsDto,
} from '@cxs/contracts';
import { apiFetch } from '../../../shared/api/http';

export const segKeys = {
  all: ['segmentation'] as const,
  catalogue: () => [...segKeys.all, 'catalogue'] as const,
  models: () => [...segKeys.all, 'models'] as const,
  model: (id: string) => [...segKeys.models(), id] as const,
  versions: (id: string) => [...segKeys.models(), id, 'versions'] as const,
  runs: () => [...segKeys.all, 'runs'] as const,
  runList: (modelId?: string) => [...segKeys.runs(), 'list', modelId ?? 'all'] as const,
  run: (id: string) => [...segKeys.runs(), 'detail', id] as const,
  results: (id: string) => [...segKeys.runs(), 'results', id] as const,
  members: (id: string, params: Record<string, unknown>) => [...segKeys.runs(), 'members', id, params] as const,
  compare: (a: string, b: string) => [...segKeys.runs(), 'compare', a, b] as const,
  distribution: () => [...segKeys.runs(), 'latest-distribution'] as const,
  sample: (asOf: string, lookback: number) => [...segKeys.all, 'sample', asOf, lookback] as const,
  rulePreview: (spec: unknown) => [...segKeys.all, 'rule-preview', spec] as const,
  promotions: () => [...segKeys.all, 'promotions'] as const,
};

export const fetchCatalogue = (signal?: AbortSignal) => apiFetch<{ items: FeatureCatalogueEntry[] }>('/features/catalogue', { signal });
export const fetchModels = (signal?: AbortSignal) => apiFetch<{ items: ModelDto[] }>('/segmentation/models', { signal });
export const fetchModel = (id: string, signal?: AbortSignal) => apiFetch<ModelDto>(`/segmentation/models/${id}`, { signal });
export const fetchVersions = (id: string, signal?: AbortSignal) => apiFetch<{ items: ModelVersionDto[] }>(`/segmentation/models/${id}/versions`, { signal });
export const createModel = (body: { name: string; description?: string; kind: ModelKind; spec: ModelSpec }) =>
  apiFetch<ModelDto>('/segmentation/models', { method: 'POST', body });
export const saveVersion = (id: string, spec: ModelSpec) => apiFetch<ModelDto>(`/segmentation/models/${id}/versions`, { method: 'POST', body: { spec } });
export const updateModel = (id: string, patch: { name?: string; description?: string; schedule?: 'monthly' | null }) =>
  apiFetch<ModelDto>(`/segmentation/models/${id}`, { method: 'PATCH', body: patch });
export const startRun = (modelId: string) => apiFetch<RunDto>(`/segmentation/models/${modelId}/runs`, { method: 'POST', body: {} });
export const fetchRuns = (modelId?: string, signal?: AbortSignal) => apiFetch<{ items: RunDto[] }>('/segmentation/runs', { signal, query: { modelId } });
export const fetchRun = (id: string, signal?: AbortSignal) => apiFetch<RunDto>(`/segmentation/runs/${id}`, { signal });
export const cancelRun = (id: string) => apiFetch<RunDto>(`/segmentation/runs/${id}/cancel`, { method: 'POST' });
export const rerun = (id: string) => apiFetch<RunDto>(`/segmentation/runs/${id}/rerun`, { method: 'POST' });
export const fetchResults = (id: string, signal?: AbortSignal) => apiFetch<RunResultsDto>(`/segmentation/runs/${id}/results`, { signal });
export const fetchMembers = (id: string, query: { label?: string; q?: string; sort?: string; dir?: string; offset: number; limit: number }, signal?: AbortSignal) =>
  apiFetch<{ items: RunMemberDto[]; total: number }>(`/segmentation/runs/${id}/members`, { signal, query });
export const membersCsvUrl = (id: string, query: { label?: string; q?: string }) =>
  `/api/segmentation/runs/${id}/members.csv?${new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][]).toString()}`;
export const fetchComparison = (a: string, b: string, signal?: AbortSignal) => apiFetch<RunComparisonDto>('/segmentation/runs/compare', { signal, query: { a, b } });
export const fetchDistribution = (signal?: AbortSignal) => apiFetch<LabelDistributionDto>('/segmentation/runs/latest-distribution', { signal });
export const fetchSample = (asOf: string, lookbackMonths: number, signal?: AbortSignal) =>
  apiFetch<{ columns: string[]; ids: string[]; values: (number | null)[][] }>('/features/sample', { signal, query: { asOf, lookbackMonths, size: 5000 } });
export const previewRules = (spec: RuleSpec, signal?: AbortSignal) => apiFetch<RulePreviewDto>('/segmentation/rules/preview', { method: 'POST', body: { spec }, signal });
export const fetchPromotions = (signal?: AbortSignal) => apiFetch<{ items: PromotionDto[] }>('/segmentation/promotions', { signal });
export const proposePromotion = (body: { runId: string; label: string; newSegmentName?: string; targetSegmentId?: string; effectiveDate: string; note?: string }) =>
  apiFetch<PromotionDto>('/segmentation/promotions', { method: 'POST', body });
export const approvePromotion = (id: string, ownerId: string) => apiFetch<PromotionDto>(`/segmentation/promotions/${id}/approve`, { method: 'POST', body: { ownerId } });
export const rejectPromotion = (id: string) => apiFetch<PromotionDto>(`/segmentation/promotions/${id}/reject`, { method: 'POST' });
