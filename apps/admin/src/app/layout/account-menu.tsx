import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconChevronDown, IconKey, IconLanguage, IconLogout } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../../features/auth/components/session-context';
import { ChangePasswordModal } from '../../features/auth/components/change-password-modal';
import { useSignOut } from '../../features/auth/hooks/use-sign-out';
import { LANGUAGES, changeLanguage, type Language } from '../i18n/i18n';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase())
    .join('');
}

export function AccountMenu() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const [passwordOpen, password] = useDisclosure(false);
  const current = (i18n.resolvedLanguage ?? 'en') as Language;

  const onSignOut = () =>
    signOut.mutate(undefined, {
      onSettled: () => void navigate('/sign-in', { replace: true }),
    });

  return (
    <>
      <Menu position="bottom-end" width={260} shadow="md" withinPortal>
        <Menu.Target>
          <UnstyledButton data-testid="account-menu" aria-label={t('account.menu')}>
            <Group gap="xs">
              <Avatar radius="xl" size={34} color="brand">
                {initials(user.name || user.email)}
              </Avatar>
              <div style={{ lineHeight: 1.1 }}>
                <Text size="sm" fw={600}>
                  {user.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`roles.${user.role}`)}
                </Text>
              </div>
              <IconChevronDown size={14} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{user.email}</Menu.Label>
          <Menu.Item leftSection={<IconKey size={16} />} onClick={password.open} data-testid="change-password">
            {t('account.changePassword')}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Label>
            <Group gap={6}>
              <IconLanguage size={14} />
              {t('account.language')}
            </Group>
          </Menu.Label>
          {LANGUAGES.map((lang) => (
            <Menu.Item
              key={lang}
              data-testid={`lang-${lang}`}
              onClick={() => void changeLanguage(lang)}
              rightSection={current === lang ? <IconCheck size={14} /> : null}
              fw={current === lang ? 600 : undefined}
            >
              {t(`languages.${lang}`)}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item color="red" leftSection={<IconLogout size={16} />} onClick={onSignOut} data-testid="sign-out">
            {t('account.signOut')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ChangePasswordModal opened={passwordOpen} onClose={password.close} />
    </>
  );
}
