import { expect, test } from '@playwright/test';
import { signIn, snap } from './helpers.js';

test('owner1 cites evidence on card fields and drags an initiative to another stage', async ({ page }) => {
  // Two journeys in one (card, board with a reload): give it room on a shared CI box.
  test.setTimeout(120_000);
  await signIn(page, 'owner1@demo.local');
  await page.getByTestId('nav-my-segments').click();
  await page.getByRole('link', { name: 'Enterprise with compliance' }).click();
  await expect(page.getByTestId('segment-title')).toHaveText('Enterprise with compliance');

  // Card: cite one of the segment's interviews on "pains" and a metric on "churn risks".
  await page.getByTestId('card-edit').click();
  const pains = page.getByTestId('card-evidence-pains');
  const before = await pains.getByTestId('evidence-chip').count();
  await pains.getByTestId('evidence-add').click();
  await pains.getByTestId('evidence-ref').click();
  await page.getByRole('option').first().click();
  await pains.getByTestId('evidence-note').fill('Names audit preparation as the slowest part');
  await pains.getByTestId('evidence-cite').click();
  await expect(pains.getByTestId('evidence-chip')).toHaveCount(before + 1);
  const churn = page.getByTestId('card-evidence-churnRisks');
  await churn.getByTestId('evidence-add').click();
  await churn.getByText('Metric', { exact: true }).click();
  await churn.getByTestId('evidence-ref').click();
  await page.getByRole('option', { name: 'Net revenue retention' }).click();
  await churn.getByTestId('evidence-note').fill('NRR fell two quarters running');
  await churn.getByTestId('evidence-cite').click();
  await snap(page, 'owner1-card-evidence-editor');
  await page.getByTestId('card-save').click();
  await expect(page.getByTestId('card-field-pains').getByTestId('evidence-badge')).toHaveCount(before + 1);
  await expect(page.getByTestId('card-field-churnRisks').getByTestId('evidence-badge').last()).toContainText('Net revenue retention');
  await snap(page, 'owner1-card-evidence');

  // Board: drag the first research initiative into the (other) sales column.
  await page.getByTestId('tab-board').click();
  const research = page.getByTestId('stage-research');
  const sales = page.getByTestId('stage-sales');
  await expect(page.getByTestId('initiative').first()).toBeVisible();
  const source = page.getByTestId('initiative').first();
  const title = (await source.locator('p').first().textContent())!.trim();
  const fromStage = (await page.locator('[data-testid^="stage-"]').filter({ has: page.getByText(title, { exact: true }) }).getAttribute('data-testid'))!;
  const target = fromStage === 'stage-sales' ? research : sales;
  const handle = source.getByTestId('initiative-drag');
  const a = (await handle.boundingBox())!;
  const b = (await target.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + 20, a.y + 20, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height - 20, { steps: 15 });
  await page.mouse.up();
  await expect(target.getByText(title, { exact: true })).toBeVisible();
  await page.waitForLoadState('networkidle');
  // The move is the server's, not only the screen's: after a reload it is still there, and the history says so.
  await page.reload();
  await page.getByTestId('tab-board').click();
  await expect(target.getByText(title, { exact: true })).toBeVisible();
  await snap(page, 'owner1-board-dragged');
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('history-entry').first()).toContainText('initiative.move');
});
