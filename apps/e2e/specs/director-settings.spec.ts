import { expect, test } from '@playwright/test';
import { signIn, snap } from './helpers.js';

test('the director sets the fiscal year and the cost to serve; bad input is refused in words', async ({ page }) => {
  await signIn(page, 'director@demo.local');
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-form')).toBeVisible({ timeout: 45_000 });
  await expect(page.getByTestId('support-costs-table')).toBeVisible({ timeout: 45_000 });
  await snap(page, 'director-settings');

  // Fiscal year from April: the preview and the P&L quarters follow.
  await page.getByTestId('settings-fiscal-start').click();
  await page.getByRole('option', { name: 'April' }).click();
  await expect(page.getByTestId('settings-fiscal-preview')).toContainText(/Q1: Apr/);
  await page.getByTestId('settings-save').click();
  await expect.poll(async () => (await (await page.request.get('/api/settings')).json()).fiscalYearStartMonth).toBe(4);
  const q = await (await page.request.get('/api/pnl/portfolio?period=quarter&at=2025-05')).json();
  expect(q.period).toMatchObject({ from: '2025-04', to: '2025-06' });

  // The P&L picker says which months the fiscal quarter is, in both languages.
  await page.getByTestId('nav-portfolio').click();
  await expect(page.getByTestId('portfolio-table')).toBeVisible({ timeout: 45_000 });
  await page.getByTestId('period-kind').getByText('Quarter', { exact: true }).click();
  await page.getByTestId('period-at').fill('2025-05');
  await expect(page.getByTestId('period-label')).toHaveText('FY2026 Q1: Apr–Jun 2025');
  await snap(page, 'pnl-period-label-en');
  await page.getByTestId('account-menu').click();
  await page.getByTestId('lang-ru').click();
  await expect(page.getByTestId('period-label')).toHaveText('ФГ2026 К1: апр–июн 2025');
  await snap(page, 'pnl-period-label-ru');
  // A range that ends before it starts: the API refuses it, in Russian (Accept-Language from the UI).
  await page.getByTestId('period-kind').getByText('Период', { exact: true }).click();
  await expect(page.getByTestId('period-from')).toHaveValue('2025-05');
  await page.getByTestId('period-to').fill('2025-01');
  await expect(page.getByTestId('error-state')).toContainText('Конец периода раньше начала');
  await page.screenshot({ path: 'test-results/screenshots/pnl-validation-error-ru.png', fullPage: true });
  await page.getByTestId('account-menu').click();
  await page.getByTestId('lang-en').click();
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('support-costs-table')).toBeVisible({ timeout: 45_000 });

  // Cost grid: a negative amount is refused before saving; a good one saves.
  const basic = page.getByTestId('support-cost-basic');
  await basic.fill('-3');
  await expect(page.getByTestId('support-costs')).toContainText('Cannot be negative');
  await expect(page.getByTestId('support-costs-save')).toBeDisabled();
  await basic.fill('4,50');
  await page.getByTestId('support-costs-save').click();
  await expect.poll(async () => (await (await page.request.get('/api/settings/support-costs')).json()).items.find((i: { supportLevel: string }) => i.supportLevel === 'basic').monthlyCost).toBe('4.50');
  await snap(page, 'director-settings-saved');

  // Back to the calendar year for the other journeys.
  await page.request.put('/api/settings', { data: { fiscalYearStartMonth: 1 } });
  await page.request.put('/api/settings/support-costs', { data: { items: [{ supportLevel: 'basic', monthlyCost: '3.00' }] } });
});
