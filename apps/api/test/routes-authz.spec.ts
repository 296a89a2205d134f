import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startHarness, type Client, type Harness } from './harness.js';

/**
 * Every route Nest registers × every role. A route missing from this table
 * fails the suite, so a new endpoint cannot ship without saying who may use it.
 * "allowed" means the role passes authorisation (any status but 401/403);
 * everyone else gets 403, and a request without a session gets 401.
 */
type RoleKey = 'admin' | 'director' | 'owner1' | 'product1' | 'analyst';
const ALL: RoleKey[] = ['admin', 'director', 'owner1', 'product1', 'analyst'];
const PUBLIC = 'public' as const;

interface Row {
  allowed: RoleKey[] | typeof PUBLIC;
  /** Concrete path with fixture ids, and a body for writes. */
  path: (f: Fixtures) => string;
  body?: unknown;
}

interface Fixtures {
  ownSegmentId: string;
  spareSegmentId: string;
  spareUserId: string;
  customerId: string;
  ownProductId: string;
  importId: string;
  spareCustomerId: string;
  // segment workspace (owner1's segment; product1's product)
  scenarioId: string;
  spareScenarioId: string;
  stepId: string;
  spareStepId: string;
  attachmentId: string;
  spareAttachmentId: string;
  outcomeId: string;
  spareOutcomeId: string;
  interviewId: string;
  initiativeId: string;
  spareInitiativeId: string;
  proposalId: string;
  ownPlanId: string;
  modelId: string;
  spareModelId: string;
  runId: string;
}

