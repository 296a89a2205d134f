/// <reference lib="webworker" />
/**
 * Live preview: the same engine as the server (@cxs/segmentation-engine) on a
 * seeded sample of ≤ 5,000 customers, off the main thread so the editor stays
 * responsive. Replies with sizes, labels and medians, and how long it took.
 */
import { runAbcdx, type ParameterSpec } from '@cxs/segmentation-engine';
import type { AbcdxSpec } from '@cxs/contracts';

export interface PreviewRequest {
  id: number;
  sample?: { columns: string[]; ids: string[]; values: (number | null)[][] };
  spec: AbcdxSpec;
  /** Restarts for the preview (default min(spec.restarts, 3): a preview must answer within a second). */
  restarts?: number;
}
export interface PreviewCluster {
  label: string;
  size: number;
  share: number;
  medians: Record<string, number>;
}
export type PreviewResponse = { id: number; ok: true; ms: number; n: number; restarts: number; clusters: PreviewCluster[] } | { id: number; ok: false; message: string };

let sample: PreviewRequest['sample'] | null = null;

self.onmessage = (e: MessageEvent<PreviewRequest>) => {
  const { id, spec } = e.data;
  if (e.data.sample) sample = e.data.sample;
  try {
    if (!sample) throw new Error('no sample yet');
    const columns = spec.parameters.map((p) => p.column);
    const idx = columns.map((c) => sample!.columns.indexOf(c));
    const values = sample.values.map((row) => idx.map((j) => row[j]));
    const params: ParameterSpec[] = spec.parameters.map((p) => ({ column: p.column, direction: p.direction, transform: p.transform, clip: p.clip ?? undefined, weight: p.weight, role: p.role }));
    const t0 = performance.now();
    const run = runAbcdx({ ids: sample.ids, columns, values }, params, { standardise: spec.standardise, missing: spec.missing, k: spec.k, seed: spec.seed, restarts: e.data.restarts ?? Math.min(spec.restarts, 3) });
    const ms = performance.now() - t0;
    const clusters = run.clusters.map((c) => ({ label: c.label, size: c.size, share: c.share, medians: Object.fromEntries(c.profile.map((p) => [p.column, p.median])) }));
    (self as unknown as Worker).postMessage({ id, ok: true, ms, n: run.ids.length, restarts: run.restarts, clusters } satisfies PreviewResponse);
  } catch (err) {
    (self as unknown as Worker).postMessage({ id, ok: false, message: err instanceof Error ? err.message : String(err) } satisfies PreviewResponse);
  }
};
