import { BENCHES } from './index.js';

const only = process.env.BENCH?.split(',').filter(Boolean);
const names = Object.keys(BENCHES).filter((n) => !only || only.includes(n));
for (const name of names) {
  process.stdout.write(`\n# ${name}\n`);
  await BENCHES[name]();
}
if (!names.length) process.stdout.write(`no API benchmark matches BENCH=${process.env.BENCH ?? ''}\n`);
