import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router';
import { setUnauthorizedHandler } from '../shared/api/http';
import { i18n } from './i18n/i18n';
import { createQueryClient } from './query-client';
import { createRouter } from './router';
import { theme } from './theme';

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => {
    const r = createRouter();
    // A session that expires mid-use: forget cached data and go to sign-in, then come back.
    setUnauthorizedHandler(() => {
      const { pathname, search } = r.state.location;
      if (pathname.startsWith('/sign-in')) return;
      queryClient.clear();
      void r.navigate(`/sign-in?next=${encodeURIComponent(pathname + search)}`, { replace: true });
    });
    return r;
  });

  // Server texts (error messages, import problem reasons, run errors) come in the UI's language: fetch them again.
  useEffect(() => {
    const refetch = () => void queryClient.invalidateQueries();
    i18n.on('languageChanged', refetch);
    return () => i18n.off('languageChanged', refetch);
  }, [queryClient]);

  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
