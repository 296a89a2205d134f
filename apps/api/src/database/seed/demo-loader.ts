import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_IMPORTS, DEMO_PASSWORD, demoImportTimes, generateDemoCompany, type DemoImportSource } from '@cxs/demo-company';
import type pg from 'pg';
import { hashPassword } from '../../auth/password.js';
import { copyRows } from '../copy.js';
import { loadWorkspaceDemo } from './workspace-loader.js';
import { refreshRollups } from '../../modules/pnl/rollups.js';
import { DEFAULT_ABCDX_SPEC, DEFAULT_MATURITY_SPEC, DEFAULT_RFM_SPEC } from '../../modules/segmentation/model-spec.js';

export interface DemoLoadOptions {
  customers: number;
  seed: number;
  /** Where the hidden behavioural types go (never into the product's tables). */
  hiddenTypesFile?: string;
  /** Queue a first run of the default ABCDX and RFM models (default true). */
  queueRuns?: boolean;
  /** Billing rows × this (default 1); benchmarks use it to reach 10M / 30M transactions. */
  transactionScale?: number;
  /** Build the P&L rollups (default true); the segmentation bench at 1M customers skips them (minutes it does not need). */
  rollups?: boolean;
}

const IDENTITY_TABLES = ['products', 'customers', 'deals', 'transactions', 'usage_records', 'survey_answers', 'interviews', 'segments', 'segment_memberships'];

/**
 * Loads the demo company in one transaction: users (password cxstream-demo),
 * products, customers, deals, transactions, usage, surveys, interviews,
 * segments and memberships. Big tables stream through COPY.
 */
