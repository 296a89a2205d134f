import { defineAbilityFor } from '@cxs/authz';
import type { Role, UserDto } from '@cxs/contracts';
import { AbilityProvider } from '@casl/react';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import '../app/i18n/i18n';
import { theme } from '../app/theme';
import { SessionContext } from '../features/auth/components/session-context';

export function userWithRole(role: Role, id = `u-${role}`): UserDto {
  return {
    id,
    email: `${role}@demo.local`,
    name: `Demo ${role}`,
    role,
    isActive: true,
    mustChangePassword: false,
    createdAt: '2024-01-01T00:00:00Z',
    lastSignInAt: null,
  };
}

/** Renders with the providers the app has: Mantine, react-query, router, and a session for `role`. */
export function renderWithApp(ui: ReactElement, { role, path = '/' }: { role?: Role; path?: string } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const user = role ? userWithRole(role) : null;
  const ability = user ? defineAbilityFor(user) : null;
  const tree = (
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        <MemoryRouter initialEntries={[path]}>
          {user && ability ? (
            <SessionContext.Provider value={{ user, ability }}>
              <AbilityProvider value={ability}>{ui}</AbilityProvider>
            </SessionContext.Provider>
          ) : (
            ui
          )}
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
  return { ...render(tree), queryClient };
}
