import type { AbcdxSpec } from '@cxs/contracts';

/** Messages between the editor and the preview worker. */
export type PreviewRequest =
  | { type: 'sample'; sample: { columns: string[]; ids: string[]; values: (number | null)[][] } }
  | {
      type: 'run';
      /** Increases with every request; the editor shows only the answer to the newest. */
      generation: number;
      spec: AbcdxSpec;
      /** Restarts for the preview (default min(spec.restarts, 3): a preview must answer within a second). */
      restarts?: number;
    };

export interface PreviewCluster {
  label: string;
  size: number;
  share: number;
  medians: Record<string, number>;
}

export type PreviewResponse =
  | {
      generation: number;
      ok: true;
      ms: number;
      n: number;
      restarts: number;
      /** The prepared matrix of the previous request was re-weighted instead of prepared again. */
      reused: boolean;
      /** What was computed (see {@link previewSummary}): lets the page and its tests check the answer belongs to the spec shown. */
      summary: string;
      clusters: PreviewCluster[];
    }
  | { generation: number; ok: false; message: string };

/** A compact, stable description of what a preview computes: k, seed, restarts, standardisation and every parameter's settings. */
export function previewSummary(spec: AbcdxSpec, restarts: number): string {
  const params = spec.parameters.map((p) => `${p.column}:${p.weight}:${p.direction}:${p.transform}:${p.clip ? `${p.clip.lower}-${p.clip.upper}` : 'none'}:${p.role}`);
  return [`k=${spec.k}`, `seed=${spec.seed}`, `restarts=${restarts}`, spec.standardise, spec.missing, ...params].join(';');
}
