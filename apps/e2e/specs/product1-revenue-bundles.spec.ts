import { expect, test } from '@playwright/test';
import { signIn, snap } from './helpers.js';

test("product1 sees their products' revenue by segment and the segments whose bundles include them, nothing of product2's", async ({ page }) => {
  await signIn(page, 'product1@demo.local');
  const me = await (await page.request.get('/api/me')).json();
  const products: { id: string; name: string; ownerId: string | null }[] = (await (await page.request.get('/api/products')).json()).items;
  const others = products.filter((p) => p.ownerId && p.ownerId !== me.user.id);
  await page.goto('/my-products');
  await expect(page.getByTestId('product-revenue-table')).toBeVisible({ timeout: 45_000 });
  // Each (product, segment) revenue row names the scenarios of that segment's bundle the product hangs on.
  const data = await (await page.request.get('/api/pnl/products')).json();
  const withScenario = data.rows.find((r: { productId: string; segmentId: string }) =>
    data.bundles.some((b: { productId: string; segments: { segmentId: string }[] }) => b.productId === r.productId && b.segments.some((s) => s.segmentId === r.segmentId)),
  );
  const bundle = data.bundles.find((b: { productId: string }) => b.productId === withScenario.productId);
  const scenario = bundle.segments.find((s: { segmentId: string }) => s.segmentId === withScenario.segmentId).scenarios[0].title;
  await expect(page.getByTestId('product-revenue-table')).toContainText(scenario);
  await expect(page.getByTestId('product-revenue-table')).toContainText('not in this segment’s bundle');
  for (const p of others) await expect(page.getByTestId('product-revenue-table')).not.toContainText(p.name);
  await snap(page, 'product1-revenue-bundles');
});
