/// <reference lib="webworker" />
/**
 * Live preview: the same engine as the server (@cxs/segmentation-engine) on a
 * seeded sample of ≤ 5,000 customers, off the main thread so the editor stays
 * responsive. Replies with sizes, labels and medians, and how long it took.
 *
 * Speed: the prepared matrix (read → clip → transform → standardise) is kept
 * between requests and only re-weighted (× √weight) when nothing but weights,
 * directions or roles changed. Staleness: requests are coalesced — while one is
 * computing, newer ones replace each other and only the newest is computed.
 */
import { preparationKey, prepareMatrix, reweightPrepared, runAbcdx, type MatrixInput, type ParameterSpec, type PreparedMatrix } from '@cxs/segmentation-engine';
import type { AbcdxSpec } from '@cxs/contracts';
import { previewSummary, type PreviewRequest, type PreviewResponse } from './preview-protocol';

let sample: MatrixInput | null = null;
let cache: { key: string; prepared: PreparedMatrix } | null = null;
let pending: Extract<PreviewRequest, { type: 'run' }> | null = null;
let scheduled = false;

const post = (msg: PreviewResponse) => (self as unknown as Worker).postMessage(msg);

function compute(req: Extract<PreviewRequest, { type: 'run' }>): PreviewResponse {
  const { generation, spec } = req;
  try {
    if (!sample) throw new Error('no sample yet');
    const params: ParameterSpec[] = spec.parameters.map((p) => ({ column: p.column, direction: p.direction, transform: p.transform, clip: p.clip ?? undefined, weight: p.weight, role: p.role }));
    const options = { standardise: spec.standardise, missing: spec.missing } as const;
    const t0 = performance.now();
    const key = preparationKey(params, options);
    const reused = cache !== null && cache.key === key;
    const prepared = reused ? reweightPrepared(cache!.prepared, params) : prepareMatrix(sample, params, options);
    cache = { key, prepared };
    const restarts = req.restarts ?? Math.min(spec.restarts, 3);
    const run = runAbcdx(sample, params, { ...options, k: spec.k, seed: spec.seed, restarts, prepared });
    const ms = performance.now() - t0;
    const clusters = run.clusters.map((c) => ({ label: c.label, size: c.size, share: c.share, medians: Object.fromEntries(c.profile.map((p) => [p.column, p.median])) }));
    return { generation, ok: true, ms, n: run.ids.length, restarts, reused, summary: previewSummary(spec as AbcdxSpec, restarts), clusters };
  } catch (err) {
    return { generation, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

function drain() {
  scheduled = false;
  const req = pending;
  pending = null;
  if (req) post(compute(req));
}

self.onmessage = (e: MessageEvent<PreviewRequest>) => {
  const msg = e.data;
  if (msg.type === 'sample') {
    // Columns of the sample are picked once here, so a reweighted request never touches the row arrays again.
    sample = { ids: msg.sample.ids, columns: msg.sample.columns, values: msg.sample.values };
    cache = null;
    return;
  }
  // Keep only the newest request; compute it once the queue of incoming messages is drained.
  pending = msg;
  if (!scheduled) {
    scheduled = true;
    setTimeout(drain, 0);
  }
};
