import { expect, test } from '@playwright/test';
import { signIn, snap } from './helpers.js';

test("owner1 reads their own segment's P&L tab and is offered none on owner2's segment", async ({ page }) => {
  await signIn(page, 'owner1@demo.local');
  const me = await (await page.request.get('/api/me')).json();
  const segments: { id: string; ownerId: string | null }[] = (await (await page.request.get('/api/segments')).json()).items;
  const mine = segments.find((s) => s.ownerId === me.user.id)!;
  const theirs = segments.find((s) => s.ownerId && s.ownerId !== me.user.id)!;

  await page.goto(`/segments/${mine.id}`);
  await page.getByTestId('tab-pnl').click();
  await expect(page.getByTestId('segment-pnl-tab')).toBeVisible();
  await expect(page.getByTestId('segment-pnl-tab')).toContainText(/net revenue/i);
  await snap(page, 'owner1-segment-pnl-tab');

  await page.goto(`/segments/${theirs.id}`);
  await expect(page.getByTestId('tab-card')).toBeVisible();
  await expect(page.getByTestId('tab-pnl')).toHaveCount(0);
  // And the API refuses it all the same.
  expect((await page.request.get(`/api/pnl/segments/${theirs.id}`)).status()).toBe(404);
});
