import { abilityFromPacked, type PackedRules } from '@cxs/authz';
import { AbilityProvider } from '@casl/react';
import { Center, Container, Loader } from '@mantine/core';
import { useMemo } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { SessionContext } from '../features/auth/components/session-context';
import { ForcedPasswordChange } from '../features/auth/components/change-password-modal';
import { useMe } from '../features/auth/hooks/use-me';
import { isApiError } from '../shared/api/http';
import { ErrorState } from '../shared/ui/error-state';

/** Everything behind sign-in: loads /api/me, builds the same CASL ability the API uses. */
export function SessionGate() {
  const me = useMe();
  const location = useLocation();
  const ability = useMemo(() => (me.data ? abilityFromPacked(me.data.rules as PackedRules) : null), [me.data]);

  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (me.isError) {
    if (isApiError(me.error) && me.error.status === 401) {
      const next = location.pathname + location.search;
      return <Navigate to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
    }
    return (
      <Container size="sm" py={80}>
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </Container>
    );
  }
  if (!ability) return null;
  return (
    <SessionContext.Provider value={{ user: me.data.user, ability }}>
      <AbilityProvider value={ability}>
        <Outlet />
        {me.data.user.mustChangePassword ? <ForcedPasswordChange /> : null}
      </AbilityProvider>
    </SessionContext.Provider>
  );
}
