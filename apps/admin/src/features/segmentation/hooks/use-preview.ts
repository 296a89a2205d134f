import type { AbcdxSpec } from '@cxs/contracts';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { fetchSample, segKeys } from '../api/segmentation.api';
import { previewSummary, type PreviewRequest, type PreviewResponse } from '../workers/preview-protocol';

/** Edits closer together than this are computed once (a slider drag, typing "2.5"). */
export const PREVIEW_DEBOUNCE_MS = 150;

/**
 * Runs the engine in a web worker on a seeded sample whenever the spec
 * changes (debounced). Every request carries a generation number; only the
 * answer to the newest generation is shown, so a slow answer to an older
 * spec can never overwrite a newer one. `updating` is true from the first
 * edit until the answer for the current spec has arrived.
 */
export function usePreview(spec: AbcdxSpec | null, restarts?: number) {
  const sample = useQuery({
    queryKey: segKeys.sample(spec?.asOf ?? '', spec?.lookbackMonths ?? 0),
    queryFn: ({ signal }) => fetchSample(spec!.asOf, spec!.lookbackMonths, signal),
    enabled: spec !== null,
    staleTime: Infinity,
  });
  const [debounced] = useDebouncedValue(spec, PREVIEW_DEBOUNCE_MS);
  const [worker, setWorker] = useState<Worker | null>(null);
  const generation = useRef(0);
  const [latest, setLatest] = useState(0);
  const [result, setResult] = useState<PreviewResponse | null>(null);

  // One worker per mounted editor. The sample is (re)sent to whichever worker exists, so a recreated worker
  // (StrictMode mounts effects twice in development) never computes without one.
  useEffect(() => {
    const w = new Worker(new URL('../workers/preview.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<PreviewResponse>) => {
      if (e.data.generation === generation.current) setResult(e.data);
    };
    setWorker(w);
    return () => {
      w.terminate();
      setWorker(null);
    };
  }, []);

  useEffect(() => {
    if (!worker || !sample.data) return;
    worker.postMessage({ type: 'sample', sample: sample.data } satisfies PreviewRequest);
  }, [worker, sample.data]);

  useEffect(() => {
    if (!worker || !sample.data || !debounced) return;
    const g = ++generation.current;
    setLatest(g);
    worker.postMessage({ type: 'run', generation: g, spec: debounced, restarts } satisfies PreviewRequest);
  }, [worker, sample.data, debounced, restarts]);

  const expected = spec ? previewSummary(spec, restarts ?? Math.min(spec.restarts, 3)) : null;
  const current = result !== null && result.generation === latest && debounced === spec && (!result.ok || result.summary === expected);
  return {
    result,
    /** The answer shown does not (yet) belong to the parameters on screen. */
    updating: spec !== null && !current && (result !== null || sample.isSuccess),
    generation: result?.generation ?? 0,
    sampleLoading: sample.isPending && spec !== null,
    sampleError: sample.error,
  };
}
