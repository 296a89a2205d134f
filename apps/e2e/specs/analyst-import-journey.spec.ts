import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { signIn, snap } from './helpers.js';

// A Russian billing export: semicolons, decimal comma, DD.MM.YYYY. "Total paid" is a header no guesser knows;
// one date does not exist, one amount is text, one is a spreadsheet formula (stored as text, exported inert).
const CSV = [
  'ID;Customer;Date;Total paid;Type;Comment',
  'J-1;C-000001;15.01.2024;120,00;payment;first',
  'J-2;C-000002;31.13.2024;80,00;payment;bad date',
  'J-3;C-000003;01.02.2024;abc;payment;bad number',
  'J-4;C-000001;10.02.2024;-20,00;refund;',
  'J-5;C-000004;01.03.2024;"=HYPERLINK(""http://evil.example"",""click"")";payment;formula',
].join('\r\n');

test('the analyst’s import journey: demo history, detection, mapping, report, quarantine, fix and re-import', async ({ page }) => {
  // Imports run one at a time in the background queue: parallel specs that import wait their turn.
  test.setTimeout(300_000);
  await signIn(page, 'analyst@demo.local');
  await page.getByTestId('nav-data').click();
  // The demo's initial loads are in the history: one per source, by the analyst.
  const history = page.getByTestId('import-history-row');
  for (const file of ['product-catalogue.csv', 'bitrix24-companies.csv', 'bitrix24-deals.csv', '1c-payments.csv', 'product-analytics-monthly.csv', 'nps-survey-responses.csv', 'jtbd-interviews.csv']) {
    await expect(history.filter({ hasText: file })).toHaveCount(1);
  }
  await expect(history.filter({ hasText: '1c-payments.csv' })).toContainText('Maya Chen');
  await snap(page, 'journey-01-history-demo');

  await page.getByTestId('import-new').click();
  await expect(page.getByTestId('import-preset')).toBeVisible();
  await page.locator('input[type=file]').setInputFiles({ name: 'billing-q1.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await snap(page, 'journey-02-upload');
  await page.getByTestId('import-upload').click();

  // Detection panel: each setting shown with what was detected, each can be changed.
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await expect(page.getByTestId('import-format-delimiter')).toHaveValue('Semicolon');
  await expect(page.getByTestId('import-format-decimal')).toHaveValue('Comma');
  await expect(page.getByTestId('import-format-dateFormat')).toHaveValue('DD.MM.YYYY');
  await expect(page.getByTestId('import-format-encoding')).toHaveValue('UTF-8');
  for (const key of ['encoding', 'delimiter', 'decimal', 'thousands', 'dateFormat']) await expect(page.getByTestId(`import-format-${key}`)).toBeEnabled();
  await page.getByTestId('import-format-thousands').click();
  await page.getByRole('option', { name: 'Space' }).click();
  await expect(page.getByTestId('import-format-thousands')).toHaveValue('Space');
  // The saved presets of this source are offered on the mapping step too.
  await expect(page.getByTestId('mapping-preset')).toBeVisible();
  await expect(page.getByTestId('import-validate')).toBeDisabled();
  await snap(page, 'journey-03-mapping-guessed');
  await page.getByTestId('map-amount').click();
  await page.getByRole('option', { name: 'Total paid' }).click();
  await snap(page, 'journey-04-mapping-fixed');
  await page.getByTestId('import-validate').click();

  await expect(page.getByTestId('import-checked')).toBeVisible({ timeout: 90_000 });
  const problems = page.getByTestId('import-problems');
  await expect(problems).toContainText('31.13.2024');
  await expect(problems).toContainText('abc');
  await expect(problems).toContainText('=HYPERLINK');
  await snap(page, 'journey-05-report');

  // The report as CSV: the formula-like value is prefixed so a spreadsheet shows it as text.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-report-download').click()]);
  const report = await readFile((await download.path())!, 'utf8');
  expect(report.split('\n')[0]).toBe('\ufefffile,row,column,value,severity,code,reason');
  expect(report).toContain(`billing-q1.csv,6,Total paid,"'=HYPERLINK(""http://evil.example"",""click"")",error,BAD_NUMBER`);
  expect(report).toContain('billing-q1.csv,3,Date,31.13.2024,error,BAD_DATE');
  expect(report.split('\n').some((line) => line.split(',').some((cell) => /^"?[=+@]/.test(cell)))).toBe(false);

  await page.getByTestId('import-mode').click();
  await page.getByRole('option', { name: /keep the others in quarantine/ }).click();
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-success')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('count-rows-in')).toContainText('5');
  await expect(page.getByTestId('count-imported')).toContainText('2');
  await expect(page.getByTestId('count-quarantined')).toContainText('3');

  // Fix the quarantined rows in place.
  const fixer = page.getByTestId('quarantine-fixer');
  await expect(fixer.getByTestId('quarantine-row')).toHaveCount(3);
  await snap(page, 'journey-06-imported-with-quarantine');
  await fixer.locator('[data-row="3"]').getByTestId('quarantine-cell-occurred_on').fill('31.12.2024');
  await fixer.locator('[data-row="4"]').getByTestId('quarantine-cell-amount').fill('45,50');
  await fixer.locator('[data-row="6"]').getByTestId('quarantine-cell-amount').fill('99,00');
  await snap(page, 'journey-07-quarantine-fixed');
  await fixer.getByTestId('quarantine-reimport').click();

  // A new import of the corrected rows: field names map to themselves, the original's format is kept.
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await expect(page.getByTestId('import-format-decimal')).toHaveValue('Comma');
  await expect(page.getByTestId('import-format-dateFormat')).toHaveValue('DD.MM.YYYY');
  await expect(page.getByTestId('import-validate')).toBeEnabled();
  await snap(page, 'journey-08-reimport-mapping');
  await page.getByTestId('import-validate').click();
  await expect(page.getByTestId('import-checked')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('import-report-empty')).toBeVisible();
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-success')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('count-rows-in')).toContainText('3');
  await expect(page.getByTestId('count-imported')).toContainText('3');
  await expect(page.getByTestId('count-quarantined')).toContainText('0');
  await snap(page, 'journey-09-reimported');

  await page.getByTestId('import-to-history').click();
  const first = history.filter({ hasText: 'billing-q1.csv' });
  await expect(first.getByTestId('history-rows-in')).toHaveText('5');
  await expect(first.getByTestId('history-imported')).toHaveText('2');
  await expect(first.getByTestId('history-quarantined')).toHaveText('3');
  const fixed = history.filter({ hasText: 'billing-q1-corrected.csv' });
  await expect(fixed.getByTestId('history-imported')).toHaveText('3');
  await snap(page, 'journey-10-history');

  // Undo asks first and says what it will do.
  await fixed.getByTestId('import-undo').click();
  await expect(page.getByRole('dialog')).toContainText('billing-q1-corrected.csv');
  await snap(page, 'journey-11-undo-confirm');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  // The same pages in Russian.
  await page.getByTestId('account-menu').click();
  await page.getByTestId('lang-ru').click();
  await expect(page.getByTestId('import-history')).toContainText('История импорта');
  await snap(page, 'journey-12-history-ru');
  await first.getByRole('link').click();
  // The original's quarantined rows now point at the import that brought them in.
  await expect(page.getByTestId('quarantine-resolved')).toHaveCount(3);
  await expect(page.getByTestId('quarantine-all-resolved')).toBeVisible();
  await expect(page.getByTestId('quarantine-reimport')).toHaveCount(0);
  await snap(page, 'journey-13-report-ru');
});