const TABLE: Record<string, Row> = {
  'GET /api/health': { allowed: PUBLIC, path: () => '/health' },
  'POST /api/auth/sign-in': { allowed: PUBLIC, path: () => '/auth/sign-in', body: {} },
  'POST /api/auth/sign-out': { allowed: ALL, path: () => '/auth/sign-out' },
  'GET /api/me': { allowed: ALL, path: () => '/me' },
  'POST /api/me/password': { allowed: ALL, path: () => '/me/password', body: {} },
  'GET /api/users': { allowed: ['admin', 'director'], path: () => '/users' },
  'POST /api/users': { allowed: ['admin'], path: () => '/users', body: {} },
  'PATCH /api/users/:id': { allowed: ['admin'], path: (f) => `/users/${f.spareUserId}`, body: {} },
  'POST /api/users/:id/reset-password': { allowed: ['admin'], path: (f) => `/users/${f.spareUserId}/reset-password` },
  'GET /api/customers': { allowed: ALL, path: () => '/customers' },
  'GET /api/customers/facets': { allowed: ALL, path: () => '/customers/facets' },
  'GET /api/customers/:id': { allowed: ALL, path: (f) => `/customers/${f.customerId}` },
  'GET /api/segments': { allowed: ALL, path: () => '/segments' },
  'POST /api/segments': { allowed: ['director'], path: () => '/segments', body: {} },
  'GET /api/segments/:id': { allowed: ALL, path: (f) => `/segments/${f.ownSegmentId}` },
  'GET /api/segments/:id/history': { allowed: ALL, path: (f) => `/segments/${f.ownSegmentId}/history` },
  'PATCH /api/segments/:id': { allowed: ['director', 'owner1'], path: (f) => `/segments/${f.ownSegmentId}`, body: {} },
  'PUT /api/segments/:id/owner': { allowed: ['director'], path: (f) => `/segments/${f.ownSegmentId}/owner`, body: {} },
  'POST /api/segments/:id/archive': { allowed: ['director'], path: (f) => `/segments/${f.spareSegmentId}/archive` },
  'GET /api/products': { allowed: ALL, path: () => '/products' },
  'POST /api/products': { allowed: ['product1'], path: () => '/products', body: {} },
  'GET /api/products/:id': { allowed: ALL, path: (f) => `/products/${f.ownProductId}` },
  'PATCH /api/products/:id': { allowed: ['product1'], path: (f) => `/products/${f.ownProductId}`, body: {} },
  // imports (issue 4): analysts own them; the director and admins read the history
  'GET /api/imports/sources': { allowed: ['admin', 'director', 'analyst'], path: () => '/imports/sources' },
  'GET /api/imports': { allowed: ['admin', 'director', 'analyst'], path: () => '/imports' },
  'POST /api/imports': { allowed: ['analyst'], path: () => '/imports', body: {} },
  'POST /api/imports/json': { allowed: ['analyst'], path: () => '/imports/json', body: {} },
  'GET /api/imports/presets': { allowed: ['admin', 'director', 'analyst'], path: () => '/imports/presets' },
  'POST /api/imports/presets': { allowed: ['analyst'], path: () => '/imports/presets', body: {} },
  'DELETE /api/imports/presets/:id': { allowed: ['analyst'], path: () => '/imports/presets/999999' },
  'GET /api/imports/:id': { allowed: ['admin', 'director', 'analyst'], path: (f) => `/imports/${f.importId}` },
  'PATCH /api/imports/:id': { allowed: ['analyst'], path: (f) => `/imports/${f.importId}`, body: {} },
  'POST /api/imports/:id/validate': { allowed: ['analyst'], path: (f) => `/imports/${f.importId}/validate` },
  'POST /api/imports/:id/start': { allowed: ['analyst'], path: (f) => `/imports/${f.importId}/start`, body: {} },
  'POST /api/imports/:id/cancel': { allowed: ['analyst'], path: (f) => `/imports/${f.importId}/cancel` },
  'POST /api/imports/:id/undo': { allowed: ['analyst'], path: (f) => `/imports/${f.importId}/undo` },
  'GET /api/imports/:id/problems': { allowed: ['admin', 'director', 'analyst'], path: (f) => `/imports/${f.importId}/problems` },
  'GET /api/imports/:id/report.csv': { allowed: ['admin', 'director', 'analyst'], path: (f) => `/imports/${f.importId}/report.csv` },
  'GET /api/imports/:id/quarantine': { allowed: ['admin', 'director', 'analyst'], path: (f) => `/imports/${f.importId}/quarantine` },
  'GET /api/imports/:id/quarantine.csv': { allowed: ['admin', 'director', 'analyst'], path: (f) => `/imports/${f.importId}/quarantine.csv` },
  'GET /api/api-tokens': { allowed: ['admin'], path: () => '/api-tokens' },
  'POST /api/api-tokens': { allowed: ['admin'], path: () => '/api-tokens', body: {} },
  'POST /api/api-tokens/:id/revoke': { allowed: ['admin'], path: () => '/api-tokens/00000000-0000-4000-8000-000000000000/revoke' },
  'POST /api/customers/:id/erase': { allowed: ['admin'], path: (f) => `/customers/${f.spareCustomerId}/erase` },
  // segment workspace: card, lifecycle, proposals
  'GET /api/segments/:id/card': { allowed: ALL, path: (f) => `/segments/${f.ownSegmentId}/card` },
  'PUT /api/segments/:id/card': { allowed: ['director', 'owner1'], path: (f) => `/segments/${f.ownSegmentId}/card`, body: {} },
  'POST /api/segments/merge': { allowed: ['director'], path: () => '/segments/merge', body: {} },
  'POST /api/segments/:id/split': { allowed: ['director'], path: (f) => `/segments/${f.ownSegmentId}/split`, body: {} },
  'POST /api/segments/:id/proposals': { allowed: ['owner1'], path: (f) => `/segments/${f.ownSegmentId}/proposals`, body: {} },
  'GET /api/segment-proposals': { allowed: ALL, path: () => '/segment-proposals' },
  'POST /api/segment-proposals/:id/decision': { allowed: ['director'], path: (f) => `/segment-proposals/${f.proposalId}/decision`, body: {} },
  // scenarios, steps, attachments
  'GET /api/segments/:id/scenarios': { allowed: ALL, path: (f) => `/segments/${f.ownSegmentId}/scenarios` },
  'POST /api/segments/:id/scenarios': { allowed: ['director', 'owner1'], path: (f) => `/segments/${f.ownSegmentId}/scenarios`, body: {} },
  'PUT /api/segments/:id/scenarios/order': { allowed: ['director', 'owner1'], path: (f) => `/segments/${f.ownSegmentId}/scenarios/order`, body: {} },
  'PATCH /api/scenarios/:id': { allowed: ['director', 'owner1'], path: (f) => `/scenarios/${f.scenarioId}`, body: {} },
  'DELETE /api/scenarios/:id': { allowed: ['director', 'owner1'], path: (f) => `/scenarios/${f.spareScenarioId}` },
  'POST /api/scenarios/:id/steps': { allowed: ['director', 'owner1'], path: (f) => `/scenarios/${f.scenarioId}/steps`, body: {} },
  'PUT /api/scenarios/:id/steps/order': { allowed: ['director', 'owner1'], path: (f) => `/scenarios/${f.scenarioId}/steps/order`, body: {} },
  'PATCH /api/scenario-steps/:id': { allowed: ['director', 'owner1'], path: (f) => `/scenario-steps/${f.stepId}`, body: {} },
  'DELETE /api/scenario-steps/:id': { allowed: ['director', 'owner1'], path: (f) => `/scenario-steps/${f.spareStepId}` },
  'POST /api/scenario-steps/:id/attachments': { allowed: ['product1'], path: (f) => `/scenario-steps/${f.stepId}/attachments`, body: {} },
  'PUT /api/attachments/:id/review': { allowed: ['director', 'owner1'], path: (f) => `/attachments/${f.attachmentId}/review`, body: {} },
  'DELETE /api/attachments/:id': { allowed: ['product1'], path: (f) => `/attachments/${f.spareAttachmentId}` },
  'GET /api/product-usage': { allowed: ALL, path: () => '/product-usage' },
  'GET /api/products/:id/usage': { allowed: ALL, path: (f) => `/products/${f.ownProductId}/usage` },
  // job map, outcomes, evidence, interviews
  'GET /api/segments/:id/job-map': { allowed: ALL, path: (f) => `/segments/${f.ownSegmentId}/job-map` },
  'PUT /api/segments/:id/job-map': { allowed: ['director', 'owner1'], path: (f) => `/segments/${f.ownSegmentId}/job-map`, body: {} },
  'POST /api/segments/:id/outcomes': { allowed: ['director', 'owner1'], path: (f) => `/segments/${f.ownSegmentId}/outcomes`, body: {} },
  'PATCH /api/outcomes/:id': { allowed: ['director', 'owner1'], path: (f) => `/outcomes/${f.outcomeId}`, body: {} },
  'DELETE /api/outcomes/:id': { allowed: ['director', 'owner1'], path: (f) => `/outcomes/${f.spareOutcomeId}` },
  'GET /api/outcomes/:id/evidence': { allowed: ['admin', 'director', 'owner1', 'analyst'], path: (f) => `/outcomes/${f.outcomeId}/evidence` },
  'POST /api/outcomes/:id/evidence': { allowed: ['director', 'owner1'], path: (f) => `/outcomes/${f.outcomeId}/evidence`, body: {} },
  'POST /api/outcomes/:id/evidence/match': { allowed: ['director', 'owner1'], path: (f) => `/outcomes/${f.outcomeId}/evidence/match` },
  'DELETE /api/outcomes/:id/evidence/:evidenceId': { allowed: ['director', 'owner1'], path: (f) => `/outcomes/${f.outcomeId}/evidence/999999` },
  'GET /api/segments/:id/interviews': { allowed: ['admin', 'director', 'owner1', 'analyst'], path: (f) => `/segments/${f.ownSegmentId}/interviews` },
  'GET /api/interviews/:id': { allowed: ['admin', 'director', 'owner1', 'analyst'], path: (f) => `/interviews/${f.interviewId}` },
  'POST /api/interviews': { allowed: ['director', 'owner1'], path: () => '/interviews', body: {} },
  // value stream
  'GET /api/segments/:id/board': { allowed: ALL, path: (f) => `/segments/${f.ownSegmentId}/board` },
  'POST /api/segments/:id/initiatives': { allowed: ['director', 'owner1'], path: (f) => `/segments/${f.ownSegmentId}/initiatives`, body: {} },
  'PATCH /api/initiatives/:id': { allowed: ['director', 'owner1'], path: (f) => `/initiatives/${f.initiativeId}`, body: {} },
  'DELETE /api/initiatives/:id': { allowed: ['director', 'owner1'], path: (f) => `/initiatives/${f.spareInitiativeId}` },
  // Segment P&L, plans, settings (issue 7). A CX-owner reads the P&L of their own segments only (row-level cases in pnl-authz.spec.ts).
  'GET /api/pnl/portfolio': { allowed: ['admin', 'director', 'owner1'], path: () => '/pnl/portfolio' },
  'GET /api/pnl/migration': { allowed: ['admin', 'director', 'owner1'], path: () => '/pnl/migration?since=2024-01-01' },
  'GET /api/pnl/abcdx': { allowed: ['admin', 'director', 'owner1'], path: () => '/pnl/abcdx' },
  'GET /api/pnl/segments/:id': { allowed: ['admin', 'director', 'owner1'], path: (f) => `/pnl/segments/${f.ownSegmentId}` },
  'GET /api/pnl/segments/:id/customers': { allowed: ['admin', 'director', 'owner1'], path: (f) => `/pnl/segments/${f.ownSegmentId}/customers` },
  'GET /api/pnl/segments/:id/transactions': { allowed: ['admin', 'director', 'owner1'], path: (f) => `/pnl/segments/${f.ownSegmentId}/transactions` },
  'GET /api/pnl/segments/:id/churn-risks': { allowed: ['admin', 'director', 'owner1'], path: (f) => `/pnl/segments/${f.ownSegmentId}/churn-risks` },
  'GET /api/pnl/products': { allowed: ['admin', 'director', 'product1'], path: () => '/pnl/products' },
  'GET /api/pnl/products/export': { allowed: ['admin', 'director', 'product1'], path: () => '/pnl/products/export' },
  'GET /api/pnl/export/:table': { allowed: ['admin', 'director', 'owner1'], path: (f) => `/pnl/export/segment-pnl?segmentId=${f.ownSegmentId}` },
  'GET /api/plans': { allowed: ['admin', 'director', 'owner1'], path: () => '/plans' },
  'POST /api/plans': { allowed: ['director', 'owner1'], path: () => '/plans', body: {} },
  'PATCH /api/plans/:id': { allowed: ['director', 'owner1'], path: (f) => `/plans/${f.ownPlanId}`, body: {} },
  'POST /api/plans/:id/approve': { allowed: ['director'], path: (f) => `/plans/${f.ownPlanId}/approve`, body: {} },
  'GET /api/settings': { allowed: ALL, path: () => '/settings' },
  'PUT /api/settings': { allowed: ['admin', 'director'], path: () => '/settings', body: {} },
  'GET /api/settings/support-costs': { allowed: ['admin', 'director'], path: () => '/settings/support-costs' },
  'PUT /api/settings/support-costs': { allowed: ['admin', 'director'], path: () => '/settings/support-costs', body: { items: [] } },
  'GET /api/pnl/segments/:id/top-customers': { allowed: ['admin', 'director', 'owner1'], path: (f) => `/pnl/segments/${f.ownSegmentId}/top-customers` },
  // features and segmentation (issue 5)
  'GET /api/features/catalogue': { allowed: ['admin', 'director', 'analyst'], path: () => '/features/catalogue' },
  'GET /api/features/snapshots': { allowed: ['admin', 'director', 'analyst'], path: () => '/features/snapshots' },
  'POST /api/features/snapshots': { allowed: ['analyst'], path: () => '/features/snapshots', body: {} },
  'GET /api/features/non-positive': { allowed: ['admin', 'director', 'analyst'], path: () => '/features/non-positive' },
  'GET /api/features/sample': { allowed: ['admin', 'director', 'analyst'], path: () => '/features/sample' },
  'GET /api/segmentation/models': { allowed: ['admin', 'director', 'analyst'], path: () => '/segmentation/models' },
  'POST /api/segmentation/models': { allowed: ['analyst'], path: () => '/segmentation/models', body: {} },
  'GET /api/segmentation/models/:id': { allowed: ['admin', 'director', 'analyst'], path: (f) => `/segmentation/models/${f.modelId}` },
  'PATCH /api/segmentation/models/:id': { allowed: ['analyst'], path: (f) => `/segmentation/models/${f.modelId}`, body: {} },
  'GET /api/segmentation/models/:id/versions': { allowed: ['admin', 'director', 'analyst'], path: (f) => `/segmentation/models/${f.modelId}/versions` },
  'POST /api/segmentation/models/:id/versions': { allowed: ['analyst'], path: (f) => `/segmentation/models/${f.modelId}/versions`, body: {} },
  'POST /api/segmentation/models/:id/archive': { allowed: ['analyst'], path: (f) => `/segmentation/models/${f.spareModelId}/archive` },
  'POST /api/segmentation/models/:id/runs': { allowed: ['analyst'], path: (f) => `/segmentation/models/${f.spareModelId}/runs`, body: {} },
  'POST /api/segmentation/rules/preview': { allowed: ['admin', 'director', 'analyst'], path: () => '/segmentation/rules/preview', body: {} },
  'GET /api/segmentation/runs': { allowed: ['admin', 'director', 'owner1', 'analyst'], path: () => '/segmentation/runs' },
  'GET /api/segmentation/runs/compare': { allowed: ['admin', 'director', 'owner1', 'analyst'], path: () => '/segmentation/runs/compare' },
  'GET /api/segmentation/runs/latest-distribution': { allowed: ['admin', 'director', 'owner1', 'analyst'], path: () => '/segmentation/runs/latest-distribution' },
  'GET /api/segmentation/runs/:id': { allowed: ['admin', 'director', 'owner1', 'analyst'], path: (f) => `/segmentation/runs/${f.runId}` },
  'GET /api/segmentation/runs/:id/results': { allowed: ['admin', 'director', 'owner1', 'analyst'], path: (f) => `/segmentation/runs/${f.runId}/results` },
  'GET /api/segmentation/runs/:id/members': { allowed: ['admin', 'director', 'owner1', 'analyst'], path: (f) => `/segmentation/runs/${f.runId}/members` },
  'GET /api/segmentation/runs/:id/members.csv': { allowed: ['admin', 'director', 'analyst'], path: (f) => `/segmentation/runs/${f.runId}/members.csv` },
  'POST /api/segmentation/runs/:id/cancel': { allowed: ['analyst'], path: (f) => `/segmentation/runs/${f.runId}/cancel` },
  'POST /api/segmentation/runs/:id/rerun': { allowed: ['analyst'], path: (f) => `/segmentation/runs/${f.runId}/rerun` },
  'GET /api/segmentation/promotions': { allowed: ['admin', 'director', 'analyst'], path: () => '/segmentation/promotions' },
  'POST /api/segmentation/promotions': { allowed: ['analyst'], path: () => '/segmentation/promotions', body: {} },
  'POST /api/segmentation/promotions/:id/approve': { allowed: ['director'], path: () => '/segmentation/promotions/999999/approve', body: {} },
  'POST /api/segmentation/promotions/:id/reject': { allowed: ['director'], path: () => '/segmentation/promotions/999999/reject' },
  // segment workspace gaps (issue 6): board drag and drop, the card's evidence picker
  'PUT /api/segments/:id/board/order': { allowed: ['director', 'owner1'], path: (f) => `/segments/${f.ownSegmentId}/board/order`, body: {} },
  'GET /api/segments/:id/evidence-sources': { allowed: ['admin', 'director', 'owner1', 'analyst'], path: (f) => `/segments/${f.ownSegmentId}/evidence-sources` },
};

