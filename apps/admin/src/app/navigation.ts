import type { AppAbility } from '@cxs/authz';
import type { UserDto } from '@cxs/contracts';
import {
  IconAddressBook,
  IconAdjustmentsHorizontal,
  IconArrowBigUpLines,
  IconPlayerPlay,
  IconSettings,
  IconBox,
  IconChartDonut3,
  IconDatabase,
  IconKey,
  IconLayoutGrid,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';

export type NavKey = 'portfolio' | 'promotions' | 'mySegments' | 'myProducts' | 'data' | 'models' | 'runs' | 'users' | 'customers' | 'apiTokens' | 'settings';

export interface NavItem {
  key: NavKey;
  path: string;
  /** i18n key of the label. */
  label: string;
  testId: string;
  icon: Icon;
  /**
   * Who sees the item. The role picks the workspace a person lands in; the
   * ability decides whether they may use it. Both are cosmetic: the API is the wall.
   */
  visible: (ability: AppAbility, user: Pick<UserDto, 'role'>) => boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
  {
    key: 'portfolio',
    path: '/portfolio',
    label: 'nav.portfolio',
    testId: 'nav-portfolio',
    icon: IconLayoutGrid,
    visible: (a, u) => u.role === 'cx_director' && a.can('read', 'Segment') && a.can('assignOwner', 'Segment'),
  },
  {
    key: 'promotions',
    path: '/promotions',
    label: 'nav.promotions',
    testId: 'nav-promotions',
    icon: IconArrowBigUpLines,
    visible: (a, u) => u.role === 'cx_director' && a.can('approve', 'Promotion'),
  },
  {
    key: 'mySegments',
    path: '/my-segments',
    label: 'nav.mySegments',
    testId: 'nav-my-segments',
    icon: IconChartDonut3,
    visible: (a, u) => u.role === 'cx_owner' && a.can('read', 'Segment'),
  },
  {
    key: 'myProducts',
    path: '/my-products',
    label: 'nav.myProducts',
    testId: 'nav-my-products',
    icon: IconBox,
    visible: (a, u) => u.role === 'product_owner' && a.can('read', 'Product'),
  },
  {
    key: 'data',
    path: '/data',
    label: 'nav.data',
    testId: 'nav-data',
    icon: IconDatabase,
    visible: (a, u) => u.role === 'analyst' && a.can('create', 'Import'),
  },
  {
    key: 'models',
    path: '/models',
    label: 'nav.models',
    testId: 'nav-models',
    icon: IconAdjustmentsHorizontal,
    visible: (a, u) => u.role === 'analyst' && a.can('create', 'Model'),
  },
  {
    key: 'runs',
    path: '/runs',
    label: 'nav.runs',
    testId: 'nav-runs',
    icon: IconPlayerPlay,
    visible: (a, u) => u.role === 'analyst' && a.can('create', 'Run'),
  },
  {
    key: 'users',
    path: '/users',
    label: 'nav.users',
    testId: 'nav-users',
    icon: IconUsers,
    visible: (a) => a.can('create', 'User'),
  },
  {
    key: 'customers',
    path: '/customers',
    label: 'nav.customers',
    testId: 'nav-customers',
    icon: IconAddressBook,
    visible: (a) => a.can('read', 'Customer'),
  },
  {
    key: 'apiTokens',
    path: '/api-tokens',
    label: 'nav.apiTokens',
    testId: 'nav-api-tokens',
    icon: IconKey,
    visible: (a) => a.can('manage', 'ApiToken'),
  },
  {
    key: 'settings',
    path: '/settings',
    label: 'nav.settings',
    testId: 'nav-settings',
    icon: IconSettings,
    visible: (a) => a.can('update', 'Settings'),
  },
];

export function navItemsFor(ability: AppAbility, user: Pick<UserDto, 'role'>): NavItem[] {
  return NAV_ITEMS.filter((item) => item.visible(ability, user));
}

export function navItem(key: NavKey): NavItem {
  const item = NAV_ITEMS.find((i) => i.key === key);
  if (!item) throw new Error(`Unknown nav item ${key}`);
  return item;
}
