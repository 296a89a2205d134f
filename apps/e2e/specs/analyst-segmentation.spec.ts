import { expect, test, type Page } from '@playwright/test';
import { runAbcdx } from '@cxs/segmentation-engine';
import { signIn, snap } from './helpers.js';

/** The admin's debounce before a preview recomputes (apps/admin/src/features/segmentation/hooks/use-preview.ts). */
const PREVIEW_DEBOUNCE_MS = 150;

/**
 * Fills a weight and resolves with the wall time in the page from the input
 * event to the moment the preview shows the answer for it (data-summary has
 * the new weight and the panel is no longer updating), observed with a
 * MutationObserver, so Playwright's polling interval is not part of the figure.
 */
async function timedWeightChange(page: Page, column: string, weight: string): Promise<number> {
  const pattern = `(^|;)${column}:${weight.replace('.', '\\.')}:`;
  const done = page.evaluate(
    ({ column, pattern }) =>
      new Promise<number>((resolve) => {
        const input = document.querySelector<HTMLInputElement>(`[data-testid="weight-${column}"]`)!;
        const panel = document.querySelector<HTMLElement>('[data-testid="preview"]')!;
        let t0 = 0;
        input.addEventListener('input', () => (t0 ||= performance.now()), { capture: true, once: true });
        const check = () => {
          if (t0 && new RegExp(pattern).test(panel.dataset.summary ?? '') && panel.dataset.busy === 'false') {
            observer.disconnect();
            resolve(performance.now() - t0);
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(panel, { attributes: true });
      }),
    { column, pattern },
  );
  await page.getByTestId(`weight-${column}`).fill(weight);
  return done;
}

/**
 * Sizes the live preview must show for the model with one weight changed: the
 * model's spec and the seeded sample read from the API, the engine run here in
 * Node with the preview's restarts (min(restarts, 3)). "A:421,B:1132,…"
 */
async function expectedPreviewSizes(page: Page, modelId: string, column: string, weight: number): Promise<string> {
  const model = await (await page.request.get(`/api/segmentation/models/${modelId}`)).json();
  const spec = model.spec;
  const sample = await (await page.request.get(`/api/features/sample?asOf=${spec.asOf}&lookbackMonths=${spec.lookbackMonths}&size=5000`)).json();
  const params = spec.parameters.map((p: { column: string; direction: 'higher_better'; transform: 'none'; clip: { lower: number; upper: number } | null; weight: number; role: 'value' }) => ({
    column: p.column,
    direction: p.direction,
    transform: p.transform,
    clip: p.clip ?? undefined,
    weight: p.column === column ? weight : p.weight,
    role: p.role,
  }));
  const run = runAbcdx(sample, params, { standardise: spec.standardise, missing: spec.missing, k: spec.k, seed: spec.seed, restarts: Math.min(spec.restarts, 3) });
  return run.clusters.map((c) => `${c.label}:${c.size}`).join(',');
}

/**
 * The ABCDX cycle end to end: the analyst builds a model, watches the live
 * preview move with a weight, runs it, watches progress, reads clusters and
 * the overlay, compares with the earlier run, and promotes a group; the
 * director approves it and names owner1 as CX-owner.
 */
test.describe.configure({ mode: 'serial' });

async function waitForSucceeded(page: Page) {
  await expect(page.getByTestId('run-progress-card').getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 90_000 });
}

let newRunId = '';
let earlierRunId = '';

test('analyst: model, live preview, run with progress, results, overlay, comparison, promotion', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, 'analyst@demo.local');
  // The demo's first ABCDX run (queued at start-up) is the "earlier run" to compare with.
  await page.getByTestId('nav-runs').click();
  const firstRow = page.getByTestId('runs-table').locator('tr', { hasText: 'ABCDX — default' }).last();
  await expect(firstRow.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 90_000 });
  earlierRunId = ((await firstRow.getAttribute('data-testid')) ?? '').replace('run-row-', '');

  // Build a model: a new ABCDX model starts from the default parameters.
  await page.getByTestId('nav-models').click();
  await page.getByTestId('new-model-abcdx').click();
  // Creating a model may wait for the start-up runs' feature window (one lock per window): allow for it.
  await expect(page).toHaveURL(/\/models\/\d+$/, { timeout: 60_000 });
  await expect(page.getByTestId('parameters-table')).toBeVisible({ timeout: 30_000 });
  const modelId = page.url().split('/').pop()!;
  const preview = page.getByTestId('preview');
  const sizes = page.getByTestId('preview-sizes');
  await expect(sizes).toContainText('A:', { timeout: 30_000 });
  await expect(preview).toHaveAttribute('data-busy', 'false');
  const generationBefore = Number(await preview.getAttribute('data-generation'));
  const before = await preview.getAttribute('data-sizes');
  // A new model copies the newest ABCDX model, which an earlier attempt may have saved with a changed weight:
  // pick a weight that differs from the one on screen, so the change is a change.
  const input = page.getByTestId('weight-active_users_growth');
  const current = Number(await input.inputValue());
  const weight = [5, 2, 0.5].find((w) => w !== current)!;
  // What the preview must show after the change, computed independently here in Node by the engine on the same
  // seeded sample: the test fails if the page shows an older answer, and it proves the change is visible at all.
  const expectedSizes = await expectedPreviewSizes(page, modelId, 'active_users_growth', weight);
  expect(expectedSizes, `weight ${weight} on user growth must move the preview, or this journey proves nothing`).not.toBe(before);
  // A weight change redraws the preview (sizes, labels, medians) within a second.
  const redraw = await timedWeightChange(page, 'active_users_growth', String(weight));
  await expect(preview).toHaveAttribute('data-busy', 'false');
  await expect(preview).toHaveAttribute('data-sizes', expectedSizes);
  await expect(sizes).toHaveText(expectedSizes.split(',').map((x) => x.replace(':', ': ')).join(' · '));
  expect(Number(await preview.getAttribute('data-generation'))).toBeGreaterThan(generationBefore);
  // Only the weight changed: the worker re-weighted its prepared matrix instead of preparing it again.
  await expect(preview).toHaveAttribute('data-reused', 'true');
  const ms = await preview.getAttribute('data-ms');
  console.log(`preview redraw after a weight change: ${redraw.toFixed(0)} ms wall in the page incl. ${PREVIEW_DEBOUNCE_MS} ms debounce (engine ${ms} ms in the worker, 5,000 × 15, 3 restarts)`);
  // Back to the top: a full-page screenshot draws the fixed header where the page is scrolled to.
  await page.evaluate(() => window.scrollTo(0, 0));
  await snap(page, 'segmentation-model-editor');

  // Run it and watch the progress.
  await page.getByTestId('run-model').click();
  await expect(page).toHaveURL(/\/runs\/\d+$/, { timeout: 45_000 });
  newRunId = page.url().split('/').pop()!;
  await expect(page.getByTestId('run-progress')).toBeVisible();
  await waitForSucceeded(page);

  // Results: cluster table, chart legend A–X, overlay explained in words.
  for (const l of ['A', 'B', 'C', 'D', 'X']) await expect(page.getByTestId(`cluster-row-${l}`)).toBeVisible();
  // The chart's legend as ECharts holds it, and every legend entry has points: no empty series behind a legend item.
  const chart = page.getByTestId('cluster-chart');
  await expect(chart).toHaveAttribute('data-legend', 'A,B,C,D,X');
  const series = ((await chart.getAttribute('data-series')) ?? '').split(',').map((x) => x.split(':'));
  expect(series.map(([name]) => name)).toEqual(['A', 'B', 'C', 'D', 'X']);
  for (const [name, n] of series) expect(Number(n), `points of series ${name}`).toBeGreaterThan(0);
  await expect(page.getByTestId('k-choice-chart')).toHaveAttribute('data-legend', 'Inertia,Silhouette');
  await expect(page.getByTestId('typical-A')).not.toBeEmpty();
  // The member list is loaded, not just present: it counts the run's customers.
  await expect(page.getByTestId('members-total')).toHaveText(/^[1-9][\d,\s]* customers$/);
  await snap(page, 'segmentation-results');
  const overlay = page.getByTestId('overlay');
  await overlay.scrollIntoViewIfNeeded();
  await expect(overlay.getByTestId('overlay-explanation').first()).toBeVisible();
  // A full-page clip: an element screenshot would have the fixed header drawn over the overlay's title.
  const box = await overlay.evaluate((el) => { const r = el.getBoundingClientRect(); return { x: r.left + window.scrollX - 8, y: r.top + window.scrollY - 8, width: r.width + 16, height: r.height + 16 }; });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'test-results/screenshots/segmentation-overlay.png', fullPage: true, clip: box });
  await expect(overlay.getByTestId('overlay-chart-industry')).toHaveAttribute('data-series', /^heatmap:\d+$/);
  await expect(page.getByTestId('members-total')).toContainText(/\d/);

  // Compare with the earlier run: the Sankey's nodes are the two runs' clusters.
  await page.goto(`/runs/compare?a=${earlierRunId}&b=${newRunId}`);
  const sankey = page.getByTestId('sankey');
  await expect(sankey).toHaveAttribute('data-nodes', /.+/);
  const nodes = ((await sankey.getAttribute('data-nodes')) ?? '').split(',').sort();
  const expected = ['A', 'B', 'C', 'D', 'X'].flatMap((l) => [`${l} · #${earlierRunId}`, `${l} · #${newRunId}`]).sort();
  expect(nodes).toEqual(expected);
  // Every customer in both runs flows through the Sankey exactly once.
  const common = await page.getByTestId('common').getAttribute('data-value');
  await expect(sankey).toHaveAttribute('data-flow', common ?? 'missing');
  await expect(page.getByTestId('ari')).toHaveText(/0\.\d{3}|1\.000/);
  await snap(page, 'segmentation-sankey');

  // Promote group A.
  await page.goto(`/runs/${newRunId}`);
  await page.getByTestId('promote-A').click();
  await page.getByTestId('promote-name').fill('Champions (ABCDX A)');
  await page.getByTestId('promote-submit').click();
  await expect(page.getByTestId('promote-done')).toBeVisible();
});