export async function loadDemoCompany(client: pg.ClientBase, options: DemoLoadOptions): Promise<Record<string, number>> {
  const demo = generateDemoCompany({ customers: options.customers, seed: options.seed, transactionScale: options.transactionScale });
  const counts: Record<string, number> = {};
  await client.query('BEGIN');
  try {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const userIds = new Map<string, string>();
    const ownerId = (key: string) => {
      const id = userIds.get(key);
      if (!id) throw new Error(`demo data refers to unknown user ${key}`);
      return id;
    };
    for (const u of demo.users) {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
        [u.email, u.name, u.role, passwordHash],
      );
      userIds.set(u.key, rows[0].id);
    }
    counts.users = demo.users.length;
    // Each source's initial load is recorded as a finished import by the analyst (with the preset saved
    // for that system), and its rows carry the import's id, so the history and undo tell the truth.
    const analyst = demo.users.find((u) => u.role === 'analyst');
    const importIds = await recordDemoImports(client, analyst ? ownerId(analyst.key) : null, demo.options.endDate);
    const withImport = <T>(source: DemoImportSource, cols: string[], map: (row: T) => unknown[] = (row) => cols.map((c) => (row as Record<string, unknown>)[c])) =>
      [[...cols, 'import_id'], (row: T) => [...map(row), importIds[source]]] as [string[], (row: T) => unknown[]];
    counts.products = await copyRowsWith(
      client,
      'products',
      demo.products,
      withImport('products', ['id', 'external_id', 'name', 'description', 'tier', 'price', 'unit_cost', 'cost_share', 'modules', 'owner_id'], (p: (typeof demo.products)[number]) => [
        p.id, p.external_id, p.name, p.description, p.tier, p.price, p.unit_cost, p.cost_share, p.modules, ownerId(p.owner_key),
      ]),
    );
    counts.customers = await copyRowsWith(client, 'customers', demo.customers(), withImport('customers', ['id', 'external_id', 'name', 'industry', 'size_band', 'employees', 'region', 'business_model', 'acquisition_channel', 'cac', 'support_level', 'first_seen', 'email', 'phone']));
    counts.deals = await copyRowsWith(client, 'deals', demo.deals(), withImport('deals', ['id', 'external_id', 'customer_id', 'product_id', 'opened_on', 'closed_on', 'status', 'amount']));
    counts.transactions = await copyRowsWith(
      client,
      'transactions',
      demo.transactions(),
      withImport('transactions', ['id', 'external_id', 'customer_id', 'product_id', 'occurred_on', 'amount', 'quantity', 'discount', 'cost', 'type', 'overdue', 'order_id']),
    );
    counts.usage = await copyRowsWith(client, 'usage_records', demo.usage(), withImport('usage', ['customer_id', 'period', 'active_users', 'events', 'modules_used']));
    counts.surveys = await copyRowsWith(client, 'survey_answers', demo.surveys(), withImport('surveys', ['id', 'external_id', 'customer_id', 'answered_on', 'nps', 'csat', 'reason']));
    counts.interviews = await copyRowsWith(
      client,
      'interviews',
      demo.interviews,
      withImport('interviews', ['id', 'external_id', 'customer_id', 'interviewed_on', 'business_context', 'people_context', 'triggers', 'notes', 'jobs', 'outcome_ratings'], (i: (typeof demo.interviews)[number]) => [
        i.id, i.external_id, i.customer_id, i.interviewed_on, i.business_context, i.people_context, i.triggers, i.notes, JSON.stringify(i.jobs), i.outcome_ratings,
      ]),
    );
    await finishDemoImports(client, importIds, {
      products: counts.products,
      customers: counts.customers,
      deals: counts.deals,
      transactions: counts.transactions,
      usage: counts.usage,
      surveys: counts.surveys,
      interviews: counts.interviews,
    });
    const segmentIds = new Map<string, string>();
    for (const s of demo.segments) {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO segments (name, description, behaviour_factor, owner_id, source) VALUES ($1, $2, $3, $4, 'manual') RETURNING id::text AS id`,
        [s.name, s.description, s.behaviour_factor, ownerId(s.owner_key)],
      );
      segmentIds.set(s.key, rows[0].id);
    }
    counts.segments = demo.segments.length;
    counts.memberships = await copyRows(client, 'segment_memberships', ['segment_id', 'customer_id', 'valid_from', 'valid_to'], demo.memberships(), (m) => [
      segmentIds.get(m.segment_key),
      m.customer_id,
      m.valid_from,
      m.valid_to,
    ]);
    Object.assign(counts, await loadWorkspaceDemo(client, segmentIds, ownerId, demo.options.endDate));
    // Cost to serve per support level (the director edits it later), plans for the current quarter, P&L rollups.
    for (const c of demo.supportCosts) {
      await client.query(`INSERT INTO support_level_costs (support_level, monthly_cost) VALUES ($1, $2) ON CONFLICT (support_level) DO UPDATE SET monthly_cost = EXCLUDED.monthly_cost`, [c.support_level, c.monthly_cost]);
    }
    // Statistics first: without them the planner guesses on the freshly COPYed tables and the rollup
    // build inside this transaction picks nested loops over millions of rows.
    await client.query('ANALYZE products, customers, transactions, segment_memberships');
    if (options.rollups !== false) await refreshRollups(client, { all: true });
    // Targets from the actual of the quarter before: revenue and gross margin × growth, customers + delta.
    for (const p of demo.plans) {
      await client.query(
        `WITH prev AS (SELECT COALESCE(SUM(net_revenue), 0) AS rev, COALESCE(SUM(net_revenue - cogs), 0) AS margin FROM pnl_segment_months
                        WHERE segment_id = $1 AND month >= ($3::date - interval '3 months') AND month < $3::date),
              cnt AS (SELECT COALESCE(MAX(members_at_end) FILTER (WHERE month = ($3::date - interval '1 month')::date), 0) AS n FROM pnl_segment_stats WHERE segment_id = $1)
         INSERT INTO segment_plans (segment_id, period_kind, period_start, revenue_target, margin_target, customers_target, status, proposed_by, approved_by, approved_at)
         SELECT $1, $2, $3, ROUND(prev.rev * $4, -2), ROUND(prev.margin * $4, -2), cnt.n + $5, $6::varchar, $7::uuid, $8::uuid, CASE WHEN $6::varchar = 'approved' THEN now() END FROM prev, cnt`,
        [segmentIds.get(p.segment_key), p.period_kind, p.period_start, p.growth, p.customers_delta, p.status, ownerId(p.proposed_by_key), p.status === 'approved' ? ownerId('director') : null],
      );
    }
    counts.plans = demo.plans.length;
    // Segmentation: the shipped default models, each with a queued first run (the run queue executes them on start).
    const analystId = [...demo.users].find((u) => u.role === 'analyst');
    const models = [
      { name: 'ABCDX — default', description: 'The shipped default ABCDX model (docs/segmentation.md)', kind: 'abcdx', spec: DEFAULT_ABCDX_SPEC },
      { name: 'RFM — last 12 months', description: 'Recency, frequency, monetary over the last 12 months; 10-group R×F map', kind: 'rfm', spec: DEFAULT_RFM_SPEC },
      { name: 'UIS maturity levels', description: 'Maturity levels 1–3 as rules on size and modules used (seeds/001)', kind: 'rule', spec: DEFAULT_MATURITY_SPEC },
    ];
    for (const m of models) {
      const creator = analystId ? ownerId(analystId.key) : null;
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO segmentation_models (name, description, kind, created_by) VALUES ($1, $2, $3, $4) RETURNING id::text AS id`,
        [m.name, m.description, m.kind, creator],
      );
      const v = await client.query<{ id: string }>(
        `INSERT INTO segmentation_model_versions (model_id, version, spec, created_by) VALUES ($1, 1, $2, $3) RETURNING id::text AS id`,
        [rows[0].id, JSON.stringify(m.spec), creator],
      );
      if (options.queueRuns !== false && m.kind !== 'rule') {
        await client.query(
          `INSERT INTO segmentation_runs (model_id, model_version_id, kind, as_of, lookback_months, seed, requested_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [rows[0].id, v.rows[0].id, m.kind, m.spec.asOf, m.spec.lookbackMonths, m.kind === 'abcdx' ? DEFAULT_ABCDX_SPEC.seed : 0, creator],
        );
      }
    }
    counts.models = models.length;
    // Rows came with explicit ids: move each identity past the largest one.
    for (const table of IDENTITY_TABLES) {
      await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), GREATEST((SELECT MAX(id) FROM ${table}), 1))`);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  await client.query('ANALYZE');
  if (options.hiddenTypesFile) {
    mkdirSync(path.dirname(options.hiddenTypesFile), { recursive: true });
    const lines = ['customer_external_id,hidden_type'];
    for (const h of demo.hiddenTypes()) lines.push(`${h.customer_external_id},${h.hidden_type}`);
    writeFileSync(options.hiddenTypesFile, lines.join('\n') + '\n');
  }
  return counts;
}

function copyRowsWith<T extends object>(client: pg.ClientBase, table: string, rows: Iterable<T>, spec: [string[], (row: T) => unknown[]]): Promise<number> {
  return copyRows(client, table, spec[0], rows, spec[1]);
}

/** One finished import per source (counts filled in after the rows are in) and the preset saved for its system. */
async function recordDemoImports(client: pg.ClientBase, analystId: string | null, endDate: string): Promise<Record<DemoImportSource, string>> {
  const ids = {} as Record<DemoImportSource, string>;
  for (const imp of DEMO_IMPORTS) {
    const { startedAt, finishedAt } = demoImportTimes(endDate, imp);
    const detected = { ...imp.format, bom: imp.bom, dateAmbiguous: false };
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO imports (source, status, mode, file_name, format, detected, mapping, headers, created_by, created_at, started_at, finished_at)
       VALUES ($1, 'succeeded', 'quarantine', $2, $3, $4, $5, $6, $7, $8, $8, $9) RETURNING id::text AS id`,
      [imp.source, imp.fileName, JSON.stringify(imp.format), JSON.stringify(detected), JSON.stringify(imp.mapping), JSON.stringify(imp.headers), analystId, startedAt, finishedAt],
    );
    ids[imp.source] = rows[0].id;
    await client.query(`INSERT INTO import_presets (source, name, mapping, format, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
      imp.source,
      imp.presetName,
      JSON.stringify(imp.mapping),
      JSON.stringify(imp.format),
      analystId,
      startedAt,
    ]);
  }
  return ids;
}

async function finishDemoImports(client: pg.ClientBase, ids: Record<DemoImportSource, string>, counts: Record<DemoImportSource, number>): Promise<void> {
  for (const [source, n] of Object.entries(counts) as [DemoImportSource, number][]) {
    // Every row was new and valid: in = imported = inserted. No file is kept, so no size is claimed.
    await client.query(`UPDATE imports SET rows_in = $2, rows_imported = $2, rows_inserted = $2 WHERE id = $1`, [ids[source], n]);
  }
}
