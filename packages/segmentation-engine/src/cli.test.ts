import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { describe, expect, test } from 'vitest';

import { fixturesDir } from './fixtures.test-util.js';

// The test script builds first, so this runs the real bin from dist.
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: fixturesDir });

describe('cxs-segment', () => {
  test('--help explains every option and exits 0', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    for (const opt of ['--input', '--id', '--columns', '--log1p', '--weights', '--k', '--seed', '--restarts', '--customer', '--date', '--amount', '--order', '--as-of']) {
      expect(r.stdout).toContain(opt);
    }
  });

  test('kmeans on the reference customer set matches the scikit-learn best inertia', () => {
    const r = run('kmeans', '--input', 'customers.csv', '--id', 'id', '--columns', 'avg_check,frequency,ltv,cac,tenure_months,usage_growth', '--log1p', 'avg_check,frequency,ltv,cac', '--weights', 'avg_check=2,frequency=1.5,ltv=2,cac=1,tenure_months=0.5,usage_growth=1', '--k', '5', '--seed', '42', '--restarts', '10');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { inertia: number; clusters: { label: string; size: number }[]; assignments: { id: string; label: string }[] };
    expect(out.inertia / 2965.8573300342005).toBeCloseTo(1, 9);
    expect(out.clusters.map((c) => c.label)).toEqual(['A', 'B', 'C', 'D', 'X']);
    expect(out.clusters.reduce((s, c) => s + c.size, 0)).toBe(3000);
    expect(out.assignments[0].id).toBe('c00001');
  });

  test('rfm reads ; CSVs with decimal commas and prints scores and segments', () => {
    const r = run('rfm', '--input', 'transactions.csv', '--customer', 'customer', '--date', 'date', '--amount', 'amount', '--order', 'order', '--as-of', '2025-01-01');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { ignoredAfterAsOf: number; customers: { customerId: string; recencyDays: number; frequency: number; monetary: number; score: string; segment: string }[] };
    expect(out.ignoredAfterAsOf).toBe(1);
    expect(out.customers.find((c) => c.customerId === 'a')).toMatchObject({ recencyDays: 1, frequency: 2, monetary: 220, score: '544', segment: 'champions' });
    expect(out.customers.find((c) => c.customerId === 'b')).toMatchObject({ frequency: 2, monetary: 400, segment: 'at_risk' });
  });

  test('bad input: one clear line and a non-zero exit', () => {
    const cases: [string[], number, string][] = [
      [['kmeans', '--input', 'bad-number.csv', '--id', 'id', '--columns', 'x,y'], 1, 'cxs-segment: error: bad-number.csv line 3, column "x": "abc" is not a number'],
      [['kmeans', '--input', 'bad-number.csv', '--id', 'id', '--columns', 'x,z'], 1, 'cxs-segment: error: bad-number.csv: no column "z" (--columns); columns are "id", "x", "y"'],
      [['kmeans', '--input', 'missing.csv', '--id', 'id', '--columns', 'x'], 2, 'cxs-segment: error: cannot read --input missing.csv: ENOENT (see cxs-segment --help)'],
      [['kmeans', '--input', 'customers.csv', '--id', 'id', '--columns', 'ltv', '--k', '5000'], 1, 'cxs-segment: error: k = 5000 but the data has only 2997 distinct points'],
      [['rfm', '--input', 'transactions.csv', '--customer', 'customer', '--date', 'date', '--amount', 'amount', '--as-of', '01/01/2025'], 1, 'cxs-segment: error: --as-of "01/01/2025" is not a valid date (expected YYYY-MM-DD)'],
      [['cluster'], 2, 'cxs-segment: error: unknown command "cluster" (kmeans or rfm) (see cxs-segment --help)'],
      [['kmeans', '--bogus'], 2, "cxs-segment: error: Unknown option '--bogus' (see cxs-segment --help)"],
    ];
    for (const [args, status, line] of cases) {
      const r = run(...args);
      expect(r.status).toBe(status);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`${line}\n`);
    }
  });
});
