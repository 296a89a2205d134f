/**
 * `pnpm bench`: prints median timings of the typed k-means path, the ratio to
 * ml-kmeans as-is from the same initial centres and (when python3 has
 * scikit-learn) to scikit-learn's KMeans(n_init=1). Every measurement runs in its
 * own child process so its peak RSS is its own. Node-only; never bundled.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { kmeans as mlKmeans } from 'ml-kmeans';

import { kmeans, kmeansPlusPlus, kmeansPlusPlusWithState, lloyd, meanColumnVariance, toRows } from '../kmeans.js';
import { createRng } from '../random.js';
import { gaussianBlobs } from '../synthetic.js';

const K = 5;
const D = 8;
const SEED = 42;
const TOLERANCE = 1e-4;
const MAX_ITERATIONS = 300;

const mib = (bytes: number): number => bytes / 1024 / 1024;
const peakRssMiB = (): number => process.resourceUsage().maxRSS / 1024;
const medianOf = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

interface CaseResult {
  [key: string]: number | string | boolean | number[];
}

function caseTyped1m(n: number, reps: number): CaseResult {
  const data = gaussianBlobs(n, D, K, SEED);
  const shiftTolerance = TOLERANCE * meanColumnVariance(data, n, D);
  const totals: number[] = [];
  const cpu: number[] = [];
  const lloydTimes: number[] = [];
  const plainTimes: number[] = [];
  let iterations = 0;
  let inertia = 0;
  let plainInertia = 0;
  let converged = false;
  let heapPeak = 0;
  for (let r = 0; r < reps; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    // Exactly what kmeans() does for one start: seeding hands its bounds to Lloyd.
    const seeded = kmeansPlusPlusWithState(data, n, D, K, createRng(SEED, 0));
    const t1 = performance.now();
    const res = lloyd(data, n, D, seeded.centres, { maxIterations: MAX_ITERATIONS, shiftTolerance, accelerate: true }, seeded.state);
    const t2 = performance.now();
    const c1 = process.cpuUsage(c0);
    totals.push(t2 - t0);
    cpu.push((c1.user + c1.system) / 1000);
    lloydTimes.push(t2 - t1);
    iterations = res.iterations;
    inertia = res.inertia;
    converged = res.converged;
    heapPeak = Math.max(heapPeak, mib(process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers));
  }
  // Same start without the seeding hand-over (what the ml-kmeans comparison starts from).
  for (let r = 0; r < Math.min(reps, 3); r++) {
    const init = kmeansPlusPlus(data, n, D, K, createRng(SEED, 0));
    const t0 = performance.now();
    const res = lloyd(data, n, D, init, { maxIterations: MAX_ITERATIONS, shiftTolerance, accelerate: true });
    plainTimes.push(performance.now() - t0);
    plainInertia = res.inertia;
  }
  return { totalMs: medianOf(totals), cpuMs: medianOf(cpu), lloydMs: medianOf(lloydTimes), lloydFromCentresMs: medianOf(plainTimes), plainInertia, runsMs: totals.map(Math.round), iterations, inertia, converged, peakRssMiB: peakRssMiB(), heapPlusBuffersMiB: heapPeak };
}

function caseMl1m(n: number): CaseResult {
  const data = gaussianBlobs(n, D, K, SEED);
  const shiftTolerance = TOLERANCE * meanColumnVariance(data, n, D);
  const init = kmeansPlusPlus(data, n, D, K, createRng(SEED, 0));
  const t0 = performance.now();
  const rows = toRows(data, n, D);
  const t1 = performance.now();
  // ml-kmeans as-is: number[][] input, its own Lloyd loop, tolerance on each centre's squared move.
  const res = mlKmeans(rows, K, { initialization: toRows(init, K, D), tolerance: shiftTolerance, maxIterations: MAX_ITERATIONS });
  const t2 = performance.now();
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    const c = res.centroids[res.clusters[i]];
    for (let t = 0; t < D; t++) inertia += (rows[i][t] - c[t]) ** 2;
  }
  return { lloydMs: t2 - t1, toRowsMs: t1 - t0, iterations: res.iterations, inertia, converged: res.converged, peakRssMiB: peakRssMiB() };
}

function caseTyped100k(n: number, reps: number): CaseResult {
  const data = gaussianBlobs(n, D, K, SEED + 1);
  const times: number[] = [];
  const cpu: number[] = [];
  let inertia = 0;
  for (let r = 0; r < reps; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const res = kmeans(data, n, D, { k: K, seed: SEED, restarts: 10, tolerance: TOLERANCE, maxIterations: MAX_ITERATIONS });
    times.push(performance.now() - t0);
    const c1 = process.cpuUsage(c0);
    cpu.push((c1.user + c1.system) / 1000);
    inertia = res.inertia;
  }
  return { totalMs: medianOf(times), cpuMs: medianOf(cpu), runsMs: times.map(Math.round), inertia, peakRssMiB: peakRssMiB() };
}

const SKLEARN_SCRIPT = `
import sys, time, json, numpy as np
from sklearn.cluster import KMeans
path, n, d, k, reps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
X = np.fromfile(path, dtype=np.float64).reshape(n, d)
init = np.fromfile(path + '.init', dtype=np.float64).reshape(k, d)
times = []
for r in range(reps):
    t0 = time.perf_counter()
    km = KMeans(n_clusters=k, n_init=1, init='k-means++', algorithm='lloyd', tol=1e-4, max_iter=300, random_state=r).fit(X)
    times.append(time.perf_counter() - t0)
same = KMeans(n_clusters=k, n_init=1, init=init, algorithm='lloyd', tol=1e-4, max_iter=300).fit(X)
import threadpoolctl
threads = threadpoolctl.threadpool_info()
print(json.dumps({'ms': sorted(times)[len(times)//2] * 1000, 'iterations': int(km.n_iter_), 'inertia': float(km.inertia_), 'sameInitInertia': float(same.inertia_), 'sameInitIterations': int(same.n_iter_), 'threads': max([t.get('num_threads', 1) for t in threads] or [1])}))
`;

/** The first python3 that can import scikit-learn (PATH first, then Debian's python3-sklearn). */
function findPython(): string | null {
  for (const py of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(py, ['-c', 'import sklearn, numpy'], { encoding: 'utf8' });
    if (probe.status === 0) return py;
  }
  return null;
}

