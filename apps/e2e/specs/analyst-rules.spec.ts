import { expect, test, type Page } from '@playwright/test';
import pg from 'pg';
import { signIn, snap } from './helpers.js';

/**
 * The rule builder, as the analyst: nested AND/OR groups, a live count that
 * equals a count written independently in SQL here, members shown, and a
 * bad value refused with the condition named.
 */

/** The suite's database (playwright.config.ts: one per run). */
function dbUrl(): string {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/cxs_e2e_${process.env.CXS_TEST_RUN}`;
  return url.toString();
}

async function sqlCount(asOf: string, lookback: number, where: string, params: unknown[]): Promise<number> {
  const client = new pg.Client({ connectionString: dbUrl() });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT COUNT(*)::int AS n FROM customer_features cf JOIN customers c ON c.id = cf.customer_id WHERE cf.as_of = $1 AND cf.lookback_months = $2 AND (${where})`,
      [asOf, lookback, ...params],
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

async function pickField(page: Page, cond: string, label: string) {
  await page.getByTestId(`rule-cond-${cond}`).getByTestId('rule-field').click();
  await page.getByRole('option', { name: label, exact: true }).click();
}

test('analyst: nested rule groups with a live count and members', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'analyst@demo.local');
  await page.getByTestId('nav-models').click();
  await page.getByTestId('new-model-rule').click();
  await expect(page).toHaveURL(/\/models\/\d+$/, { timeout: 60_000 });
  const modelId = page.url().split('/').pop()!;
  const { spec } = await (await page.request.get(`/api/segmentation/models/${modelId}`)).json();
  await expect(page.getByTestId('rule-builder')).toBeVisible();

  // Keep one level; empty it; make it OR.
  while ((await page.locator('[data-testid^="rule-level-"]').count()) > 1) {
    await page.getByTestId('rule-level-1').getByRole('button', { name: 'Remove the level' }).click();
  }
  const root = 'spec.levels[0].rule';
  const level = page.getByTestId('rule-level-0');
  while ((await level.locator('[data-testid^="rule-cond-"]').count()) > 0) {
    await level.locator('[data-testid^="rule-cond-"]').first().getByRole('button', { name: 'Remove' }).click();
  }
  await page.getByTestId(`rule-op-${root}`).getByText('Any (OR)').click();

  // (employees ≥ 200 AND modules used ≥ 3) OR industry = IT
  await page.getByTestId(`rule-add-group-${root}`).click();
  const inner = `${root}.conditions[0]`;
  await pickField(page, `${inner}.conditions[0]`, 'Employees');
  await page.getByTestId(`rule-cond-${inner}.conditions[0]`).getByTestId('rule-value').fill('200');
  await page.getByTestId(`rule-add-cond-${inner}`).click();
  await page.getByTestId(`rule-cond-${inner}.conditions[1]`).getByTestId('rule-value').fill('3');
  await page.getByTestId(`rule-add-cond-${root}`).click();
  await pickField(page, `${root}.conditions[1]`, 'Industry');
  await page.getByTestId(`rule-cond-${root}.conditions[1]`).getByTestId('rule-value').fill('IT');

  const want = await sqlCount(spec.asOf, spec.lookbackMonths, `(c.employees >= 200 AND cf.modules_used >= 3) OR c.industry = 'IT'`, []);
  const onlyIt = await sqlCount(spec.asOf, spec.lookbackMonths, `c.industry = 'IT'`, []);
  expect(want).toBeGreaterThan(onlyIt); // the AND group adds customers: the nesting matters
  await expect(page.getByTestId('rule-count-0')).toHaveAttribute('data-count', String(want), { timeout: 20_000 });
  await expect(page.getByTestId('rule-count')).toHaveAttribute('data-count', String(want));
  await expect(page.getByTestId('rule-members').locator('tbody tr')).toHaveCount(Math.min(20, want));
  await snap(page, 'segmentation-rule-builder');

  // A value that is not a number is refused, naming the condition; the count comes back once it is fixed.
  await page.getByTestId(`rule-cond-${inner}.conditions[1]`).getByTestId('rule-value').fill('lots');
  await expect(page.getByTestId('rule-error')).toContainText(`${inner}.conditions[1]: modules_used >= "lots"`);
  await expect(page.getByTestId(`rule-cond-${inner}.conditions[1]`).getByTestId('rule-value')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId(`rule-cond-${inner}.conditions[1]`).getByTestId('rule-value').fill('3');
  await expect(page.getByTestId('rule-error')).toHaveCount(0);
  await expect(page.getByTestId('rule-count')).toHaveAttribute('data-count', String(want));
});
