import pg from 'pg';
import { expect } from 'vitest';
import type { Client, Harness } from '../harness.js';

export const FINAL = ['validated', 'succeeded', 'failed', 'cancelled', 'undone', 'draft'];

/** POSTs a file as the raw body (how the admin and integrations send CSV). */
export async function upload(h: Harness, who: Client | { bearer: string }, query: Record<string, string>, body: Buffer | string, type = 'text/csv') {
  const headers: Record<string, string> = { 'content-type': type };
  if ('bearer' in who) headers.authorization = `Bearer ${who.bearer}`;
  else if (who.cookie) headers.cookie = who.cookie;
  const res = await fetch(`${h.base}/imports?${new URLSearchParams(query)}`, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as any };
}

export async function waitFor(c: Client, id: string, done: (imp: any) => boolean = (i) => FINAL.includes(i.status) && i.status !== 'draft', ms = 60_000) {
  const until = Date.now() + ms;
  for (;;) {
    const res = await c.request('GET', `/imports/${id}`);
    expect(res.status).toBe(200);
    if (done(res.body)) return res.body;
    if (Date.now() > until) throw new Error(`import ${id} still ${res.body.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Upload, then run for real with the guessed mapping; resolves with the final import. */
export async function importFile(h: Harness, c: Client, source: string, body: Buffer | string, opts: { mode?: string; mapping?: Record<string, string> } = {}) {
  const up = await upload(h, c, { source, fileName: `${source}.csv` }, body);
  expect(up.status).toBe(201);
  if (opts.mapping) expect((await c.request('PATCH', `/imports/${up.body.id}`, { mapping: opts.mapping })).status).toBe(200);
  const st = await c.request('POST', `/imports/${up.body.id}/start`, { mode: opts.mode ?? 'quarantine' });
  expect(st.status).toBe(200);
  return waitFor(c, up.body.id);
}

export const DOMAIN_TABLES = ['customers', 'deals', 'transactions', 'usage_records', 'survey_answers', 'interviews', 'products'];

/** A fingerprint of every domain table (every column of every row), computed in SQL. */
export async function snapshot(dbUrl: string): Promise<Record<string, string>> {
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  try {
    const out: Record<string, string> = {};
    for (const t of DOMAIN_TABLES) {
      const { rows } = await db.query(`SELECT count(*)::text || ':' || COALESCE(md5(string_agg(x::text, '|' ORDER BY x.id)), '') AS h FROM ${t} x`);
      out[t] = rows[0].h;
    }
    return out;
  } finally {
    await db.end();
  }
}

export async function sql<T = any>(dbUrl: string, text: string, params: unknown[] = []): Promise<T[]> {
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  try {
    return (await db.query(text, params)).rows as T[];
  } finally {
    await db.end();
  }
}
