// Starts the real product for the browser suite on a fresh database of the
// test server (DATABASE_URL), so every run begins from the same demo company.
import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';

const url = new URL(process.env.E2E_DATABASE_URL);
const name = url.pathname.slice(1);
const admin = new URL(url);
admin.pathname = '/postgres';
const client = new pg.Client({ connectionString: admin.toString() });
await client.connect();
await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
await client.end();

const main = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../api/dist/main.js');
const child = spawn(process.execPath, [main], { stdio: 'inherit', env: { ...process.env, DATABASE_URL: url.toString() } });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
