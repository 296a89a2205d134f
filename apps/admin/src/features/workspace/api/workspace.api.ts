import type {
  AttachmentDto,
  AttachmentStatus,
  CustomerListItem,
  EvidenceSourcesDto,
  InitiativeDto,
  JobMapDto,
  MergeResult,
  OutcomeDto,
  OutcomeEvidenceDto,
  Page,
  ProductUsageDto,
  ScenarioDto,
  SegmentCardResponse,
  SegmentHistoryEntry,
  SegmentProposalDto,
  SplitResult,
  SplitRule,
  UpdateSegmentCardRequest,
  ValueStreamBoardDto,
} from '@cxs/contracts';
import { apiFetch } from '../../../shared/api/http';

const seg = (id: string) => `/segments/${encodeURIComponent(id)}`;

/** One key factory for everything on the segment page; each tab's data under its segment. */
export const workspaceKeys = {
  all: ['workspace'] as const,
  segment: (id: string) => [...workspaceKeys.all, id] as const,
  card: (id: string) => [...workspaceKeys.segment(id), 'card'] as const,
  scenarios: (id: string) => [...workspaceKeys.segment(id), 'scenarios'] as const,
  jobMap: (id: string) => [...workspaceKeys.segment(id), 'job-map'] as const,
  board: (id: string) => [...workspaceKeys.segment(id), 'board'] as const,
  history: (id: string) => [...workspaceKeys.segment(id), 'history'] as const,
  members: (id: string, page: number) => [...workspaceKeys.segment(id), 'members', page] as const,
  evidence: (outcomeId: string) => [...workspaceKeys.all, 'evidence', outcomeId] as const,
  proposals: (segmentId: string) => [...workspaceKeys.segment(segmentId), 'proposals'] as const,
  myProductUsage: () => [...workspaceKeys.all, 'product-usage', 'mine'] as const,
  evidenceSources: (id: string) => [...workspaceKeys.segment(id), 'evidence-sources'] as const,
};

export const fetchCard = (id: string, signal?: AbortSignal) => apiFetch<SegmentCardResponse>(`${seg(id)}/card`, { signal });
export const updateCard = (id: string, body: UpdateSegmentCardRequest) => apiFetch<SegmentCardResponse>(`${seg(id)}/card`, { method: 'PUT', body });

export const fetchScenarios = (id: string, signal?: AbortSignal) => apiFetch<{ items: ScenarioDto[] }>(`${seg(id)}/scenarios`, { signal });
export const createScenario = (id: string, body: { title: string; description?: string; steps?: string[] }) => apiFetch<ScenarioDto>(`${seg(id)}/scenarios`, { method: 'POST', body });
export const reorderScenarios = (id: string, ids: string[]) => apiFetch<{ items: ScenarioDto[] }>(`${seg(id)}/scenarios/order`, { method: 'PUT', body: { ids } });
export const deleteScenario = (scenarioId: string) => apiFetch<void>(`/scenarios/${scenarioId}`, { method: 'DELETE' });
export const addStep = (scenarioId: string, title: string) => apiFetch<ScenarioDto>(`/scenarios/${scenarioId}/steps`, { method: 'POST', body: { title } });
export const reorderSteps = (scenarioId: string, ids: string[]) => apiFetch<ScenarioDto>(`/scenarios/${scenarioId}/steps/order`, { method: 'PUT', body: { ids } });
export const deleteStep = (stepId: string) => apiFetch<ScenarioDto>(`/scenario-steps/${stepId}`, { method: 'DELETE' });
export const attachProduct = (stepId: string, body: { productId: string; note?: string; jobSteps?: string[] }) =>
  apiFetch<AttachmentDto>(`/scenario-steps/${stepId}/attachments`, { method: 'POST', body });
export const reviewAttachment = (attachmentId: string, body: { status: AttachmentStatus; reviewNote?: string }) =>
  apiFetch<AttachmentDto>(`/attachments/${attachmentId}/review`, { method: 'PUT', body });
export const detachProduct = (attachmentId: string) => apiFetch<void>(`/attachments/${attachmentId}`, { method: 'DELETE' });

