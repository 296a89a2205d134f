import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startHarness, type Client, type Harness } from './harness.js';
import { waitForRun } from './segmentation-helpers.js';

/**
 * The rule builder's nested AND/OR groups: the live count and members preview
 * equal a count evaluated independently in TypeScript over plain rows, a run
 * of the saved rule gives the same members, and bad conditions are refused
 * with the path of the condition and what is wrong with it.
 */
describe('segmentation: nested rule groups', () => {
  let h: Harness;
  let analyst: Client;
  let db: pg.Client;

  beforeAll(async () => {
    h = await startHarness('segrules');
    analyst = await h.signIn('analyst');
    db = new pg.Client({ connectionString: h.dbUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await h?.close();
  });

  // (employees ≥ 200 AND modules ≥ 3) OR industry = IT, then (frequency > 10 OR expansions ≥ 1) AND region ≠ <the most common region>.
  const spec = (region: string) => ({
    kind: 'rule',
    asOf: '2026-09-30',
    lookbackMonths: 12,
    levels: [
      {
        label: 'Big or IT',
        rule: {
          op: 'or',
          conditions: [
            { op: 'and', conditions: [{ field: 'employees', cmp: '>=', value: 200 }, { field: 'modules_used', cmp: '>=', value: 3 }] },
            { field: 'industry', cmp: '=', value: 'IT' },
          ],
        },
      },
      {
        label: 'Active elsewhere',
        rule: {
          op: 'and',
          conditions: [
            { op: 'or', conditions: [{ field: 'frequency', cmp: '>', value: 10 }, { field: 'expansion_count', cmp: '>=', value: 1 }] },
            { field: 'region', cmp: '!=', value: region },
          ],
        },
      },
    ],
  });

  /** The same rule evaluated row by row in TypeScript: a NULL never satisfies a comparison, except `!=` on text (IS DISTINCT FROM). */
  async function expected(region: string) {
    const { rows } = await db.query(
      `SELECT cf.customer_id::text AS id, c.employees, c.industry, c.region, cf.modules_used, cf.frequency, cf.expansion_count
       FROM customer_features cf JOIN customers c ON c.id = cf.customer_id WHERE cf.as_of = '2026-09-30' AND cf.lookback_months = 12`,
    );
    const labelOf = (r: any): string | null => {
      const big = r.employees !== null && Number(r.employees) >= 200 && r.modules_used !== null && Number(r.modules_used) >= 3;
      if (big || r.industry === 'IT') return 'Big or IT';
      const active = (r.frequency !== null && Number(r.frequency) > 10) || (r.expansion_count !== null && Number(r.expansion_count) >= 1);
      if (active && r.region !== region) return 'Active elsewhere';
      return null;
    };
    const labelled = rows.map((r: any) => ({ id: r.id, label: labelOf(r) }));
    return {
      total: rows.length,
      big: labelled.filter((r) => r.label === 'Big or IT').length,
      active: labelled.filter((r) => r.label === 'Active elsewhere').length,
      members: labelled.filter((r) => r.label !== null).sort((a, b) => Number(a.id) - Number(b.id)),
    };
  }

  it('counts and previews members exactly as an independent evaluation of the nested groups', async () => {
    const [{ region }] = (await db.query(`SELECT region FROM customers WHERE region IS NOT NULL GROUP BY region ORDER BY COUNT(*) DESC, region LIMIT 1`)).rows;
    // The preview computes the feature window on first use; read the rows after it.
    const res = await analyst.request('POST', '/segmentation/rules/preview', { spec: spec(region) });
    expect(res.status).toBe(200);
    const want = await expected(region);
    // The fixture must exercise every branch, or the equality below proves little.
    expect(want.big).toBeGreaterThan(0);
    expect(want.active).toBeGreaterThan(0);
    expect(want.big + want.active).toBeLessThan(want.total);
    expect(res.body.total).toBe(want.total);
    expect(res.body.byLevel).toEqual([
      { label: 'Big or IT', count: want.big },
      { label: 'Active elsewhere', count: want.active },
    ]);
    expect(res.body.count).toBe(want.big + want.active);
    expect(res.body.sample.map((m: any) => [m.customerId, m.label])).toEqual(want.members.slice(0, 20).map((m) => [m.id, m.label]));
  });

  it('a run of the saved nested rule assigns the same members as the preview', async () => {
    const [{ region }] = (await db.query(`SELECT region FROM customers WHERE region IS NOT NULL GROUP BY region ORDER BY COUNT(*) DESC, region LIMIT 1`)).rows;
    const created = await analyst.request('POST', '/segmentation/models', { name: 'Nested rule', kind: 'rule', spec: spec(region) });
    expect(created.status).toBe(201);
    const started = await analyst.request('POST', `/segmentation/models/${created.body.id}/runs`, {});
    expect(started.status).toBe(201);
    const run = await waitForRun(analyst, started.body.id);
    expect(run.status).toBe('succeeded');
    const want = await expected(region);
    expect(want.members.length).toBeGreaterThan(0);
    const { rows } = await db.query(`SELECT customer_id::text AS id, label FROM segmentation_run_members WHERE run_id = $1 ORDER BY customer_id`, [run.id]);
    expect(rows.map((r) => [r.id, r.label])).toEqual(want.members.map((m) => [m.id, m.label]));
  });

  it('refuses a bad condition, naming where it is and what is wrong', async () => {
    const withCondition = (cond: unknown) => ({
      kind: 'rule',
      asOf: '2026-09-30',
      lookbackMonths: 12,
      levels: [
        { label: 'ok', rule: { op: 'and', conditions: [{ field: 'frequency', cmp: '>', value: 0 }] } },
        { label: 'bad', rule: { op: 'or', conditions: [{ field: 'industry', cmp: '=', value: 'IT' }, { op: 'and', conditions: [{ field: 'employees', cmp: '>=', value: 10 }, cond] }] } },
      ],
    });
    const path = 'spec.levels[1].rule.conditions[1].conditions[1]';
    const cases: [unknown, RegExp][] = [
      [{ field: 'modules_used', cmp: '>=', value: 'lots' }, /modules_used >= "lots": feature "modules_used" needs a number, got "lots"/],
      [{ field: 'modules_used', cmp: '>=', value: '' }, /feature "modules_used" needs a number, got ""/],
      [{ field: 'industry', cmp: '>=', value: 'IT' }, /"industry" is text: use = or !=/],
      [{ field: 'industry', cmp: '=', value: '  ' }, /"industry" needs a value to compare with/],
      [{ field: 'password_hash', cmp: '=', value: 'x' }, /unknown field "password_hash"/],
      [{ field: 'employees', cmp: '=>', value: 5 }, /unknown comparison "=>"/],
    ];
    for (const [cond, message] of cases) {
      const res = await analyst.request('POST', '/segmentation/rules/preview', { spec: withCondition(cond) });
      expect(res.status, JSON.stringify(cond)).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.message).toMatch(message);
      expect(res.body.message.startsWith(`${path}: `)).toBe(true);
      expect(res.body.details).toEqual([{ field: path, message: expect.stringMatching(message) }]);
    }
    // Saving a version validates the same way.
    const model = (await analyst.request('GET', '/segmentation/models')).body.items.find((m: any) => m.kind === 'rule');
    const save = await analyst.request('POST', `/segmentation/models/${model.id}/versions`, { spec: withCondition({ field: 'modules_used', cmp: '>=', value: 'lots' }) });
    expect(save.status).toBe(400);
    expect(save.body.details[0].field).toBe(path);
    // Too deep: six nested groups.
    let deep: any = { field: 'frequency', cmp: '>', value: 0 };
    for (let i = 0; i < 6; i++) deep = { op: 'and', conditions: [deep] };
    const tooDeep = await analyst.request('POST', '/segmentation/rules/preview', { spec: { ...withCondition(deep), levels: [{ label: 'deep', rule: deep }] } });
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.message).toBe('spec.levels[0].rule.conditions[0].conditions[0].conditions[0].conditions[0].conditions[0]: groups may nest at most 5 levels deep');
  });
});
