import { createReadStream, createWriteStream, mkdirSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { getJson, signIn, spawnApi, uploadFile } from './api-process.js';
import { median, percentile, recreateDatabase, report } from './util.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3);

/** A billing export: decimal comma, DD.MM.YYYY, semicolons (the harder path for the parser). */
async function writeFile(file: string, customers: string[], products: string[], run: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('Код;Клиент;Продукт;Дата;Сумма;Скидка;Тип;Просрочка\n');
  let buf = '';
  for (let i = 0; i < ROWS; i++) {
    const d = 1 + (i % 28);
    const m = 1 + (i % 12);
    const amount = ((i * 7919) % 100_000) / 100 + 1;
    buf += `R${run}-${i};${customers[i % customers.length]};${products[i % products.length]};${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.2024;${amount.toFixed(2).replace('.', ',')};0;payment;${i % 17 === 0 ? 'да' : 'нет'}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

/**
 * 1,000,000 transaction rows from CSV through the API (upload → job → staging
 * COPY → merge), timed from the first byte sent to "succeeded", with the API
 * process's peak RSS; reference: a plain COPY of the same file into an
 * unindexed text table, measured in the same run. Each run imports into the
 * same database: the previous run is undone (through the API) and the table
 * vacuumed between runs, untimed.
 */
export async function importBench(): Promise<void> {
  const url = await recreateDatabase('cxs_bench_import');
  const api = await spawnApi(url, { CXS_DEMO_CUSTOMERS: '2000', LOG_LEVEL: 'error', CXS_IMPORT_TRACE: '1' });
  try {
    const cookie = await signIn(api.base, 'analyst@demo.local');
    const idle = api.rss();
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const customers = (await db.query(`SELECT external_id FROM customers ORDER BY id`)).rows.map((r) => r.external_id);
    const products = (await db.query(`SELECT external_id FROM products ORDER BY id`)).rows.map((r) => r.external_id);
    mkdirSync('/tmp/cxs-bench', { recursive: true });
    const times: number[] = [];
    const copies: number[] = [];
    const phases: Record<string, number[]> = {};
    let peak = 0;
    for (let run = 0; run < RUNS; run++) {
      const file = `/tmp/cxs-bench/transactions-${run}.csv`;
      await writeFile(file, customers, products, run);
      const size = statSync(file).size;
      // Reference: plain COPY of the same bytes.
      await db.query(`DROP TABLE IF EXISTS bench_copy; CREATE UNLOGGED TABLE bench_copy (a text, b text, c text, d text, e text, f text, g text, h text)`);
      const t0 = performance.now();
      await pipeline(createReadStream(file), db.query(copyStreams.from(`COPY bench_copy FROM STDIN WITH (FORMAT csv, DELIMITER ';', HEADER true)`)));
      copies.push(performance.now() - t0);
      await db.query(`DROP TABLE bench_copy`);

      let runPeak = 0;
      const sampler = setInterval(() => (runPeak = Math.max(runPeak, api.rss())), 50);
      const t1 = performance.now();
      const up = await uploadFile(api.base, cookie, file, { source: 'transactions', fileName: 'bench.csv', start: 'true' });
      let imp: any;
      for (;;) {
        imp = (await getJson(api.base, cookie, `/imports/${up.id}`)).body;
        if (['succeeded', 'failed', 'cancelled'].includes(imp.status)) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const ms = performance.now() - t1;
      clearInterval(sampler);
      if (imp.status !== 'succeeded' || imp.rowsInserted !== ROWS) throw new Error(`import ${imp.status}: ${imp.error} (${imp.rowsInserted} inserted)`);
      times.push(ms);
      // Phase timings from the runner's trace ("import <id>: <phase> at <ms> ms"), as durations.
      let prev = 0;
      for (const m of api.output().matchAll(new RegExp(`^import ${up.id}: (.+) at (\\d+) ms$`, 'gm'))) {
        const at = Number(m[2]);
        (phases[m[1]] ??= []).push(at - prev);
        prev = at;
      }
      peak = Math.max(peak, runPeak);
      process.stdout.write(`  run ${run + 1}: ${(ms / 1000).toFixed(2)} s, ${(size / 1024 ** 2).toFixed(0)} MiB, peak RSS ${(runPeak / 1024 ** 2).toFixed(0)} MiB, plain COPY ${(copies[run] / 1000).toFixed(2)} s\n`);
      // Untimed: undo the import through the API and vacuum, so every run imports into the same database
      // (before, each run found the previous runs' million rows in the table and its indexes and took longer).
      if (run + 1 < RUNS) {
        const undo = await getJson(api.base, cookie, `/imports/${up.id}/undo`, 'POST', {});
        if (undo.status >= 300) throw new Error(`undo import ${up.id}: ${undo.status} ${JSON.stringify(undo.body)}`);
        await db.query(`VACUUM (ANALYZE) transactions`);
      }
    }
    await db.end();
    const t = median(times);
    const c = median(copies);
    const rollups = phases['after-merge hooks (P&L rollups)'] ?? times.map(() => 0);
    const without = times.map((x, i) => x - rollups[i]);
    const tw = median(without);
    process.stdout.write(`  (${RUNS} runs; p95 of ${RUNS} runs is their slowest; machine load average now ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')})\n`);
    report(`import ${ROWS} transactions CSV via API (median)`, t / 1000, 's', { target: 30, p95_s: percentile(times, 95) / 1000, ratio_to_plain_copy: t / c, plain_copy_s: c / 1000, rows_per_s: Math.round(ROWS / (t / 1000)) });
    report(`  same, without the P&L rollup phase (median)`, tw / 1000, 's', { p95_s: percentile(without, 95) / 1000, ratio_to_plain_copy: tw / c, rollup_phase_s: median(rollups) / 1000 });
    report('  plain COPY of the same file (reference, median)', c / 1000, 's', { p95_s: percentile(copies, 95) / 1000 });
    report('import API peak RSS', peak / 1024 ** 2, 'MiB', { target: 300, idle_rss_mib: idle / 1024 ** 2 });
    for (const [phase, ds] of Object.entries(phases)) {
      report(`  phase: ${phase} (median)`, median(ds) / 1000, 's', { p95_s: percentile(ds, 95) / 1000, share_of_total: median(ds) / t, ratio_to_plain_copy: median(ds) / c });
    }
  } finally {
    await api.stop();
  }
}
