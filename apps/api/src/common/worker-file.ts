import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The compiled worker `file` next to the module at `moduleUrl` (pass `import.meta.url`). Tests run the API from its
 * TypeScript sources, but a worker thread always runs compiled JavaScript: from src/ the file is looked up in dist/.
 */
export function compiledWorkerFile(moduleUrl: string, file: string, what: string): string {
  const here = fileURLToPath(new URL(`./${file}`, moduleUrl));
  if (existsSync(here)) return here;
  const dist = here.replace(`${'/'}src${'/'}`, '/dist/');
  if (existsSync(dist)) return dist;
  throw new Error(`${what} not found at ${here} or ${dist}: build the API first (pnpm build)`);
}
