import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { IconLock } from '@tabler/icons-react';
import { useSession } from '../features/auth/components/session-context';
import { EmptyState } from '../shared/ui/empty-state';
import { navItem, navItemsFor, type NavKey } from './navigation';

/** Shows a page only to those who see its nav item; the API still decides on the data. */
export function RouteGuard({ nav, children }: { nav: NavKey; children: ReactNode }) {
  const { user, ability } = useSession();
  const { t } = useTranslation();
  if (!navItem(nav).visible(ability, user)) {
    return (
      <EmptyState
        testId="forbidden"
        icon={<IconLock size={26} stroke={1.5} />}
        title={t('errors.forbiddenPage.title')}
        description={t('errors.forbiddenPage.description')}
      />
    );
  }
  return <>{children}</>;
}

/** `/` goes to the first workspace the person has. */
export function HomeRedirect() {
  const { user, ability } = useSession();
  const { t } = useTranslation();
  const first = navItemsFor(ability, user)[0];
  if (!first) return <EmptyState title={t('home.nothing.title')} description={t('home.nothing.description')} />;
  return <Navigate to={first.path} replace />;
}
