import { expect, type Page } from '@playwright/test';

export const PASSWORD = 'cxstream-demo';

export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/');
  await page.getByTestId('sign-in-email').fill(email);
  await page.getByTestId('sign-in-password').fill(PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('account-menu')).toBeVisible();
}

/** A screenshot once the page has settled: no requests in flight, no loading skeletons. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.mantine-Skeleton-root')).toHaveCount(0);
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}
