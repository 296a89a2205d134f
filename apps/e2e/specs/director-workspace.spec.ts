import { expect, test } from '@playwright/test';
import { signIn, snap } from './helpers.js';

test('the director sees both owners’ segments with their cards, job maps and boards, and the segment actions', async ({ page }) => {
  await signIn(page, 'director@demo.local');
  for (const name of ['Enterprise with compliance', 'Growth teams']) {
    await page.getByTestId('nav-portfolio').click();
    await page.getByTestId('segments-table').getByRole('link', { name }).click();
    await expect(page.getByTestId('segment-title')).toHaveText(name);
    await expect(page.getByTestId('card-edit')).toBeVisible();
    await expect(page.getByTestId('lifecycle-menu')).toBeVisible();
    await page.getByTestId('tab-job-map').click();
    await expect(page.getByTestId('outcome').first()).toBeVisible();
    await snap(page, `director-job-map-${name.split(' ')[0].toLowerCase()}`);
    await page.getByTestId('tab-board').click();
    await expect(page.getByTestId('flow-wip')).toBeVisible();
    await snap(page, `director-board-${name.split(' ')[0].toLowerCase()}`);
  }
  await page.getByTestId('lifecycle-menu').click();
  await expect(page.getByTestId('lifecycle-merge')).toBeVisible();
  await expect(page.getByTestId('lifecycle-split')).toBeVisible();
  await snap(page, 'director-lifecycle-menu');
});
