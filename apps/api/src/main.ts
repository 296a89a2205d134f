import { ConfigError, fail, prepareDatabase, readConfig } from './bootstrap.js';
import { createApp } from './app.factory.js';
import { seedOnStart } from './database/seed/seed-on-start.js';

const say = (s: string) => process.stdout.write(`cx-stream: ${s}\n`);

async function main(): Promise<void> {
  let config;
  try {
    config = readConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.problems);
    throw err;
  }
  const started = Date.now();
  const db = await prepareDatabase(config, say).catch((err: Error) => fail(err.message));
  const stopDb = async () => {
    await db.embedded?.stop().catch(() => undefined);
  };
  try {
    await seedOnStart(config, db.url, say);
  } catch (err) {
    await stopDb();
    fail(`could not load initial data: ${(err as Error).message}`);
  }
  const app = await createApp(config, db.url);
  try {
    await app.listen(config.port, config.host);
  } catch (err) {
    await app.close().catch(() => undefined);
    await stopDb();
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE') fail(`port ${config.port} is already in use: stop what is using it or set PORT to another port`);
    if (code === 'EACCES') fail(`no permission to listen on port ${config.port}: set PORT to a port above 1024`);
    fail(`could not start the server: ${(err as Error).message}`);
  }
  const port = (app.getHttpServer().address() as { port: number }).port;
  say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s — open http://localhost:${port}  (API http://localhost:${port}/api, docs /api/docs)`);
  if (config.demo) {
    say('demo accounts (password cxstream-demo): admin@demo.local, director@demo.local, owner1@demo.local, owner2@demo.local, product1@demo.local, product2@demo.local, analyst@demo.local');
  }
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await app.close().catch(() => undefined);
    await stopDb();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main();
