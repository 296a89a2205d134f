import { expect, test } from '@playwright/test';
import { signIn, snap } from './helpers.js';

test('an admin erases a customer’s personal data; amounts stay and the page shows the customer as erased', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, 'admin@demo.local');
  await page.getByTestId('nav-customers').click();
  await page.getByTestId('customer-link').first().click();
  const name = (await page.getByTestId('customer-name').textContent())!.trim();
  const revenue = (await page.getByTestId('customer-revenue').textContent())!.trim();
  const url = page.url();
  const customerId = url.split('/customers/')[1];
  // The external id is the grey text next to the name.
  const externalId = (await page.getByText(/^C-\d{6}$/).first().textContent())!.trim();

  await page.getByTestId('customer-erase').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(name);
  await expect(dialog.getByTestId('customer-erase-stays')).toContainText('Amounts and dates stay');
  await expect(dialog.getByTestId('confirm')).toBeDisabled();
  await dialog.getByTestId('customer-erase-confirm-id').fill(externalId);
  await snap(page, 'admin-erase-confirm');
  await dialog.getByTestId('confirm').click();

  await expect(page.getByTestId('customer-erased')).toBeVisible();
  await expect(page.getByTestId('customer-name')).toHaveText(`Erased customer ${externalId}`);
  await expect(page.getByTestId('customer-erased-badge')).toBeVisible();
  await expect(page.getByTestId('customer-erase')).toHaveCount(0);
  await expect(page.getByTestId('customer-revenue')).toHaveText(revenue);
  await snap(page, 'admin-erase-done');

  // Through the API the same way: contacts gone, revenue unchanged.
  const detail = await (await page.request.get(`/api/customers/${customerId}`)).json();
  expect({ name: detail.name, email: detail.email, phone: detail.phone, erased: !!detail.erasedAt }).toEqual({ name: `Erased customer ${externalId}`, email: null, phone: null, erased: true });

  // Others do not get the action at all.
  await page.getByTestId('account-menu').click();
  await page.getByTestId('sign-out').click();
  await signIn(page, 'director@demo.local');
  await page.goto(url);
  await expect(page.getByTestId('customer-name')).toBeVisible();
  await expect(page.getByTestId('customer-erase')).toHaveCount(0);
});