test('director: approves the promotion and assigns owner1', async ({ page }) => {
  await signIn(page, 'director@demo.local');
  await page.getByTestId('nav-promotions').click();
  // The newest proposal of that name (a retried analyst journey may have proposed it twice).
  const row = page.getByTestId('promotions-table').locator('tr', { hasText: 'Champions (ABCDX A)' }).filter({ has: page.getByTestId('promotion-status').filter({ hasText: /Proposed/ }) }).first();
  await expect(row.getByTestId('promotion-status')).toHaveText(/Proposed/);
  await expect(row).toBeVisible();
  await row.locator('[data-testid^="owner-"]').click();
  await page.getByRole('option', { name: /owner1@demo\.local/ }).click();
  const approve = row.locator('[data-testid^="approve-"]');
  const id = ((await approve.getAttribute('data-testid')) ?? '').replace('approve-', '');
  await approve.click();
  // Approval moves memberships and refreshes the P&L rollups in one transaction: allow it time on a busy machine.
  const approved = page.getByTestId(`promotion-${id}`);
  await expect(approved.getByTestId('promotion-status')).toHaveText(/Approved/, { timeout: 60_000 });
  await expect(approved).toContainText(/customers moved/);
  await snap(page, 'segmentation-promotions');
});

test('analyst promotes group B into the existing segment; the director approves with its owner preselected', async ({ browser }) => {
  test.setTimeout(120_000);
  const analyst = await browser.newPage();
  await signIn(analyst, 'analyst@demo.local');
  await analyst.goto(`/runs/${newRunId}`);
  const sizeB = Number(await analyst.getByTestId('cluster-row-B').getAttribute('data-size'));
  await analyst.getByTestId('promote-B').click();
  await analyst.getByTestId('promote-target').getByText('Update an existing segment').click();
  await analyst.getByTestId('promote-segment').click();
  await analyst.getByRole('option', { name: /^Champions \(ABCDX A\)/ }).first().click();
  await expect(analyst.getByTestId('promote-update-explain')).toContainText('Champions (ABCDX A)');
  await analyst.getByTestId('promote-submit').click();
  await expect(analyst.getByTestId('promote-done')).toBeVisible();
  await analyst.close();

  const page = await browser.newPage();
  await signIn(page, 'director@demo.local');
  await page.getByTestId('nav-promotions').click();
  const row = page.getByTestId('promotions-table').locator('tr', { hasText: 'Champions (ABCDX A)' }).filter({ has: page.getByTestId('promotion-kind').filter({ hasText: 'update' }) }).filter({ has: page.getByTestId('promotion-status').filter({ hasText: /Proposed/ }) }).first();
  await expect(row).toBeVisible();
  // The segment's CX-owner (owner1, named at the first approval) is preselected.
  await expect(row.locator('[data-testid^="owner-"]')).toHaveValue(/owner1@demo\.local/);
  const approve = row.locator('[data-testid^="approve-"]');
  const id = ((await approve.getAttribute('data-testid')) ?? '').replace('approve-', '');
  await approve.click();
  const approved = page.getByTestId(`promotion-${id}`);
  await expect(approved.getByTestId('promotion-status')).toHaveText(/Approved/, { timeout: 60_000 });
  expect(sizeB).toBeGreaterThan(0);
  await expect(approved).toContainText(`${sizeB.toLocaleString('en-US')} customers moved`);
  await snap(page, 'segmentation-promotions-update');
});

