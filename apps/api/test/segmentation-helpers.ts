import type { Client } from './harness.js';

export const TERMINAL = ['succeeded', 'failed', 'cancelled'];

/** Polls a run until it ends (the worker thread runs it in the background). */
export async function waitForRun(c: Client, id: string, timeoutMs = 90_000): Promise<any> {
  const t0 = Date.now();
  for (;;) {
    const res = await c.request('GET', `/segmentation/runs/${id}`);
    if (res.status !== 200) throw new Error(`GET run ${id}: ${res.status} ${JSON.stringify(res.body)}`);
    if (TERMINAL.includes(res.body.status)) return res.body;
    if (Date.now() - t0 > timeoutMs) throw new Error(`run ${id} still ${res.body.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
