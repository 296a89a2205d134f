#!/usr/bin/env node
// The one test command: builds, makes sure a PostgreSQL is there (DATABASE_URL,
// else a throwaway embedded one), runs unit + API integration tests in every
// package, then the Playwright suite against the real stack. Non-zero on any failure.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', CXS_TEST_RUN: String(process.pid) };
const results = [];

function run(name, cmd, args) {
  return new Promise((resolve) => {
    process.stdout.write(`\n=== ${name}: ${cmd} ${args.join(' ')}\n`);
    const child = spawn(cmd, args, { cwd: root, env, stdio: 'inherit' });
    child.on('exit', (code) => {
      results.push({ name, ok: code === 0 });
      resolve(code === 0);
    });
  });
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function startEmbedded() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cxs-test-pg-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['apps/api/dist/cli.js', 'embedded-db', '--dir', dir, '--port', String(port)], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited with ${code}`)));
  });
  return {
    url: String(url).replace(/\/cxstream$/, '/postgres'),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

let embedded = null;
let ok = await run('build', 'pnpm', ['turbo', 'run', 'build']);
if (ok) {
  if (!env.DATABASE_URL) {
    embedded = await startEmbedded();
    env.DATABASE_URL = embedded.url;
    process.stdout.write(`DATABASE_URL unset: using a throwaway embedded PostgreSQL at ${embedded.url}\n`);
  } else {
    process.stdout.write(`using the PostgreSQL server of DATABASE_URL\n`);
  }
  try {
    await run('unit and integration', 'pnpm', ['turbo', 'run', 'test', '--concurrency=1', '--filter=!@cxs/e2e']);
    await run('browser (Playwright)', 'pnpm', ['--filter', '@cxs/e2e', 'test']);
  } finally {
    await embedded?.stop();
  }
}
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
for (const r of results) process.stdout.write(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name}\n`);
process.stdout.write(`suites: ${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 && results.length === 3 ? 0 : 1);