test('engine in Chromium: 5,000 × 8 with 10 restarts in the preview worker', async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, 'analyst@demo.local');
  await page.getByTestId('nav-models').click();
  await page.getByTestId('new-model-abcdx').click();
  await expect(page).toHaveURL(/\/models\/\d+$/, { timeout: 60_000 });
  await page.goto(`${new URL(page.url()).pathname}?previewRestarts=10`);
  // 15 parameters at 10 restarts: seconds on a loaded 2-core box (11 s seen with load 20); the figure is printed below, not asserted.
  await expect(page.getByTestId('preview-sizes')).toContainText('A:', { timeout: 90_000 });
  await expect(page.getByTestId('preview')).toHaveAttribute('data-restarts', '10');
  // Keep 8 parameters: remove the last seven.
  for (let i = 0; i < 7; i++) {
    await page.getByTestId('parameters-table').locator('tbody tr').last().getByRole('button').click();
  }
  await expect(page.getByTestId('parameters-table').locator('tbody tr')).toHaveCount(8);
  await expect(page.getByTestId('preview')).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
  const times: number[] = [];
  const walls: number[] = [];
  for (const w of ['2', '3', '1.5', '2.5', '1']) {
    // Resolves once the answer for this weight is shown (not on a changed timing: two runs can take the same time).
    walls.push(await timedWeightChange(page, 'ltv', w));
    await expect(page.getByTestId('preview')).toHaveAttribute('data-summary', new RegExp(`(^|;)ltv:${w.replace('.', '\\.')}:`));
    times.push(Number(await page.getByTestId('preview').getAttribute('data-ms')));
  }
  times.sort((a, b) => a - b);
  walls.sort((a, b) => a - b);
  console.log(`engine in Chromium, 5,000 × 8, k = 5, 10 restarts: median ${times[2].toFixed(1)} ms (runs: ${times.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`redraw wall in the page (edit → answer shown, incl. ${PREVIEW_DEBOUNCE_MS} ms debounce): median ${walls[2].toFixed(0)} ms, max ${walls[4].toFixed(0)} ms; ratio wall/engine ${(walls[2] / times[2]).toFixed(2)}; load ${(await import('node:os')).loadavg()[0].toFixed(1)} on ${(await import('node:os')).cpus().length} CPUs`);
  // No time limit asserted here (speed is the bench's: apps/e2e/bench/engine-browser.mjs); the figure is printed.
});
