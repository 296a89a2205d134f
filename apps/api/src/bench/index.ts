import { importBench } from './import.bench.js';
import { pnlBench } from './pnl.bench.js';
import { segmentationBench } from './segmentation.bench.js';

/**
 * Registered benchmarks. Each issue adds its own file and one line here.
 * Run all: `pnpm bench`; one: `BENCH=name pnpm bench`.
 */
import { workspaceBench } from './workspace.bench.js';
import { ownerViewBench } from './owner-view.bench.js';

export const BENCHES: Record<string, () => Promise<void>> = {
  pnl: pnlBench,
  import: importBench,
  workspace: workspaceBench,
  segmentation: segmentationBench,
  'owner-view': ownerViewBench,
};
