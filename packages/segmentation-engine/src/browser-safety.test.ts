import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { expect, test } from 'vitest';

const src = fileURLToPath(new URL('.', import.meta.url));

test('library modules import nothing from Node, so the entry bundles for browsers and workers', () => {
  const library = readdirSync(src).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.test-util.ts') && f !== 'cli.ts');
  expect(library).toContain('index.ts');
  expect(library).toContain('kmeans.ts');
  for (const file of library) {
    const text = readFileSync(src + file, 'utf8');
    const imports = Array.from(text.matchAll(/from\s+'([^']+)'/g), (m) => m[1]);
    for (const spec of imports) {
      // Only relative modules and ml-kmeans: no node:, fs, path, process…
      expect(spec === 'ml-kmeans' || spec.startsWith('./'), `${file} imports ${spec}`).toBe(true);
    }
    expect(text, `${file} touches process`).not.toMatch(/\bprocess\./);
  }
});

test('the built entry runs inside a worker thread and gives the same result as the main thread', async () => {
  const { Worker } = await import('node:worker_threads');
  const entry = new URL('../dist/index.js', import.meta.url).href;
  const code = `
    const { parentPort } = await import('node:worker_threads');
    const e = await import(${JSON.stringify(entry)});
    const data = Float64Array.from({ length: 400 }, (_, i) => ((i * 7919) % 101) / 10 + (i % 2 ? 5 : 0));
    const r = e.kmeans(data, 200, 2, { k: 3, seed: 11, restarts: 4 });
    parentPort.postMessage({ inertia: r.inertia, assignments: Array.from(r.assignments) });
  `;
  const fromWorker = await new Promise<{ inertia: number; assignments: number[] }>((resolve, reject) => {
    // A data: URL worker is an ES module, like the admin's Web Worker will be.
    const w = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`));
    w.once('message', (m: { inertia: number; assignments: number[] }) => {
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
  });
  const { kmeans } = await import('./kmeans.js');
  const data = Float64Array.from({ length: 400 }, (_, i) => ((i * 7919) % 101) / 10 + (i % 2 ? 5 : 0));
  const here = kmeans(data, 200, 2, { k: 3, seed: 11, restarts: 4 });
  expect(fromWorker.assignments).toEqual(Array.from(here.assignments));
  expect(fromWorker.inertia).toBe(here.inertia);
  expect(new Set(fromWorker.assignments).size).toBe(3);
});
