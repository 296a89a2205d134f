// Bundled by Vite for the browser (and run as-is in Node for the reference figure).
import { gaussianBlobs, kmeans } from '@cxs/segmentation-engine';

/** 5,000 × 8, k = 5, 10 restarts: the live-preview workload. Returns ms per repetition and the inertia. */
export function runBench(reps) {
  const n = 5000;
  const d = 8;
  const data = gaussianBlobs(n, d, 5, 42);
  const times = [];
  let inertia = 0;
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    inertia = kmeans(data, n, d, { k: 5, seed: 42 + r, restarts: 10 }).inertia;
    times.push(performance.now() - t);
  }
  return { times, inertia };
}
globalThis.runBench = runBench;
