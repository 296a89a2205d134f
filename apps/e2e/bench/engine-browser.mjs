#!/usr/bin/env node
// The live-preview figure: 5,000 × 8 k-means with 10 restarts in the browser
// bundle, measured in Debian Chromium (target ≤ 150 ms, median), with the same
// code in Node measured in the same run as the reference.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { build } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const entry = path.join(here, 'engine-entry.js');
const out = mkdtempSync(path.join(os.tmpdir(), 'cxs-engine-bundle-'));
const REPS = 15;
const REDRAW_REPS = 12;
const p95 = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

try {
  await build({
    logLevel: 'warn',
    configFile: false,
    build: { outDir: out, emptyOutDir: true, minify: true, lib: { entry, formats: ['iife'], name: 'engineBench', fileName: () => 'bundle.js' } },
  });
  const bundle = readFileSync(path.join(out, 'bundle.js'), 'utf8');

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage();
  await page.setContent('<!doctype html><title>engine bench</title>');
  await page.addScriptTag({ content: bundle });
  const inBrowser = await page.evaluate((reps) => globalThis.runBench(reps), REPS);
  const redrawBrowser = await page.evaluate((reps) => globalThis.runRedrawBench(reps), REDRAW_REPS);
  await browser.close();

  const { runBench, runRedrawBench } = await import('./engine-entry.js');
  const inNode = runBench(REPS);
  const redrawNode = runRedrawBench(REDRAW_REPS);

  const b = median(inBrowser.times.slice(2));
  const n = median(inNode.times.slice(2));
  console.log(`BENCH engine 5000x8 k=5 restarts=10 in Chromium          ${b.toFixed(1).padStart(8)} ms   target<=150  bundle=${(bundle.length / 1024).toFixed(0)}KiB`);
  console.log(`BENCH engine 5000x8 k=5 restarts=10 in Node (reference)  ${n.toFixed(1).padStart(8)} ms   ratio chromium/node=${(b / n).toFixed(2)}  same inertia=${Math.abs(inBrowser.inertia - inNode.inertia) < 1e-6}`);
  // The preview redraw after a weight change (first two repetitions are warm-up).
  const row = (name, xs, ref) => {
    const m = median(xs.slice(2));
    return `${name.padEnd(58)}${m.toFixed(1).padStart(8)} ms median  ${p95(xs.slice(2)).toFixed(1).padStart(8)} ms p95${ref === undefined ? '' : `   ratio=${(m / ref).toFixed(2)}`}`;
  };
  const coldB = median(redrawBrowser.cold.slice(2));
  const coldN = median(redrawNode.cold.slice(2));
  console.log(`BENCH preview redraw, 5000x15 k=5 restarts=3, ${REDRAW_REPS - 2} weight changes:`);
  console.log(`  ${row('Chromium, prepare again (the old path; reference)', redrawBrowser.cold)}`);
  console.log(`  ${row('Chromium, re-weight cached matrix (the preview now)', redrawBrowser.warm, coldB)}  (÷ reference)`);
  console.log(`  ${row('Node, prepare again (reference)', redrawNode.cold)}`);
  console.log(`  ${row('Node, re-weight cached matrix', redrawNode.warm, coldN)}  (÷ reference)`);
  console.log(`  same sizes on both paths: ${redrawBrowser.sizesCold === redrawBrowser.sizesWarm && redrawNode.sizesCold === redrawNode.sizesWarm}; Chromium = Node: ${redrawBrowser.sizesWarm === redrawNode.sizesWarm}`);
  console.log(`  load while measuring: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (1/5/15 min) on ${os.cpus().length} CPUs`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
