import { expect, test } from '@playwright/test';
import { signIn, snap } from './helpers.js';

test('product1 attaches a product to owner1’s scenario and cannot edit owner2’s segment', async ({ page }) => {
  await signIn(page, 'product1@demo.local');
  await page.getByTestId('nav-my-products').click();
  await expect(page.getByTestId('product-usage')).toBeVisible();
  await page.getByTestId('browse-segments').getByRole('link', { name: /Enterprise with compliance/ }).click();
  await expect(page.getByTestId('segment-title')).toHaveText('Enterprise with compliance');

  // Attach a product to the first step of the security-review scenario.
  const scenario = page.getByTestId('scenario').filter({ hasText: 'Pass the information-security review before rollout' });
  const step = scenario.getByTestId('scenario-step').filter({ hasText: 'Collect security requirements' });
  await step.getByTestId('step-attach').click();
  await page.getByTestId('attach-product').click();
  await page.getByRole('option', { name: /Voice Enterprise/ }).click();
  await page.getByTestId('attach-note').fill('Recorded calls with the security team become the requirements list');
  await page.getByTestId('attach-submit').click();
  await expect(step.getByTestId('attachment')).toContainText('Voice Enterprise');
  await expect(step.getByTestId('attachment')).toContainText('Proposed');
  // Product owners do not edit the segment's scenarios.
  await expect(page.getByTestId('scenario-add')).toHaveCount(0);
  await snap(page, 'product1-attached');

  // The product owner's view lists it.
  await page.getByTestId('nav-my-products').click();
  await expect(page.getByTestId('product-usage')).toContainText('Collect security requirements');
  await snap(page, 'product1-my-products');

  // owner2's segment: no edit action in the UI, and the API refuses a crafted request.
  await page.getByTestId('browse-segments').getByRole('link', { name: /Growth teams/ }).click();
  await expect(page.getByTestId('segment-title')).toHaveText('Growth teams');
  await page.getByTestId('tab-card').click();
  await expect(page.getByTestId('card-view')).toBeVisible();
  await expect(page.getByTestId('card-edit')).toHaveCount(0);
  await expect(page.getByTestId('lifecycle-menu')).toHaveCount(0);
  const id = page.url().match(/segments\/(\d+)/)![1];
  const crafted = await page.request.put(`/api/segments/${id}/card`, { data: { fields: { pains: { text: 'hijacked', evidence: [] } } } });
  expect(crafted.status()).toBe(403);
  const scenario2 = await page.request.post(`/api/segments/${id}/scenarios`, { data: { title: 'hijacked' } });
  expect(scenario2.status()).toBe(403);
  await snap(page, 'product1-owner2-readonly');
});
