import { defineAbilityFor, ROLES } from '@cxs/authz';
import type { Role } from '@cxs/contracts';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../test/render';
import { AppLayout } from './layout/app-layout';
import { NAV_ITEMS, navItemsFor } from './navigation';

const EXPECTED: Record<Role, string[]> = {
  admin: ['nav-users', 'nav-customers', 'nav-api-tokens', 'nav-settings'],
  cx_director: ['nav-portfolio', 'nav-promotions', 'nav-customers', 'nav-settings'],
  cx_owner: ['nav-my-segments', 'nav-customers'],
  product_owner: ['nav-my-products', 'nav-customers'],
  analyst: ['nav-data', 'nav-models', 'nav-runs', 'nav-customers'],
};

describe('navigation gating', () => {
  it.each(ROLES)('gives %s exactly its own workspace', (role) => {
    const ability = defineAbilityFor({ id: `u-${role}`, role });
    expect(navItemsFor(ability, { role }).map((i) => i.testId)).toEqual(EXPECTED[role]);
  });

  it('follows the rules, not only the role: no Customer rule, no Customers link', () => {
    const ability = defineAbilityFor({ id: 'u', role: 'cx_owner' });
    ability.update(ability.rules.filter((r) => ![r.subject].flat().includes('Customer')));
    expect(navItemsFor(ability, { role: 'cx_owner' }).map((i) => i.testId)).toEqual(['nav-my-segments']);
  });

  it('keeps test ids stable and unique', () => {
    const ids = NAV_ITEMS.map((i) => i.testId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(['nav-portfolio', 'nav-promotions', 'nav-my-segments', 'nav-my-products', 'nav-data', 'nav-models', 'nav-runs', 'nav-users', 'nav-customers', 'nav-api-tokens', 'nav-settings']);
  });

  it.each(ROLES)('renders only the links of %s in the app shell', (role) => {
    renderWithApp(<AppLayout />, { role, path: '/' });
    for (const item of NAV_ITEMS) {
      if (EXPECTED[role].includes(item.testId)) expect(screen.getByTestId(item.testId)).toBeTruthy();
      else expect(screen.queryByTestId(item.testId)).toBeNull();
    }
  });
});
