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
