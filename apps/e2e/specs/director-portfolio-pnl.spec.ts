import { expect, test } from '@playwright/test';
import { signIn, snap } from './helpers.js';

test('the director opens the portfolio, drills a segment’s margin down to transactions and exports XLSX', async ({ page }) => {
  await signIn(page, 'director@demo.local');
  await page.getByTestId('nav-portfolio').click();
  const table = page.getByTestId('portfolio-table');
  await expect(table).toBeVisible();
  await expect(page.getByTestId('portfolio-row-0')).toContainText(/Unsegmented/);
  // The demo queues a first ABCDX run at start-up: the card shows its distribution, or says there is none yet.
  const card = page.getByTestId('abcdx-card');
  await expect(card.getByTestId('abcdx-chart').or(card.getByText(/No segmentation run yet/))).toBeVisible();
  await snap(page, 'pnl-director-portfolio');

  const first = table.locator('tbody tr').first();
  await first.click();
  await page.getByTestId('drill-grossMargin').click();
  const customers = page.getByTestId('drill-customers');
  await expect(customers.locator('tbody tr').first()).toBeVisible();
  await customers.locator('tbody tr').first().click();
  await expect(page.getByTestId('drill-transactions').locator('tbody tr').first()).toBeVisible();
  await snap(page, 'pnl-director-drill');

  const download = page.waitForEvent('download');
  await page.getByTestId('export-transactions-xlsx').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
});

test('owner1 sees only their own segments’ P&L', async ({ page }) => {
  await signIn(page, 'owner1@demo.local');
  await page.getByTestId('nav-my-segments').click();
  const table = page.getByTestId('portfolio-table');
  await expect(table).toBeVisible();
  await expect(table).not.toContainText('Growth teams'); // owner2's
  await expect(table).not.toContainText('Price-sensitive small business'); // owner2's
  await expect(table).not.toContainText('Unsegmented');
  await expect(table).toContainText('Enterprise with compliance');
  await expect(page.getByTestId('pnl-lines')).toBeVisible();
  await snap(page, 'pnl-owner1-my-segments');
});

test('product1 sees only their own products’ revenue', async ({ page }) => {
  await signIn(page, 'product1@demo.local');
  await page.getByTestId('nav-my-products').click();
  const table = page.getByTestId('product-revenue-table');
  await expect(table.locator('tbody tr').first()).toBeVisible();
  // Every product in the revenue table is one of theirs, as the API lists them.
  const mine = await page.evaluate(async () => {
    const me = (await (await fetch('/api/me')).json()) as { id?: string; user?: { id: string } };
    const all = (await (await fetch('/api/products')).json()) as { items: { ownerId: string; name: string }[] };
    return all.items.filter((p: { ownerId: string }) => p.ownerId === me.user?.id || p.ownerId === me.id).map((p: { name: string }) => p.name);
  });
  expect(mine.length).toBeGreaterThan(0);
  const shown = await table.locator('tbody tr td:first-child').allTextContents();
  for (const name of shown) expect(mine).toContain(name);
  await snap(page, 'pnl-product1-my-products');
});
