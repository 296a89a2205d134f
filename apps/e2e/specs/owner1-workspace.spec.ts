import { expect, test } from '@playwright/test';
import { signIn, snap } from './helpers.js';

test('owner1 fills a card, adds a scenario, reads the job map and the opportunity landscape', async ({ page }) => {
  await signIn(page, 'owner1@demo.local');
  await page.getByTestId('nav-my-segments').click();
  await page.getByRole('link', { name: 'Mid-market with process maturity' }).click();
  await expect(page.getByTestId('segment-title')).toHaveText('Mid-market with process maturity');

  // Card: the demo card is there; owner1 edits it.
  await expect(page.getByTestId('card-field-needs')).toContainText('Scalability');
  await snap(page, 'owner1-card');
  await page.getByTestId('card-edit').click();
  await page.getByTestId('card-input-churnRisks').fill('Resistance to change; a champion leaves the customer');
  await page.getByTestId('card-input-growthReason').fill('Monitoring and analytics modules as processes mature');
  await page.getByTestId('card-save').click();
  await expect(page.getByTestId('card-field-churnRisks')).toContainText('a champion leaves the customer');

  // Scenarios: add one with three steps.
  await page.getByTestId('tab-scenarios').click();
  await expect(page.getByTestId('bundle')).toBeVisible();
  await page.getByTestId('scenario-add').click();
  await page.getByTestId('scenario-title-input').fill('Onboard a new team in a week');
  await page.getByTestId('scenario-steps-input').fill('Create the team\nCopy the standard queues\nTrain the agents');
  await page.getByTestId('scenario-submit').click();
  const added = page.getByTestId('scenario').filter({ hasText: 'Onboard a new team in a week' });
  await expect(added.getByTestId('step-title')).toHaveText(['Create the team', 'Copy the standard queues', 'Train the agents']);
  await expect(page.getByTestId('drag-handle').first()).toBeVisible();
  await snap(page, 'owner1-scenarios');

  // Job map: outcomes per step with heat colours, the landscape and the coverage matrix.
  await page.getByTestId('tab-job-map').click();
  await expect(page.getByTestId('main-job')).toContainText('controlled, standard process');
  await expect(page.getByTestId('outcome').first()).toBeVisible();
  expect(await page.getByTestId('outcome').count()).toBeGreaterThan(4);
  await expect(page.getByTestId('landscape-chart').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('coverage-monitor')).toBeVisible();
  await snap(page, 'owner1-job-map');

  // Board and history.
  await page.getByTestId('tab-board').click();
  await expect(page.getByTestId('initiative').first()).toBeVisible();
  await snap(page, 'owner1-board');
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('history-entry').first()).toContainText('scenario.create');
  await snap(page, 'owner1-history');
});
