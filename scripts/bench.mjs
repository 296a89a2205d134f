#!/usr/bin/env node
// `pnpm bench`: builds, then runs every package's benchmark one after another
// (they would disturb each other's timings in parallel). Figures are printed as
// `BENCH name value unit … ratio=…`; quote medians and ratios, not single runs.
import { spawnSync } from 'node:child_process';

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };
const r = spawnSync('pnpm', ['turbo', 'run', 'bench', '--concurrency=1', '--output-logs=full', ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
