import { expect, test } from '@playwright/test';
import { signIn, snap } from './helpers.js';

test("product1 sees their products' revenue by segment and the segments whose bundles include them, nothing of product2's", async ({ page }) => {
  await signIn(page, 'product1@demo.local');
  const me = await (await page.request.get('/api/me')).json();
  const products: { id: string; name: string; ownerId: string | null }[] = (await (await page.request.get('/api/products')).json()).items;
  const others = products.filter((p) => p.ownerId && p.ownerId !== me.user.id);
  await page.goto('/my-products');
  await expect(page.getByTestId('product-revenue-table')).toBeVisible({ timeout: 45_000 });
  await expect(page.getByTestId('product-bundles')).toBeVisible();
  const data = await (await page.request.get('/api/pnl/products')).json();
  for (const b of data.bundles) await expect(page.getByTestId('product-bundles-table')).toContainText(b.productName);
  for (const p of others) {
    await expect(page.getByTestId('product-revenue-table')).not.toContainText(p.name);
    await expect(page.getByTestId('product-bundles')).not.toContainText(p.name);
  }
  await snap(page, 'product1-revenue-bundles');
});
