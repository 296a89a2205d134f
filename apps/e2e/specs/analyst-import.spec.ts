import { expect, test } from '@playwright/test';
import { signIn, snap } from './helpers.js';

// Demo customers are C-000001…; "Total paid" is not a header the guesser knows, so the analyst maps it by hand.
const CSV = [
  'ID,Customer,Date,Total paid,Type,Note',
  'E2E-1,C-000001,2024-01-15,120.00,payment,first',
  'E2E-2,C-000002,2024-13-01,80.00,payment,bad date',
  'E2E-3,C-000003,2024-02-01,abc,payment,bad number',
  'E2E-4,C-000001,2024-02-10,-20.00,refund,',
  'E2E-5,NEW-E2E,2024-03-01,55.50,payment,not in CRM',
].join('\n');

test('an analyst uploads a CSV with bad rows, fixes the mapping, sees the report, imports and sees the counts in the history', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, 'analyst@demo.local');
  await page.getByTestId('nav-data').click();
  await expect(page.getByTestId('import-history')).toBeVisible();
  await page.getByTestId('import-new').click();

  await page.locator('input[type=file]').setInputFiles({ name: 'billing-march.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await snap(page, 'analyst-import-upload');
  await page.getByTestId('import-upload').click();

  await expect(page.getByTestId('import-preview')).toBeVisible();
  await expect(page.getByTestId('import-validate')).toBeDisabled();
  await snap(page, 'analyst-import-mapping-guessed');
  await page.getByTestId('map-amount').click();
  await page.getByRole('option', { name: 'Total paid' }).click();
  await expect(page.getByTestId('import-validate')).toBeEnabled();
  await snap(page, 'analyst-import-mapping-fixed');
  await page.getByTestId('import-validate').click();

  await expect(page.getByTestId('import-checked')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('import-problem')).toHaveCount(4);
  await expect(page.getByTestId('import-problems')).toContainText('2024-13-01');
  await expect(page.getByTestId('import-problems')).toContainText('abc');
  await snap(page, 'analyst-import-report');

  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-success')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('count-rows-in')).toContainText('5');
  await expect(page.getByTestId('count-imported')).toContainText('3');
  await expect(page.getByTestId('count-quarantined')).toContainText('2');
  await snap(page, 'analyst-import-done');

  await page.getByTestId('import-to-history').click();
  const row = page.getByTestId('import-history-row').filter({ hasText: 'billing-march.csv' });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('history-rows-in')).toHaveText('5');
  await expect(row.getByTestId('history-imported')).toHaveText('3');
  await expect(row.getByTestId('history-quarantined')).toHaveText('2');
  await expect(row.getByTestId('import-status')).toContainText('Imported');
  await snap(page, 'analyst-import-history');
});
