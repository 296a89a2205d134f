import { expect, request, test } from '@playwright/test';
import { signIn, snap } from './helpers.js';

// Demo customers are C-000001…; a tiny billing file an integration would push.
const CSV = ['external_id,customer_external_id,occurred_on,amount', 'TOKEN-E2E-1,C-000001,2024-04-01,10.00', 'TOKEN-E2E-2,C-000002,2024-04-02,20.00'].join('\n');

test('an admin creates an API token, an integration imports with it, the admin revokes it and the same request is refused', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  await signIn(page, 'admin@demo.local');
  await page.getByTestId('nav-api-tokens').click();
  await expect(page.getByTestId('api-tokens-empty')).toBeVisible();
  await snap(page, 'admin-api-tokens-empty');

  await page.getByTestId('api-token-create').click();
  await page.getByTestId('api-token-name').fill('Billing nightly export');
  await snap(page, 'admin-api-token-create');
  await page.getByTestId('api-token-create-submit').click();
  const secret = (await page.getByTestId('api-token-secret').textContent())!.trim();
  expect(secret).toMatch(/^cxs_[A-Za-z0-9_-]{20,}$/);
  await expect(page.getByTestId('api-token-once')).toContainText('only time');
  await expect(page.getByTestId('api-token-copy')).toBeVisible();
  await snap(page, 'admin-api-token-secret');
  await page.getByTestId('api-token-done').click();

  const row = page.getByTestId('api-token-row').filter({ hasText: 'Billing nightly export' });
  await expect(row.getByTestId('api-token-status')).toHaveText('Active');
  await expect(row.getByTestId('api-token-last-used')).toHaveText('Never used');
  // The secret is never shown again.
  await expect(page.getByText(secret)).toHaveCount(0);

  // The integration: no browser session, only the bearer token.
  const integration = await request.newContext({ baseURL });
  const push = () =>
    integration.post('/api/imports?source=transactions&fileName=nightly.csv&start=true', { headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'text/csv' }, data: CSV });
  const res = await push();
  expect(res.status()).toBe(201);
  const imp = await res.json();
  await expect
    .poll(async () => (await (await integration.get(`/api/imports/${imp.id}`, { headers: { Authorization: `Bearer ${secret}` } })).json()).status, { timeout: 90_000 })
    .toBe('succeeded');

  await page.reload();
  await expect(row.getByTestId('api-token-last-used')).not.toHaveText('Never used');
  await snap(page, 'admin-api-tokens-used');

  await row.getByTestId('api-token-revoke').click();
  await expect(page.getByRole('dialog')).toContainText('Billing nightly export');
  await snap(page, 'admin-api-token-revoke-confirm');
  await page.getByTestId('confirm').click();
  await expect(row.getByTestId('api-token-status')).toContainText('Revoked');
  await expect(row.getByTestId('api-token-revoke')).toHaveCount(0);
  await snap(page, 'admin-api-tokens-revoked');

  await page.getByTestId('account-menu').click();
  await page.getByTestId('lang-ru').click();
  await expect(row.getByTestId('api-token-status')).toContainText('Отозван');
  await snap(page, 'admin-api-tokens-ru');
  await page.getByTestId('account-menu').click();
  await page.getByTestId('lang-en').click();

  const refused = await push();
  expect(refused.status()).toBe(401);
  expect((await refused.json()).message).toBe('The API token is unknown or revoked');
  await integration.dispose();

  // The analyst's history names the token as who imported.
  await page.getByTestId('account-menu').click();
  await page.getByTestId('sign-out').click();
  await signIn(page, 'analyst@demo.local');
  await page.getByTestId('nav-data').click();
  const hist = page.getByTestId('import-history-row').filter({ hasText: 'nightly.csv' });
  await expect(hist).toContainText('Billing nightly export');
  await expect(hist.getByTestId('history-imported')).toHaveText('2');
});
