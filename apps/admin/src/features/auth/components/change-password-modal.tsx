import { Anchor, Group, Modal, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSignOut } from '../hooks/use-sign-out';
import { ChangePasswordForm } from './change-password-form';

export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('account.changePassword')} centered>
      {opened ? (
        <ChangePasswordForm
          onCancel={onClose}
          onDone={() => {
            notifications.show({ color: 'teal', message: t('account.password.changed') });
            onClose();
          }}
        />
      ) : null}
    </Modal>
  );
}

/** A temporary password must be replaced before anything else. */
export function ForcedPasswordChange() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  return (
    <Modal
      opened
      onClose={() => {}}
      withCloseButton={false}
      closeOnClickOutside={false}
      closeOnEscape={false}
      title={t('account.password.forcedTitle')}
      centered
    >
      <Text size="sm" c="dimmed" mb="md">
        {t('account.password.forcedDescription')}
      </Text>
      <ChangePasswordForm onDone={() => notifications.show({ color: 'teal', message: t('account.password.changed') })} />
      <Group justify="center" mt="md">
        <Anchor
          component="button"
          type="button"
          size="sm"
          c="dimmed"
          data-testid="forced-sign-out"
          onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in', { replace: true }) })}
        >
          {t('account.signOut')}
        </Anchor>
      </Group>
    </Modal>
  );
}
