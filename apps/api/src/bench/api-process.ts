import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Always the built server: from dist/bench it is ../main.js; from src/bench (tests) it is ../../dist/main.js. */
const MAIN = here.split(path.sep).includes('src') ? path.resolve(here, '../../dist/main.js') : path.resolve(here, '../main.js');

export interface ApiProcess {
  child: ChildProcess;
  base: string;
  output: () => string;
  /** Resident set size of the API process, from /proc (bytes). */
  rss(): number;
  /** CPU time (user + system) the API process has used so far, from /proc (seconds): less sensitive to machine load than wall time. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/** Starts the built API (dist/main.js) as its own process on a database URL, and waits until it listens. */
export async function spawnApi(databaseUrl: string, env: Record<string, string> = {}, port = 0): Promise<ApiProcess> {
  const p = port || 20_000 + Math.floor(Math.random() * 20_000);
  let out = '';
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(p),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      CXS_DATA_DIR: `/tmp/cxs-api-${p}`,
      CXS_ADMIN_DIST: '/nonexistent',
      CXS_SIGNIN_MAX_PER_ACCOUNT: '10000',
      CXS_SIGNIN_MAX_PER_IP: '10000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const base = `http://127.0.0.1:${p}/api`;
  const until = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API exited (${child.exitCode}):\n${out}`);
    try {
      const r = await fetch(`${base}/health`);
      if (r.ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > until) throw new Error(`API did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    base,
    output: () => out,
    rss() {
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        return m ? Number(m[1]) * 1024 : 0;
      } catch {
        return 0;
      }
    },
    cpuSeconds() {
      try {
        // Fields after the command name (which may contain spaces): utime and stime are the 12th and 13th.
        const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return (Number(f[11]) + Number(f[12])) / 100;
      } catch {
        return 0;
      }
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null && !child.signalCode) child.kill('SIGKILL');
    },
  };
}

export async function signIn(base: string, email: string, password = 'cxstream-demo'): Promise<string> {
  const res = await fetch(`${base}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`sign-in ${email}: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

/** Streams a file from disk as the body of an import upload. */
export async function uploadFile(base: string, cookie: string, file: string, query: Record<string, string>): Promise<{ id: string; status: string }> {
  const res = await fetch(`${base}/imports?${new URLSearchParams(query)}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'text/csv', 'content-length': String(statSync(file).size) },
    body: createReadStream(file) as unknown as RequestInit["body"],
    duplex: 'half',
  } as RequestInit);
  const body = (await res.json()) as { id: string; status: string };
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

export async function getJson<T = any>(base: string, cookie: string, p: string, method = 'GET', body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(base + p, {
    method,
    headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as T };
}