/** Routes as Express actually has them after Nest registered everything. */
function registeredRoutes(h: Harness): string[] {
  const router = (h.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router;
  const out = new Set<string>();
  for (const layer of router.stack) {
    if (!layer.route) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (on && method !== '_all') out.add(`${method.toUpperCase()} ${layer.route.path}`);
    }
  }
  // Swagger UI (public docs) and Nest's catch-all not-found handler for the /api prefix are not endpoints.
  return [...out].filter((r) => !r.includes('/api/docs') && !r.endsWith('/api{/*splat}')).sort();
}

describe('every route × every role', () => {
  let h: Harness;
  let f: Fixtures;
  const sessions = {} as Record<RoleKey, Client>;

  beforeAll(async () => {
    h = await startHarness('routes');
    for (const role of ALL) sessions[role] = await h.signIn(role);
    const db = new pg.Client({ connectionString: h.dbUrl });
    await db.connect();
    const one = async (sql: string) => String((await db.query(sql)).rows[0].id);
    f = {
      ownSegmentId: await one(`SELECT s.id FROM segments s JOIN users u ON u.id = s.owner_id WHERE u.email = 'owner1@demo.local' ORDER BY s.id LIMIT 1`),
      spareSegmentId: await one(`INSERT INTO segments (name) VALUES ('Spare for archive') RETURNING id`),
      spareUserId: await one(`INSERT INTO users (email, name, role, password_hash) VALUES ('spare@demo.local', 'Spare', 'analyst', 'x') RETURNING id`),
      customerId: await one(`SELECT id FROM customers ORDER BY id LIMIT 1`),
      ownProductId: await one(`SELECT p.id FROM products p JOIN users u ON u.id = p.owner_id WHERE u.email = 'product1@demo.local' ORDER BY p.id LIMIT 1`),
      // A draft whose file is gone: every write answers 409 without queueing anything.
      importId: await one(`INSERT INTO imports (source, file_name) VALUES ('transactions', 'fixture.csv') RETURNING id`),
      spareCustomerId: await one(`INSERT INTO customers (external_id, name) VALUES ('SPARE-ERASE', 'Spare for erasure') RETURNING id`),
      ownPlanId: await one(`SELECT p.id FROM segment_plans p JOIN segments s ON s.id = p.segment_id JOIN users u ON u.id = s.owner_id WHERE u.email = 'owner1@demo.local' ORDER BY p.id LIMIT 1`),
      modelId: await one(`SELECT id FROM segmentation_models ORDER BY id LIMIT 1`),
      spareModelId: await one(`INSERT INTO segmentation_models (name, kind) VALUES ('Spare for archive', 'rfm') RETURNING id`),
      runId: await one(`SELECT id FROM segmentation_runs ORDER BY id LIMIT 1`),
    } as Fixtures;
    const seg = f.ownSegmentId;
    f.scenarioId = await one(`INSERT INTO scenarios (segment_id, title) VALUES (${seg}, 'Fixture scenario') RETURNING id`);
    f.spareScenarioId = await one(`INSERT INTO scenarios (segment_id, title) VALUES (${seg}, 'Spare scenario') RETURNING id`);
    f.stepId = await one(`INSERT INTO scenario_steps (scenario_id, title) VALUES (${f.scenarioId}, 'Fixture step') RETURNING id`);
    f.spareStepId = await one(`INSERT INTO scenario_steps (scenario_id, title, position) VALUES (${f.scenarioId}, 'Spare step', 1) RETURNING id`);
    const otherProduct = await one(`SELECT p.id FROM products p JOIN users u ON u.id = p.owner_id WHERE u.email = 'product1@demo.local' ORDER BY p.id OFFSET 1 LIMIT 1`);
    f.attachmentId = await one(`INSERT INTO scenario_attachments (step_id, product_id) VALUES (${f.stepId}, ${f.ownProductId}) RETURNING id`);
    f.spareAttachmentId = await one(`INSERT INTO scenario_attachments (step_id, product_id) VALUES (${f.spareStepId}, ${otherProduct}) RETURNING id`);
    f.outcomeId = await one(`INSERT INTO job_outcomes (segment_id, step, metric, object) VALUES (${seg}, 'execute', 'the time it takes', 'to route a call') RETURNING id`);
    f.spareOutcomeId = await one(`INSERT INTO job_outcomes (segment_id, step, metric, object) VALUES (${seg}, 'monitor', 'the time it takes', 'to notice a breach') RETURNING id`);
    f.interviewId = await one(`SELECT id FROM interviews ORDER BY id LIMIT 1`);
    f.initiativeId = await one(`INSERT INTO initiatives (segment_id, title, stage) VALUES (${seg}, 'Fixture initiative', 'research') RETURNING id`);
    f.spareInitiativeId = await one(`INSERT INTO initiatives (segment_id, title, stage) VALUES (${seg}, 'Spare initiative', 'sales') RETURNING id`);
    f.proposalId = await one(`INSERT INTO segment_proposals (segment_id, kind, reason) VALUES (${seg}, 'archive', 'fixture') RETURNING id`);
    await db.query(`INSERT INTO segmentation_model_versions (model_id, version, spec) SELECT $1, 1, spec FROM segmentation_model_versions WHERE model_id = (SELECT id FROM segmentation_models WHERE kind = 'rfm' ORDER BY id LIMIT 1)`, [f.spareModelId]);
    await db.end();
  });
  afterAll(async () => h?.close());

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await sessions.director.request('GET', '/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });

  it('has a row for every registered route, and no row for a route that does not exist', () => {
    const routes = registeredRoutes(h);
    expect(routes.filter((r) => !(r in TABLE))).toEqual([]);
    expect(Object.keys(TABLE).filter((r) => !routes.includes(r))).toEqual([]);
  });

  for (const [route, row] of Object.entries(TABLE)) {
    const method = route.split(' ')[0];
    it(`${route}: 401 without a session unless public`, async () => {
      const res = await h.anonymous.request(method, row.path(f), row.body);
      if (row.allowed === PUBLIC) expect(res.status).not.toBe(401);
      else {
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('UNAUTHENTICATED');
      }
    });
    if (row.allowed === PUBLIC) continue;
    const allowed = row.allowed;
    for (const role of ALL) {
      it(`${route} as ${role}: ${allowed.includes(role) ? 'allowed' : '403'}`, async () => {
        // Signing out ends the session it uses: give that row a session of its own.
        const who = route === 'POST /api/auth/sign-out' ? await h.signIn(role) : sessions[role];
        const res = await who.request(method, row.path(f), row.body);
        if (allowed.includes(role)) {
          expect([401, 403]).not.toContain(res.status);
          expect(res.status).toBeLessThan(500);
        } else {
          expect(res.status).toBe(403);
          expect(res.body.code).toBe('FORBIDDEN');
        }
      });
    }
  }
});
