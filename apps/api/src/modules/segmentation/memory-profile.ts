import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Per-stage memory of a segmentation run, for issue #5's RSS target: with
 * CXS_RUN_MEMORY_PROFILE=1 every stage boundary prints one line to stderr:
 *
 *   [run-memory] <stage> rss=… peak=… heapUsed=… heapTotal=… arrayBuffers=… (MiB)
 *
 * `rss` is the whole API process (the run's worker thread shares it); `peak`
 * is the process's RSS high-water mark since the previous line (VmHWM, reset
 * after each reading through /proc/self/clear_refs when the kernel allows it,
 * otherwise the peak since the process started), so a peak inside a stage —
 * where a synchronous computation leaves no chance to sample — is still seen.
 * Off by default: nothing is read or printed.
 */
export const memoryProfileEnabled = (): boolean => process.env.CXS_RUN_MEMORY_PROFILE === '1';

const mib = (b: number) => (b / 2 ** 20).toFixed(0);

function highWaterMark(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

let resettable = true;
function resetHighWaterMark(): void {
  if (!resettable) return;
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    resettable = false;
  }
}

/** Returns a recorder: call it with a stage name at each boundary. A no-op unless the profile is on. */
export function memoryProfiler(label: string): (stage: string) => void {
  if (!memoryProfileEnabled()) return () => undefined;
  resetHighWaterMark();
  const started = performance.now();
  return (stage: string) => {
    const u = process.memoryUsage();
    const peak = highWaterMark();
    resetHighWaterMark();
    const s = ((performance.now() - started) / 1000).toFixed(1);
    process.stderr.write(
      `[run-memory] ${label} ${stage} t=${s}s rss=${mib(u.rss)} peak${resettable ? '' : '(since start)'}=${peak === null ? 'n/a' : mib(Math.max(peak, u.rss))} heapUsed=${mib(u.heapUsed)} heapTotal=${mib(u.heapTotal)} arrayBuffers=${mib(u.arrayBuffers)} MiB\n`,
    );
  };
}
