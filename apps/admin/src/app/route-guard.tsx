import { useEffect, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
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

/**
 * `/` goes to the first workspace the person has — unless the person has already gone somewhere else. Right
 * after sign-in this page can appear only once the layout's suspended content resolves, after a click on a
 * navigation link started a (transition) navigation; the router's location is then no longer `/` although
 * this tree still renders it, and redirecting would throw the click away (seen in CI: the analyst's click on
 * Models landed on Data).
 */
export function HomeRedirect() {
  const { user, ability } = useSession();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const first = navItemsFor(ability, user)[0];
  const target = first?.path;
  useEffect(() => {
    if (target && window.location.pathname === '/') navigate(target, { replace: true });
  }, [target, navigate]);
  if (!first) return <EmptyState title={t('home.nothing.title')} description={t('home.nothing.description')} />;
  return null;
}