export const fetchJobMap = (id: string, signal?: AbortSignal) => apiFetch<JobMapDto>(`${seg(id)}/job-map`, { signal });
export const updateMainJob = (id: string, mainJob: string | null) => apiFetch<JobMapDto>(`${seg(id)}/job-map`, { method: 'PUT', body: { mainJob } });
export interface OutcomeInput {
  step: string;
  direction: 'minimise' | 'maximise';
  metric: string;
  object: string;
  context?: string | null;
  ratingSource: 'direct' | 'computed';
  importance?: string | null;
  satisfaction?: string | null;
  evidenceLabel?: string | null;
}
export const createOutcome = (id: string, body: OutcomeInput) => apiFetch<OutcomeDto>(`${seg(id)}/outcomes`, { method: 'POST', body });
export const updateOutcome = (outcomeId: string, body: Partial<OutcomeInput>) => apiFetch<OutcomeDto>(`/outcomes/${outcomeId}`, { method: 'PATCH', body });
export const deleteOutcome = (outcomeId: string) => apiFetch<void>(`/outcomes/${outcomeId}`, { method: 'DELETE' });
export const linkMatchingEvidence = (outcomeId: string) => apiFetch<OutcomeDto & { linked: number }>(`/outcomes/${outcomeId}/evidence/match`, { method: 'POST' });
export const fetchEvidence = (outcomeId: string, signal?: AbortSignal) => apiFetch<{ items: OutcomeEvidenceDto[] }>(`/outcomes/${outcomeId}/evidence`, { signal });

export const fetchBoard = (id: string, signal?: AbortSignal) => apiFetch<ValueStreamBoardDto>(`${seg(id)}/board`, { signal });
export interface InitiativeInput {
  title?: string;
  stage?: string;
  status?: string;
  cost?: string | null;
  expectedEffect?: string | null;
  scenarioId?: string | null;
  outcomeId?: string | null;
  productId?: string | null;
}
export const createInitiative = (id: string, body: InitiativeInput) => apiFetch<InitiativeDto>(`${seg(id)}/initiatives`, { method: 'POST', body });
export const updateInitiative = (initiativeId: string, body: InitiativeInput) => apiFetch<InitiativeDto>(`/initiatives/${initiativeId}`, { method: 'PATCH', body });
export const deleteInitiative = (initiativeId: string) => apiFetch<void>(`/initiatives/${initiativeId}`, { method: 'DELETE' });

export const fetchHistory = (id: string, signal?: AbortSignal) => apiFetch<{ items: SegmentHistoryEntry[] }>(`${seg(id)}/history`, { signal });
export const fetchMembers = (id: string, page: number, signal?: AbortSignal) =>
  apiFetch<Page<CustomerListItem>>('/customers', { signal, query: { segmentId: id, page, pageSize: 50, sort: 'revenue', order: 'desc' } });

export const fetchProposals = (filters: { segmentId?: string; status?: string }, signal?: AbortSignal) =>
  apiFetch<{ items: SegmentProposalDto[] }>('/segment-proposals', { signal, query: filters });
export const propose = (id: string, body: { kind: 'archive' | 'merge' | 'split'; reason: string; payload?: Record<string, unknown> }) =>
  apiFetch<SegmentProposalDto>(`${seg(id)}/proposals`, { method: 'POST', body });
export const decideProposal = (proposalId: string, body: { approve: boolean; note?: string }) =>
  apiFetch<SegmentProposalDto>(`/segment-proposals/${proposalId}/decision`, { method: 'POST', body });
export interface MergeInput {
  segmentIds: string[];
  name: string;
  ownerId?: string;
  /** Whose card the merged segment starts with; null = an empty card. */
  cardFrom?: string | null;
  carryScenarios?: boolean;
  carryJobMap?: boolean;
  carryBoard?: boolean;
}
export const mergeSegments = (body: MergeInput) => apiFetch<MergeResult>('/segments/merge', { method: 'POST', body });
export const splitSegment = (id: string, body: { rule: SplitRule; matchingName: string; restName: string }) => apiFetch<SplitResult>(`${seg(id)}/split`, { method: 'POST', body });
export const archiveSegment = (id: string) => apiFetch<unknown>(`${seg(id)}/archive`, { method: 'POST' });
export const fetchMyProductUsage = (signal?: AbortSignal) => apiFetch<{ items: ProductUsageDto[] }>('/product-usage', { signal });

export const fetchEvidenceSources = (id: string, signal?: AbortSignal) => apiFetch<EvidenceSourcesDto>(`${seg(id)}/evidence-sources`, { signal });
/** Drag and drop on the board: one column's new order (an initiative may have come from another stage). */
export const orderStage = (id: string, body: { stage: string; ids: string[] }) => apiFetch<ValueStreamBoardDto>(`${seg(id)}/board/order`, { method: 'PUT', body });
