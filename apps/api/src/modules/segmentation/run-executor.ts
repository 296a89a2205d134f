import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import {
  chooseK,
  EngineError,
  pca2d,
  rfmScores,
  rfmSegment,
  RFM_TABLES,
  completeAbcdx,
  prepareAbcdx,
  sampleIndices,
  type ParameterSpec,
} from '@cxs/segmentation-engine';
import type { AbcdxSpec, ClusterDto, ModelSpec, OverlayDto, RfmSpec, RuleSpec } from '@cxs/contracts';
import { copyLines, csvField } from '../../database/copy.js';
import { lockForKeyShare, maySkipRowTriggers, withoutRowTriggers } from '../../database/set-checked.js';
import { FEATURE_CATALOGUE } from '../features/feature-catalogue.js';
import { computeAndStoreFeatures } from '../features/features.sql.js';
import { kmeansInThreads, kmeansThreadsFor } from './kmeans-threads.js';
import { memoryProfiler } from './memory-profile.js';
import { levelsToSql, paramCollector } from './rules.sql.js';

/** Thrown when the analyst cancelled the run: the run ends "cancelled", not "failed". */
export class RunCancelled extends Error {}
/** A failure whose message is meant for the analyst as is. */
export class RunFailure extends Error {}

const CATALOGUE = new Map(FEATURE_CATALOGUE.map((f) => [f.name, f]));
const ATTRIBUTES = ['industry', 'size_band', 'region'] as const;
const ATTRIBUTE_LABELS: Record<string, { en: string; ru: string }> = {
  industry: { en: 'industry', ru: 'отрасль' },
  size_band: { en: 'size band', ru: 'размер' },
  region: { en: 'region', ru: 'регион' },
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Test hook: CXS_RUN_PAUSE_AT=clustering:3000 or saving:3000 holds the run in that stage (used by the SIGKILL test). */
async function pauseHook(stage: string): Promise<void> {
  const spec = process.env.CXS_RUN_PAUSE_AT;
  if (!spec) return;
  const [at, ms] = spec.split(':');
  if (at === stage) await sleep(Number(ms) || 0);
}

interface RunRow {
  id: string;
  status: string;
  kind: string;
  as_of: string;
  lookback_months: number;
  seed: number;
  spec: ModelSpec;
  model_status: string;
}

/**
 * Runs one segmentation run to completion on its own connection: computing
 * features → clustering → saving. Progress goes to the run row as it goes;
 * the results and the members are written in ONE transaction at the end, so a
 * crash, a kill or a cancel before COMMIT leaves no trace of them.
 */
export async function executeRun(client: pg.ClientBase, runId: string): Promise<void> {
  const { rows } = await client.query<RunRow>(
    `SELECT r.id::text, r.status, r.kind, to_char(r.as_of, 'YYYY-MM-DD') AS as_of, r.lookback_months, r.seed, v.spec, m.status AS model_status
     FROM segmentation_runs r JOIN segmentation_model_versions v ON v.id = r.model_version_id JOIN segmentation_models m ON m.id = r.model_id
     WHERE r.id = $1`,
    [runId],
  );
  const run = rows[0];
  if (!run) throw new RunFailure(`run ${runId} does not exist`);
  if (run.model_status === 'archived') throw new RunFailure('The model was archived: an archived model cannot run. Restore it or use another model.');

  const stage = async (status: string, progress: number) => {
    const r = await client.query(
      `UPDATE segmentation_runs SET status = $2, progress = $3, started_at = COALESCE(started_at, now()) WHERE id = $1 AND NOT cancel_requested RETURNING id`,
      [runId, status, progress],
    );
    if (r.rowCount === 0) throw new RunCancelled('cancelled');
  };

  const mem = memoryProfiler(`run ${runId}`);
  mem('start');
  await stage('computing_features', 5);
  await client.query('BEGIN');
  let snap: { customers: number; nonPositiveMonetary: number };
  try {
    snap = await computeAndStoreFeatures((sql, p) => client.query(sql, p).then((r) => r.rows), run.as_of, run.lookback_months);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  const active = await client.query<{ n: number }>(
    `SELECT COUNT(*)::int AS n FROM customer_features WHERE as_of = $1 AND lookback_months = $2 AND frequency > 0`,
    [run.as_of, run.lookback_months],
  );
  if (snap.customers === 0 || active.rows[0].n === 0) {
    throw new RunFailure(
      `The feature window is empty: no customer has a charge in the ${run.lookback_months} months up to ${run.as_of}. Pick an as-of date inside the data or a longer lookback.`,
    );
  }
  mem('features');
  await stage('clustering', 25);
  await pauseHook('clustering');

  let members: { ids: string[]; labels: string[] };
  let results: Record<string, unknown>;
  if (run.spec.kind === 'abcdx') ({ members, results } = await clusterAbcdx(client, run, run.spec, mem));
  else if (run.spec.kind === 'rfm') ({ members, results } = await clusterRfm(client, run, run.spec));
  else ({ members, results } = await evaluateRules(client, run, run.spec as RuleSpec));

  mem('clustered');
  await stage('saving', 80);
  await client.query('BEGIN');
  try {
    // Streamed from the id and label arrays as CSV lines: no array per member at 1,000,000 customers;
    // the run id and each distinct label are quoted once.
    const quotedRun = csvField(runId);
    const quotedLabels = new Map<string, string>();
    function* memberLines(prefix: string): Generator<string> {
      for (let i = 0; i < members.ids.length; i++) {
        const label = members.labels[i];
        let q = quotedLabels.get(label);
        if (q === undefined) quotedLabels.set(label, (q = csvField(label)));
        yield `${prefix}${csvField(members.ids[i])},${q}`;
      }
    }
    const stored = await saveMembers(client, runId, memberLines, quotedRun);
    mem('members copied');
    // Revenue per group in exact numeric (LTV), box-plot whiskers, in SQL over the members just written.
    const rev = await client.query<{ label: string; revenue: string }>(
      `SELECT m.label, COALESCE(SUM(cf.ltv), 0)::numeric(14,2)::text AS revenue
       FROM segmentation_run_members m JOIN customer_features cf ON cf.customer_id = m.customer_id AND cf.as_of = $2 AND cf.lookback_months = $3
       WHERE m.run_id = $1 GROUP BY m.label`,
      [runId, run.as_of, run.lookback_months],
    );
    const revenue = new Map(rev.rows.map((r) => [r.label, r.revenue]));
    const clusters = results.clusters as ClusterDto[];
    for (const c of clusters) c.revenue = revenue.get(c.label) ?? '0.00';
    const groups = results.rfmGroups as { segment: string; revenue: string }[] | null;
    if (groups) for (const g of groups) g.revenue = revenue.get(g.segment) ?? '0.00';
    await pauseHook('saving');
    const done = await client.query(
      `UPDATE segmentation_runs SET status = 'succeeded', progress = 100, results = $2, customer_count = $3, finished_at = now(), error = NULL
       WHERE id = $1 AND NOT cancel_requested RETURNING id`,
      [runId, JSON.stringify(results), stored],
    );
    if (done.rowCount === 0) throw new RunCancelled('cancelled');
    await client.query('COMMIT');
    mem('saved');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/**
 * Writes the run's members; returns how many were stored. 1,000,000 members
 * through the per-row RI triggers of their two foreign keys took 12 s of a 1M
 * run's saving stage, so — as the import merge and the feature snapshot do
 * (ADR 0009, `set-checked.ts`) — the references are checked for the whole set
 * when that is permitted and equivalent: the rows are copied into a temp
 * table, the run row and every referenced customer are locked FOR KEY SHARE in
 * one statement each (the locks the triggers would take), members of
 * customers deleted since the matrix was read are dropped (the cascade would
 * have removed them), and one INSERT runs without row triggers.
 */
async function saveMembers(client: pg.ClientBase, runId: string, lines: (prefix: string) => Iterable<string>, quotedRun: string): Promise<number> {
  const rowsOf = async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows;
  if (!(await maySkipRowTriggers(rowsOf, 'segmentation_run_members', ['customer_id>customers', 'run_id>segmentation_runs']))) {
    await copyLines(client, 'segmentation_run_members', ['run_id', 'customer_id', 'label'], lines(`${quotedRun},`));
    const [{ n }] = await rowsOf(`SELECT COUNT(*)::int AS n FROM segmentation_run_members WHERE run_id = $1`, [runId]);
    return n;
  }
  await client.query(`CREATE TEMP TABLE cxs_run_members (customer_id bigint NOT NULL, label varchar(64) NOT NULL) ON COMMIT DROP`);
  await copyLines(client, 'cxs_run_members', ['customer_id', 'label'], lines(''));
  const run = await rowsOf(`SELECT 1 FROM segmentation_runs WHERE id = $1 FOR KEY SHARE`, [runId]);
  if (run.length === 0) throw new RunFailure('The run was deleted while it was being saved.');
  await pauseHook('members-locking');
  const [{ total }] = await rowsOf(`SELECT COUNT(*)::int AS total FROM cxs_run_members`);
  // An inner join (one temp row per customer), not EXISTS: the temp table has no statistics.
  const locked = await lockForKeyShare(rowsOf, 'c', `customers c JOIN cxs_run_members m ON m.customer_id = c.id`);
  if (locked !== total) await client.query(`DELETE FROM cxs_run_members m WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = m.customer_id)`);
  return withoutRowTriggers(rowsOf, async () => {
    const res = await client.query(`INSERT INTO segmentation_run_members (run_id, customer_id, label) SELECT $1, customer_id, label FROM cxs_run_members`, [runId]);
    return res.rowCount ?? 0;
  });
}

/**
 * The feature matrix streamed with COPY into typed arrays: never one object
 * per customer. Row-major n × (d + 1): the model's columns, then LTV (the
 * revenue column), so the engine reads it in place without a widened copy.
 * Attribute values are interned (a handful of distinct strings shared by a
 * million rows).
 */
async function readMatrix(client: pg.ClientBase, asOf: string, lookback: number, columns: string[]) {
  const countRes = await client.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM customer_features WHERE as_of = $1 AND lookback_months = $2`, [asOf, lookback]);
  const n = countRes.rows[0].n;
  const d = columns.length;
  const w = d + 1;
  const values = new Float64Array(n * w);
  const mask = new Uint8Array(n * w);
  const ids: string[] = new Array(n);
  const attrs: Record<string, (string | null)[]> = Object.fromEntries(ATTRIBUTES.map((a) => [a, new Array(n)]));
  const interned = new Map<string, string>();
  const intern = (s: string) => {
    const known = interned.get(s);
    if (known !== undefined) return known;
    interned.set(s, s);
    return s;
  };
  const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const sql = `COPY (SELECT cf.customer_id, ${columns.map((c) => `cf.${c}::float8`).join(', ')}, cf.ltv::float8, ${ATTRIBUTES.map((a) => `c.${a}`).join(', ')}
    FROM customer_features cf JOIN customers c ON c.id = cf.customer_id
    WHERE cf.as_of = ${lit(asOf)} AND cf.lookback_months = ${Number(lookback)} ORDER BY cf.customer_id) TO STDOUT`;
  const stream = client.query(copyStreams.to(sql));
  let row = 0;
  let rest = '';
  const unescape = (s: string) => (s === '\\N' ? null : intern(s.includes('\\') ? s.replace(/\\(.)/g, (_, ch: string) => (ch === 't' ? '\t' : ch === 'n' ? '\n' : ch)) : s));
  const handle = (line: string) => {
    if (!line || row >= n) return;
    const f = line.split('\t');
    ids[row] = f[0];
    for (let j = 0; j <= d; j++) {
      const v = f[1 + j];
      if (v === '\\N') mask[row * w + j] = 1;
      else values[row * w + j] = Number(v);
    }
    ATTRIBUTES.forEach((a, k) => (attrs[a][row] = unescape(f[2 + d + k])));
    row++;
  };
  for await (const chunk of stream) {
    const text = rest + (chunk as Buffer).toString('utf8');
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) handle(line);
  }
  handle(rest);
  return {
    n: row,
    d,
    ids: row === n ? ids : ids.slice(0, row),
    values: row === n ? values : values.slice(0, row * w),
    mask: row === n ? mask : mask.slice(0, row * w),
    attrs: row === n ? attrs : Object.fromEntries(ATTRIBUTES.map((a) => [a, attrs[a].slice(0, row)])),
  };
}

function explainOverlay(o: { attribute: string; flagged: { cluster: string; value: string; count: number; lift: number; residual: number; flag: string; direction: string }[] }) {
  const name = ATTRIBUTE_LABELS[o.attribute] ?? { en: o.attribute, ru: o.attribute };
  return o.flagged.slice(0, 4).map((c) => {
    const times = c.lift.toFixed(1);
    const kindEn = c.flag === 'anomaly' ? 'Anomaly' : 'Pattern';
    const kindRu = c.flag === 'anomaly' ? 'Аномалия' : 'Закономерность';
    return c.direction === 'over'
      ? {
          en: `${kindEn}: ${name.en} "${c.value}" is ${times}× as common in ${c.cluster} as in the whole base (${c.count} customers, residual ${c.residual.toFixed(1)}).`,
          ru: `${kindRu}: ${name.ru} «${c.value}» встречается в ${c.cluster} в ${times} раза чаще, чем во всей базе (${c.count} клиентов, остаток ${c.residual.toFixed(1)}).`,
        }
      : {
          en: `${kindEn}: ${name.en} "${c.value}" is rare in ${c.cluster} — ${times}× its share in the whole base (${c.count} customers, residual ${c.residual.toFixed(1)}).`,
          ru: `${kindRu}: ${name.ru} «${c.value}» редко встречается в ${c.cluster} — ${times} от доли во всей базе (${c.count} клиентов, остаток ${c.residual.toFixed(1)}).`,
        };
  });
}

async function clusterAbcdx(client: pg.ClientBase, run: RunRow, spec: AbcdxSpec, mem: (stage: string) => void = () => undefined) {
  if (!Array.isArray(spec.parameters) || spec.parameters.length === 0) throw new RunFailure('The model has no parameters: pick at least one feature.');
  const columns = spec.parameters.map((p) => p.column);
  for (const c of columns) if (!CATALOGUE.has(c)) throw new RunFailure(`Unknown feature "${c}" in the model.`);
  const m = await readMatrix(client, run.as_of, run.lookback_months, columns);
  mem('matrix read');
  const params: ParameterSpec[] = spec.parameters.map((p) => ({
    column: p.column,
    direction: p.direction,
    transform: p.transform,
    clip: p.clip ?? undefined,
    weight: p.weight,
    role: p.role,
    label: CATALOGUE.get(p.column)!.labelEn,
    labelRu: CATALOGUE.get(p.column)!.labelRu,
  }));
  // The engine prepares its matrix in the memory of `values` (valuesReusable: nothing here reads them again).
  // The matrix k-means reads is shared memory: its starts run in this thread and helper threads (kmeans-threads.ts).
  const half = prepareAbcdx({ ids: m.ids, columns: [...columns, '__ltv'], values: m.values, missingMask: m.mask, valuesReusable: true }, params, {
    sharedData: true,
    standardise: spec.standardise,
    missing: spec.missing,
    k: spec.k,
    seed: spec.seed,
    restarts: spec.restarts,
    revenueColumn: '__ltv',
    attributes: m.attrs,
    attributeLabels: ATTRIBUTE_LABELS,
    onStage: (s) => mem(`engine ${s}`),
  });
  const { data, n, d } = half.prepared;
  const threaded = await kmeansInThreads(data, n, d, half.kmeansOptions, kmeansThreadsFor(n));
  mem(`engine k-means starts per thread ${threaded.startsPerThread.join('+')}`);
  const abcdx = completeAbcdx(half, threaded.result);
  mem('engine overlay');
  // k-choice and the scatter on a seeded sample of the matrix k-means ran on (prepared once, not again).
  const prepared = abcdx.prepared;
  const sample = sampleIndices(prepared.n, Math.min(prepared.n, 4000), spec.seed);
  const sd = new Float64Array(sample.length * prepared.d);
  sample.forEach((i, r) => sd.set(prepared.data.subarray(i * prepared.d, (i + 1) * prepared.d), r * prepared.d));
  let kChoice: { k: number; inertia: number; silhouette: number }[] | null = null;
  try {
    kChoice = chooseK({ data: sd, n: sample.length, d: prepared.d }, { seed: spec.seed, kMin: 2, kMax: 8, restarts: 3, sampleSize: 1500 }).points.map((p) => ({
      k: p.k,
      inertia: p.inertia,
      silhouette: p.silhouette,
    }));
  } catch (err) {
    if (!(err instanceof EngineError)) throw err;
  }
  const scatterN = Math.min(sample.length, 2000);
  const pca = prepared.d >= 2 ? pca2d({ data: sd.subarray(0, scatterN * prepared.d), n: scatterN, d: prepared.d }) : null;
  const scatter = pca
    ? {
        points: Array.from({ length: scatterN }, (_, r) => [round(pca.coordinates[r * 2]), round(pca.coordinates[r * 2 + 1]), abcdx.labels[sample[r]]] as [number, number, string]),
        explained: pca.explainedVarianceRatio,
      }
    : null;
  mem('k-choice and PCA');
  // Box-plot whiskers: min and max of the observed values per cluster and parameter, in one pass.
  const pd = prepared.d;
  const lo = new Float64Array(abcdx.k * pd).fill(Infinity);
  const hi = new Float64Array(abcdx.k * pd).fill(-Infinity);
  for (let i = 0; i < prepared.n; i++) {
    const base = abcdx.assignments[i] * pd;
    for (let j = 0; j < pd; j++) {
      const v = prepared.original[i * pd + j];
      if (Number.isNaN(v)) continue;
      if (v < lo[base + j]) lo[base + j] = v;
      if (v > hi[base + j]) hi[base + j] = v;
    }
  }
  const clusters: ClusterDto[] = abcdx.clusters.map((c) => ({
    label: c.label,
    reason: c.reason,
    description: c.description,
    size: c.size,
    share: c.share,
    revenue: '0.00',
    revenueShare: c.revenueShare ?? 0,
    valueScore: c.valueScore,
    growthScore: c.growthScore,
    profile: c.profile.map((p, j) => {
      const cat = CATALOGUE.get(p.column)!;
      return { column: p.column, labelEn: cat.labelEn, labelRu: cat.labelRu, unit: cat.unit, median: p.median, p25: p.p25, p75: p.p75, overallMedian: p.overallMedian, min: lo[c.index * pd + j], max: hi[c.index * pd + j] };
    }),
  }));
  const overlay: OverlayDto[] = (abcdx.overlay ?? []).map((o) => ({
    attribute: o.attribute,
    clusters: o.clusters,
    values: o.values,
    counts: o.counts,
    cells: o.cells.map((c) => ({ cluster: c.cluster, value: c.value, count: c.count, lift: c.lift, residual: c.residual, flag: c.flag, direction: c.direction })),
    chiSquare: o.chiSquare,
    pValue: o.pValue,
    cramersV: o.cramersV,
    explanations: explainOverlay(o),
  }));
  return {
    members: { ids: abcdx.ids, labels: abcdx.labels },
    results: { clusters, kChoice, scatter, overlay, rfmGrid: null, rfmGroups: null, inertia: abcdx.inertia, restarts: abcdx.restarts, excluded: abcdx.missing.excludedIds.length },
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Generic per-group profile in SQL (RFM groups and rule levels): size, quartiles, min/max of a few features. */
async function sqlClusters(client: pg.ClientBase, run: RunRow, labels: Map<string, string>, ids: string[], columns: string[], reasons: (label: string) => { en: string; ru: string }) {
  // Only called after members are known; computed over the snapshot joined with a VALUES list would be large — use arrays.
  const profileSql = columns
    .map(
      (c) =>
        `jsonb_build_object('column', '${c}', 'p25', percentile_cont(0.25) WITHIN GROUP (ORDER BY cf.${c}::float8), 'median', percentile_cont(0.5) WITHIN GROUP (ORDER BY cf.${c}::float8), 'p75', percentile_cont(0.75) WITHIN GROUP (ORDER BY cf.${c}::float8), 'min', MIN(cf.${c})::float8, 'max', MAX(cf.${c})::float8)`,
    )
    .join(', ');
  const { rows } = await client.query<{ label: string; size: number; ltv: number; profile: { column: string; p25: number; median: number; p75: number; min: number; max: number }[] }>(
    `WITH m AS (SELECT unnest($3::bigint[]) AS customer_id, unnest($4::text[]) AS label)
     SELECT m.label, COUNT(*)::int AS size, COALESCE(SUM(cf.ltv), 0)::float8 AS ltv, jsonb_build_array(${profileSql}) AS profile
     FROM m JOIN customer_features cf ON cf.customer_id = m.customer_id AND cf.as_of = $1 AND cf.lookback_months = $2
     GROUP BY m.label ORDER BY m.label`,
    [run.as_of, run.lookback_months, ids, ids.map((id) => labels.get(id))],
  );
  const overall = await client.query<{ column: string; median: number }>(
    `SELECT x.col AS "column", x.median FROM (SELECT ${columns.map((c) => `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${c}::float8) AS ${c}`).join(', ')} FROM customer_features WHERE as_of = $1 AND lookback_months = $2) s,
     LATERAL (VALUES ${columns.map((c) => `('${c}', s.${c})`).join(', ')}) AS x(col, median)`,
    [run.as_of, run.lookback_months],
  );
  const overallMedian = new Map(overall.rows.map((r) => [r.column, r.median]));
  const total = ids.length;
  const totalLtv = rows.reduce((s, r) => s + r.ltv, 0);
  return rows.map((r): ClusterDto => ({
    label: r.label,
    reason: reasons(r.label),
    description: { en: '', ru: '' },
    size: r.size,
    share: r.size / total,
    revenue: '0.00',
    revenueShare: totalLtv !== 0 ? r.ltv / totalLtv : 0,
    valueScore: 0,
    growthScore: null,
    profile: r.profile.map((p) => {
      const cat = CATALOGUE.get(p.column)!;
      return { ...p, labelEn: cat.labelEn, labelRu: cat.labelRu, unit: cat.unit, overallMedian: overallMedian.get(p.column) ?? 0 };
    }),
  }));
}

async function clusterRfm(client: pg.ClientBase, run: RunRow, spec: RfmSpec) {
  const table = RFM_TABLES[spec.table as keyof typeof RFM_TABLES] ?? RFM_TABLES['rf-grid-10' as keyof typeof RFM_TABLES];
  if (!table) throw new RunFailure(`Unknown RFM table "${spec.table}".`);
  const { rows } = await client.query<{ id: string; r: number; f: number; m: number }>(
    `SELECT customer_id::text AS id, recency_days::float8 AS r, frequency::float8 AS f, monetary::float8 AS m
     FROM customer_features WHERE as_of = $1 AND lookback_months = $2 AND frequency > 0 ORDER BY customer_id`,
    [run.as_of, run.lookback_months],
  );
  const rs = rfmScores(rows.map((x) => x.r), { descending: true });
  const fs = rfmScores(rows.map((x) => x.f));
  const ms = rfmScores(rows.map((x) => x.m));
  const labels = new Map<string, string>();
  const names = new Map<string, { en: string; ru: string }>();
  const grid = new Map<string, { customers: number; monetary: number }>();
  rows.forEach((x, i) => {
    const seg = rfmSegment(rs[i], fs[i], ms[i], table);
    labels.set(x.id, seg.segment);
    names.set(seg.segment, seg.label);
    const key = `${rs[i]}:${fs[i]}`;
    const g = grid.get(key) ?? { customers: 0, monetary: 0 };
    g.customers++;
    g.monetary += x.m;
    grid.set(key, g);
  });
  const ids = rows.map((x) => x.id);
  const clusters = await sqlClusters(client, run, labels, ids, ['recency_days', 'frequency', 'monetary'], (l) => names.get(l) ?? { en: l, ru: l });
  const rfmGrid = [...grid.entries()].map(([k, g]) => {
    const [r, f] = k.split(':').map(Number);
    return { r, f, customers: g.customers, meanMonetary: g.monetary / g.customers };
  });
  const rfmGroups = clusters.map((c) => ({ segment: c.label, label: names.get(c.label) ?? { en: c.label, ru: c.label }, customers: c.size, revenue: '0.00' }));
  return {
    members: { ids, labels: ids.map((id) => labels.get(id)!) },
    results: { clusters, kChoice: null, scatter: null, overlay: [], rfmGrid, rfmGroups, inertia: null, restarts: null },
  };
}

async function evaluateRules(client: pg.ClientBase, run: RunRow, spec: RuleSpec) {
  const { params, param } = paramCollector(3);
  const expr = levelsToSql(spec.levels, param);
  const { rows } = await client.query<{ id: string; label: string }>(
    `SELECT * FROM (SELECT cf.customer_id::text AS id, ${expr} AS label FROM customer_features cf JOIN customers c ON c.id = cf.customer_id
      WHERE cf.as_of = $1 AND cf.lookback_months = $2) x WHERE label IS NOT NULL ORDER BY id::bigint`,
    [run.as_of, run.lookback_months, ...params],
  );
  if (rows.length === 0) throw new RunFailure('No customer matches any level of the rules.');
  const labels = new Map(rows.map((r) => [r.id, r.label]));
  const ids = rows.map((r) => r.id);
  const clusters = await sqlClusters(client, run, labels, ids, ['ltv', 'frequency', 'modules_used', 'active_users_last'], (l) => ({ en: `Customers matching the rule of level ${l}`, ru: `Клиенты, подходящие под правило уровня ${l}` }));
  return { members: { ids, labels: ids.map((id) => labels.get(id)!) }, results: { clusters, kChoice: null, scatter: null, overlay: [], rfmGrid: null, rfmGroups: null, inertia: null, restarts: null } };
}
