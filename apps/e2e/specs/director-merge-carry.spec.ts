import { expect, test } from '@playwright/test';
import { signIn, snap } from './helpers.js';

test('the director merges two segments, keeps the second one’s card and carries the scenarios over', async ({ page }) => {
  await signIn(page, 'director@demo.local');
  // Two fresh segments of its own, so the demo segments other journeys use stay as they are.
  const mk = async (name: string, behaviourFactor: string, scenario: string) => {
    const seg = await (await page.request.post('/api/segments', { data: { name } })).json();
    await page.request.put(`/api/segments/${seg.id}/card`, { data: { behaviourFactor } });
    await page.request.post(`/api/segments/${seg.id}/scenarios`, { data: { title: scenario, steps: ['Start', 'Finish'] } });
    return seg.id as string;
  };
  const stamp = Date.now().toString(36);
  const first = await mk(`Merge A ${stamp}`, 'Buys on price', `Renew the licence ${stamp}`);
  await mk(`Merge B ${stamp}`, 'Buys on compliance', `Pass the audit ${stamp}`);

  await page.goto(`/segments/${first}`);
  await expect(page.getByTestId('segment-title')).toHaveText(`Merge A ${stamp}`);
  await page.getByTestId('lifecycle-menu').click();
  await page.getByTestId('lifecycle-merge').click();
  await page.getByTestId('merge-with').click();
  await page.getByRole('option', { name: `Merge B ${stamp}` }).click();
  await page.getByTestId('merge-name').fill(`Merged ${stamp}`);
  await page.getByTestId('merge-card-from').click();
  await page.getByRole('option', { name: `Merge B ${stamp}` }).click();
  await page.getByTestId('merge-carryBoard').uncheck();
  await snap(page, 'director-merge-dialog');
  await page.getByTestId('merge-submit').click();

  await expect(page.getByTestId('segment-title')).toHaveText(`Merged ${stamp}`);
  await expect(page.getByTestId('card-behaviour-factor')).toHaveText('Buys on compliance');
  await page.getByTestId('tab-scenarios').click();
  await expect(page.getByTestId('scenario').filter({ hasText: `Renew the licence ${stamp}` })).toBeVisible();
  await expect(page.getByTestId('scenario').filter({ hasText: `Pass the audit ${stamp}` })).toBeVisible();
  await snap(page, 'director-merged-scenarios');
});
