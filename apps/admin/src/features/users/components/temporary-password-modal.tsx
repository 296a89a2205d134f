import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import type { TemporaryPasswordResponse } from '@cxs/contracts';
import { IconCheck, IconCopy, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Shown once: the server never returns this password again. */
export function TemporaryPasswordModal({ result, onClose }: { result: TemporaryPasswordResponse | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={result !== null} onClose={onClose} title={t('users.tempPassword.title')} centered closeOnClickOutside={false}>
      {result ? (
        <Stack>
          <Text size="sm">{t('users.tempPassword.for', { name: result.user.name, email: result.user.email })}</Text>
          <Group gap="sm" wrap="nowrap">
            <Code fz="lg" p="sm" style={{ flex: 1, letterSpacing: 1 }} data-testid="temporary-password">
              {result.temporaryPassword}
            </Code>
            <CopyButton value={result.temporaryPassword}>
              {({ copied, copy }) => (
                <Button variant={copied ? 'light' : 'default'} color={copied ? 'teal' : undefined} leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />} onClick={copy}>
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Alert variant="light" color="brand" icon={<IconInfoCircle size={18} />}>
            {t('users.tempPassword.once')}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose} data-testid="temporary-password-done">
              {t('common.done')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
