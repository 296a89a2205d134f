import { expect, test } from '@playwright/test';
import { signIn, snap } from './helpers.js';

const ym = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
const idx = (s: string) => Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7)) - 1;

test('owner1 proposes targets, the director changes and approves them with a comment, owner1 sees plan vs actual', async ({ page, browser }) => {
  // Two people, five pages: longer than one page's default on a shared 2-core machine.
  test.setTimeout(180_000);
  await signIn(page, 'owner1@demo.local');
  const me = await (await page.request.get('/api/me')).json();
  const segments: { id: string; name: string; ownerId: string | null }[] = (await (await page.request.get('/api/segments')).json()).items;
  const mine = segments.filter((s) => s.ownerId === me.user.id);
  const seg = mine[0];
  // A complete quarter with data and no plan yet for this segment.
  const pnl = await (await page.request.get(`/api/pnl/segments/${seg.id}`)).json();
  const existing: { periodKind: string; periodStart: string }[] = (await (await page.request.get(`/api/plans?segmentId=${seg.id}`)).json()).items;
  let q = idx(pnl.period.to) - 5;
  q -= q % 3;
  while (existing.some((p) => p.periodKind === 'quarter' && p.periodStart === ym(q))) q -= 3;

  await page.goto('/my-segments');
  const plans = page.getByTestId('my-plans');
  await expect(plans.getByTestId('plans-table')).toBeVisible({ timeout: 45_000 });
  await plans.getByTestId('propose-plan').click();
  const form = page.getByTestId('propose-plan-form');
  await form.getByTestId('plan-segment').click();
  await page.getByRole('option', { name: seg.name, exact: true }).click();
  await form.getByTestId('plan-start').fill(ym(q));
  await form.getByTestId('plan-revenue').fill('100000');
  await form.getByTestId('plan-margin').fill('40000,50');
  await form.getByTestId('plan-customers').fill('60');
  await form.getByTestId('plan-note').fill('Renewals season');
  await page.screenshot({ path: 'test-results/screenshots/owner1-plan-propose-form.png' });
  await form.getByTestId('plan-submit').click();
  await expect(form).toHaveCount(0);

  const created = (await (await page.request.get(`/api/plans?segmentId=${seg.id}`)).json()).items.find((p: { periodStart: string; periodKind: string }) => p.periodKind === 'quarter' && p.periodStart === ym(q));
  expect(created).toMatchObject({ status: 'proposed', revenueTarget: '100000.00', marginTarget: '40000.50', customersTarget: 60 });
  await expect(plans.getByTestId(`plan-status-${created.id}`)).toHaveText(/proposed/i);
  await snap(page, 'owner1-plan-proposed');

  // The director decides on the portfolio.
  const ctx = await browser.newContext();
  const dpage = await ctx.newPage();
  await signIn(dpage, 'director@demo.local');
  await dpage.goto('/portfolio');
  const dplans = dpage.getByTestId('portfolio-plans');
  await expect(dplans.getByTestId('plans-proposed-count')).toBeVisible({ timeout: 45_000 });
  await dplans.getByTestId(`plan-decide-${created.id}`).click();
  const decide = dpage.getByTestId('decide-plan-form');
  await decide.getByTestId('decide-revenue').fill('120000');
  // Changing a target without a comment is not possible.
  await expect(decide.getByTestId('decide-submit')).toBeDisabled();
  await decide.getByTestId('decide-comment').fill('Renewals plus the price change: aim for 120k');
  await decide.getByTestId('decide-submit').click();
  await expect(decide).toHaveCount(0);
  await expect(dplans.getByTestId(`plan-status-${created.id}`)).toHaveText(/approved/i);
  await dplans.getByTestId(`plan-row-${created.id}`).scrollIntoViewIfNeeded();
  await snap(dpage, 'director-plan-approved');
  await ctx.close();

  // owner1 sees the approved plan, the director's comment and plan vs actual.
  await page.reload();
  await expect(plans.getByTestId(`plan-status-${created.id}`)).toHaveText(/approved/i, { timeout: 45_000 });
  await expect(plans.getByTestId(`plan-comment-${created.id}`)).toContainText('aim for 120k');
  const after = (await (await page.request.get(`/api/plans?segmentId=${seg.id}`)).json()).items.find((p: { id: string }) => p.id === created.id);
  expect(after.revenueTarget).toBe('120000.00');
  expect(after.actual.monthsWithData).toBe(3);
  await expect(plans.getByTestId(`plan-revenue-${created.id}`)).toContainText(/120,000\.00/);
  await snap(page, 'owner1-plan-vs-actual');

  // The same plan on the segment's P&L tab, for that quarter.
  await page.goto(`/segments/${seg.id}/pnl`);
  await expect(page.getByTestId('segment-plans').getByTestId(`plan-row-${created.id}`)).toBeVisible({ timeout: 45_000 });
  await page.getByTestId('segment-pnl-tab').getByTestId('period-kind').locator('label').filter({ hasText: 'Quarter' }).click({ force: true });
  await page.getByTestId('period-at').fill(ym(q + 1));
  await expect(page.getByTestId(`pnl-plan-${created.id}`)).toBeVisible({ timeout: 45_000 });
  await snap(page, 'owner1-segment-pnl-plan');
});
