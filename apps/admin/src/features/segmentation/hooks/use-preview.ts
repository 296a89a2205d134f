import type { AbcdxSpec } from '@cxs/contracts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { fetchSample, segKeys } from '../api/segmentation.api';
import type { PreviewRequest, PreviewResponse } from '../workers/preview.worker';

/**
 * Runs the engine in a web worker on a seeded sample whenever the spec
 * changes; the latest request wins (older answers are dropped).
 */
export function usePreview(spec: AbcdxSpec | null, restarts?: number) {
  const sample = useQuery({
    queryKey: segKeys.sample(spec?.asOf ?? '', spec?.lookbackMonths ?? 0),
    queryFn: ({ signal }) => fetchSample(spec!.asOf, spec!.lookbackMonths, signal),
    enabled: spec !== null,
    staleTime: Infinity,
  });
  const worker = useRef<Worker | null>(null);
  const sent = useRef<unknown>(null);
  const seq = useRef(0);
  const [result, setResult] = useState<PreviewResponse | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const w = new Worker(new URL('../workers/preview.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<PreviewResponse>) => {
      if (e.data.id !== seq.current) return;
      setResult(e.data);
      setBusy(false);
    };
    worker.current = w;
    return () => w.terminate();
  }, []);

  useEffect(() => {
    if (!spec || !sample.data || !worker.current) return;
    const id = ++seq.current;
    const msg: PreviewRequest = { id, spec, restarts };
    if (sent.current !== sample.data) {
      msg.sample = sample.data;
      sent.current = sample.data;
    }
    setBusy(true);
    worker.current.postMessage(msg);
  }, [spec, sample.data, restarts]);

  return { result, busy, sampleLoading: sample.isPending && spec !== null, sampleError: sample.error };
}
