import { expect, test } from '@playwright/test';
import { signIn, snap } from './helpers.js';

test('owner1 sees top customers and churn risks of their own segments only, with links to the card, job map and value stream', async ({ page }) => {
  await signIn(page, 'owner1@demo.local');
  const me = await (await page.request.get('/api/me')).json();
  const segments: { id: string; name: string; ownerId: string | null; status: string }[] = (await (await page.request.get('/api/segments')).json()).items;
  const mine = segments.filter((s) => s.ownerId === me.user.id && s.status === 'active');
  // Other journeys running at the same time may give owner1 a new, still empty segment: read the one with
  // customers (the page focuses on the owner's largest segment first).
  const counts = await Promise.all(
    mine.map(async (s) => (await (await page.request.get(`/api/pnl/segments/${s.id}/top-customers?limit=10`)).json()).items.length as number),
  );
  const target = mine[counts.findIndex((n) => n > 0)];
  expect(target, 'owner1 has a segment with customers').toBeTruthy();
  const theirs = segments.find((s) => s.ownerId && s.ownerId !== me.user.id)!;

  await page.goto('/my-segments');
  const focus = page.getByTestId('segment-focus');
  await expect(focus).toBeVisible({ timeout: 45_000 });
  if (mine.length > 1) await focus.getByTestId('focus-segment').getByText(target.name, { exact: true }).click();
  await expect(focus.getByTestId('top-customers-table')).toBeVisible({ timeout: 45_000 });
  // The segment switcher offers exactly my segments.
  if (mine.length > 1) {
    const labels = await focus.getByTestId('focus-segment').locator('label').allInnerTexts();
    expect(labels.sort()).toEqual(mine.map((s) => s.name).sort());
  }
  // Top customers shown are those the API gives for my first segment.
  const top = await (await page.request.get(`/api/pnl/segments/${target.id}/top-customers?limit=10`)).json();
  await expect(focus.locator('[data-testid^="top-customer-"]')).toHaveCount(top.items.length);
  for (const c of top.items.slice(0, 3)) await expect(focus.getByTestId(`top-customer-${c.customerId}`)).toContainText(c.name);
  const risks = await (await page.request.get(`/api/pnl/segments/${target.id}/churn-risks`)).json();
  if (risks.items.length > 0) await expect(focus.getByTestId('churn-risks-table')).toBeVisible();
  else await expect(focus.getByTestId('churn-risks-empty')).toBeVisible();
  await focus.getByTestId('churn-rule').hover();
  await expect(page.getByText(/longest gap between purchases/)).toBeVisible();
  await snap(page, 'owner1-my-segments');

  // Links into the workspace.
  for (const tab of ['card', 'job-map', 'board']) await expect(focus.getByTestId(`link-${tab}`)).toHaveAttribute('href', `/segments/${target.id}/${tab}`);
  await focus.getByTestId('link-job-map').click();
  await expect(page).toHaveURL(new RegExp(`/segments/${target.id}/job-map`));

  // Nothing of owner2's segment, in the page or the API.
  await page.goto('/my-segments');
  await expect(page.getByTestId('segment-focus')).toBeVisible({ timeout: 45_000 });
  await expect(page.getByTestId('segment-focus')).not.toContainText(theirs.name);
  expect((await page.request.get(`/api/pnl/segments/${theirs.id}/top-customers`)).status()).toBe(404);
  expect((await page.request.get(`/api/pnl/segments/${theirs.id}/churn-risks`)).status()).toBe(404);

  // Russian.
  await page.evaluate(() => localStorage.setItem('cxs.language', 'ru'));
  await page.reload();
  await expect(page.getByTestId('segment-focus')).toContainText('Крупнейшие клиенты', { timeout: 45_000 });
  await snap(page, 'owner1-my-segments-ru');
});
