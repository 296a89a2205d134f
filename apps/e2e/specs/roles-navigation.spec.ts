import { expect, test } from '@playwright/test';
import { signIn, snap } from './helpers.js';

const NAV = ['nav-portfolio', 'nav-promotions', 'nav-my-segments', 'nav-my-products', 'nav-data', 'nav-models', 'nav-runs', 'nav-users', 'nav-customers', 'nav-api-tokens', 'nav-settings'] as const;

const ROLES: { email: string; role: string; sees: (typeof NAV)[number][] }[] = [
  { email: 'admin@demo.local', role: 'admin', sees: ['nav-users', 'nav-customers', 'nav-api-tokens', 'nav-settings'] },
  { email: 'director@demo.local', role: 'director', sees: ['nav-portfolio', 'nav-promotions', 'nav-customers', 'nav-settings'] },
  { email: 'owner1@demo.local', role: 'owner1', sees: ['nav-my-segments', 'nav-customers'] },
  { email: 'product1@demo.local', role: 'product1', sees: ['nav-my-products', 'nav-customers'] },
  { email: 'analyst@demo.local', role: 'analyst', sees: ['nav-data', 'nav-models', 'nav-runs', 'nav-customers'] },
];

for (const { email, role, sees } of ROLES) {
  test(`${role} signs in and sees their own navigation, not the others'`, async ({ page }) => {
    await signIn(page, email);
    for (const id of NAV) {
      if (sees.includes(id)) await expect(page.getByTestId(id), id).toBeVisible();
      else await expect(page.getByTestId(id), id).toHaveCount(0);
    }
    await snap(page, `role-${role}`);
  });
}

test('a wrong password is explained in words', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('sign-in-email').fill('director@demo.local');
  await page.getByTestId('sign-in-password').fill('wrong-password');
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('sign-in-error')).toContainText(/email or password is not correct/i);
  await expect(page.getByTestId('account-menu')).toHaveCount(0);
});