function caseSklearn(n: number): CaseResult | null {
  const python = findPython();
  if (!python) return null;
  const dir = mkdtempSync(join(tmpdir(), 'cxs-bench-'));
  try {
    const data = gaussianBlobs(n, D, K, SEED);
    const init = kmeansPlusPlus(data, n, D, K, createRng(SEED, 0));
    const file = join(dir, 'blobs.f64');
    writeFileSync(file, new Uint8Array(data.buffer));
    writeFileSync(file + '.init', new Uint8Array(init.buffer));
    writeFileSync(join(dir, 'km.py'), SKLEARN_SCRIPT);
    const out = spawnSync(python, [join(dir, 'km.py'), file, String(n), String(D), String(K), '3'], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (out.status !== 0) return { error: out.stderr.trim().split('\n').pop() ?? 'python failed' };
    return JSON.parse(out.stdout) as CaseResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function child(name: string, n: number): CaseResult {
  const self = fileURLToPath(import.meta.url);
  const out = spawnSync(process.execPath, ['--max-old-space-size=4096', self, '--case', name, '--n', String(n)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (out.status !== 0) throw new Error(`bench case ${name} failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as CaseResult;
}

function main(): void {
  const args = process.argv.slice(2);
  const caseIdx = args.indexOf('--case');
  const nArg = args.indexOf('--n');
  const quick = args.includes('--quick');
  const skipMl = args.includes('--no-ml');
  if (caseIdx >= 0) {
    const name = args[caseIdx + 1];
    const n = Number(args[nArg + 1]);
    const result = name === 'typed-1m' ? caseTyped1m(n, 5) : name === 'ml-1m' ? caseMl1m(n) : caseTyped100k(n, 5);
    process.stdout.write(JSON.stringify(result));
    return;
  }
  const big = quick ? 200_000 : 1_000_000;
  const mid = quick ? 20_000 : 100_000;
  const fmt = (x: number | string | boolean | number[] | undefined, digits = 0): string => (typeof x === 'number' ? x.toFixed(digits) : String(x));
  console.log(`CX Stream segmentation engine bench — node ${process.version}, ${cpus().length} CPU(s), load ${loadavg().map((x) => x.toFixed(1)).join('/')}; ${big.toLocaleString('en')}×${D}, k=${K}, tolerance ${TOLERANCE} (relative), seed ${SEED}`);
  console.log('Wall times on a shared machine vary; CPU time is shown beside them.');

  const typed = child('typed-1m', big);
  console.log(`\n[1] ${big.toLocaleString('en')}×${D} k=${K}, one greedy k-means++ start to convergence (typed path, median of 5)`);
  console.log(`    total ${fmt(typed.totalMs)} ms wall, ${fmt(typed.cpuMs)} ms CPU (seeding + Lloyd; Lloyd alone ${fmt(typed.lloydMs)} ms), ${typed.iterations} iterations, converged=${typed.converged}`);
  console.log(`    runs: ${String(typed.runsMs)} ms; Lloyd from the bare centres (no seeding hand-over): ${fmt(typed.lloydFromCentresMs)} ms`);
  console.log(`    peak RSS ${fmt(typed.peakRssMiB)} MiB (includes the ${fmt((big * D * 8) / 1048576)} MiB data), heap+buffers ${fmt(typed.heapPlusBuffersMiB)} MiB, inertia ${fmt(typed.inertia, 4)}`);
  console.log(`    targets: ≤ 1500 ms ${Number(typed.totalMs) <= 1500 ? 'PASS' : 'FAIL'}, ≤ 500 MiB ${Number(typed.peakRssMiB) <= 500 ? 'PASS' : 'FAIL'}`);

  if (!skipMl) {
    const ml = child('ml-1m', big);
    console.log(`\n[2] ml-kmeans 7.0.1 as-is, same data, same initial centres (one run)`);
    console.log(`    Lloyd ${fmt(ml.lloydMs)} ms (+ ${fmt(ml.toRowsMs)} ms building number[][]), ${ml.iterations} iterations, peak RSS ${fmt(ml.peakRssMiB)} MiB, inertia ${fmt(ml.inertia, 4)}`);
    const rel = Math.abs(Number(ml.inertia) - Number(typed.plainInertia)) / Number(typed.plainInertia);
    console.log(`    typed from the same centres: inertia ${fmt(typed.plainInertia, 4)} — relative difference ${rel.toExponential(2)}`);
    console.log(`    ratio ml-kmeans / typed: ${(Number(ml.lloydMs) / Number(typed.lloydFromCentresMs)).toFixed(1)}× (Lloyd vs Lloyd from the same centres); ${((Number(ml.lloydMs) + Number(ml.toRowsMs)) / Number(typed.totalMs)).toFixed(1)}× (ml-kmeans as-is incl. building its number[][] input, vs our whole start incl. seeding); peak memory ${(Number(ml.peakRssMiB) / Number(typed.peakRssMiB)).toFixed(1)}×`);
  }

  const mid10 = child('typed-100k', mid);
  console.log(`\n[3] ${mid.toLocaleString('en')}×${D} k=${K}, 10 restarts (median of 5): ${fmt(mid10.totalMs)} ms wall, ${fmt(mid10.cpuMs)} ms CPU (runs ${String(mid10.runsMs)}), peak RSS ${fmt(mid10.peakRssMiB)} MiB — target ≤ 1500 ms ${Number(mid10.totalMs) <= 1500 ? 'PASS' : 'FAIL'}`);

  const sk = caseSklearn(big);
  if (!sk) console.log('\n[4] scikit-learn: python3 with sklearn not found, skipped (Debian: apt-get install python3-sklearn)');
  else if ('error' in sk) console.log(`\n[4] scikit-learn failed: ${sk.error}`);
  else {
    console.log(`\n[4] scikit-learn KMeans(n_init=1, lloyd, tol=1e-4), same data, ${sk.threads} thread(s), median of 3: ${fmt(sk.ms)} ms, ${sk.iterations} iterations, inertia ${fmt(sk.inertia, 4)}`);
    console.log(`    from our initial centres: inertia ${fmt(sk.sameInitInertia, 4)} in ${sk.sameInitIterations} iterations (typed: ${fmt(typed.inertia, 4)})`);
    console.log(`    ratio scikit-learn / typed: ${(Number(sk.ms) / Number(typed.totalMs)).toFixed(2)}×`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
