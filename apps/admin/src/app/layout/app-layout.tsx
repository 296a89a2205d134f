import { AppShell, Group, NavLink, ScrollArea, Text, ThemeIcon } from '@mantine/core';
import { IconWaveSine } from '@tabler/icons-react';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { useSession } from '../../features/auth/components/session-context';
import { navItemsFor } from '../navigation';
import { useSettings } from '../../features/pnl/hooks/use-settings';
import { setInstallationCurrency } from '../../shared/format/format';
import { AccountMenu } from './account-menu';
import { PageLoader } from './page-loader';

export function AppLayout() {
  const { t } = useTranslation();
  const { user, ability } = useSession();
  const location = useLocation();
  const items = navItemsFor(ability, user);
  // Every page formats money in the installation's currency: known before any page renders.
  const settings = useSettings();
  setInstallationCurrency(settings.data?.currency);

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 248, breakpoint: 'sm' }} padding="xl">
      <AppShell.Header px="lg">
        <Group h="100%" justify="space-between">
          <Group gap="xs" renderRoot={(props) => <Link to="/" {...props} />} style={{ textDecoration: 'none', color: 'inherit' }} data-testid="brand">
            <ThemeIcon size={32} radius="md" variant="filled">
              <IconWaveSine size={20} />
            </ThemeIcon>
            <Text fw={700} fz="lg">
              CX Stream
            </Text>
          </Group>
          <AccountMenu />
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" data-testid="nav">
        <AppShell.Section grow component={ScrollArea}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} px="sm" pt="xs" pb={6}>
            {t('nav.section')}
          </Text>
          {items.map((item) => {
            const active = location.pathname === item.path || location.pathname.startsWith(`${item.path}/`);
            return (
              <NavLink
                key={item.key}
                component={Link}
                to={item.path}
                label={t(item.label)}
                leftSection={<item.icon size={18} stroke={1.6} />}
                active={active}
                data-testid={item.testId}
                variant="light"
                style={{ borderRadius: 'var(--mantine-radius-md)' }}
                mb={2}
              />
            );
          })}
        </AppShell.Section>
        <AppShell.Section>
          <Text size="xs" c="dimmed" px="sm" pb="xs">
            {user.email}
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main bg="var(--mantine-color-gray-0)">
        <Suspense fallback={<PageLoader />}>
          {settings.isPending ? <PageLoader /> : <Outlet />}
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
