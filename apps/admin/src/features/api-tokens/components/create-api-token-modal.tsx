import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import type { CreatedApiTokenDto } from '@cxs/contracts';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../../shared/api/error-message';
import { ErrorState } from '../../../shared/ui/error-state';
import { useCreateApiToken } from '../hooks/use-create-api-token';

/** Two steps in one modal: name the token, then see its secret once (the server never sends it again). */
export function CreateApiTokenModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedApiTokenDto | null>(null);
  const create = useCreateApiToken();
  const close = () => {
    setName('');
    setCreated(null);
    create.reset();
    onClose();
  };
  const nameError = fieldErrors(create.error).name;
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? t('apiTokens.secret.title') : t('apiTokens.create.title')}
      centered
      size="lg"
      closeOnClickOutside={!created}
    >
      {created ? (
        <Stack>
          <Text size="sm">{t('apiTokens.secret.for', { name: created.token.name })}</Text>
          <Group gap="sm" wrap="nowrap">
            <Code fz="sm" p="sm" style={{ flex: 1, wordBreak: 'break-all' }} data-testid="api-token-secret">
              {created.secret}
            </Code>
            <CopyButton value={created.secret}>
              {({ copied, copy }) => (
                <Button
                  variant={copied ? 'light' : 'default'}
                  color={copied ? 'teal' : undefined}
                  leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  onClick={copy}
                  data-testid="api-token-copy"
                >
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Alert variant="light" color="orange" icon={<IconAlertTriangle size={18} />} data-testid="api-token-once">
            {t('apiTokens.secret.once')}
          </Alert>
          <Text size="xs" c="dimmed">
            {t('apiTokens.secret.usage')}
          </Text>
          <Code block fz="xs">{`curl -X POST -H "Authorization: Bearer $CXS_TOKEN" \\\n  -H "Content-Type: text/csv" --data-binary @transactions.csv \\\n  "${window.location.origin}/api/imports?source=transactions&start=true"`}</Code>
          <Group justify="flex-end">
            <Button onClick={close} data-testid="api-token-done">
              {t('apiTokens.secret.done')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) create.mutate({ name: name.trim() }, { onSuccess: setCreated });
          }}
        >
          <Stack>
            <Text size="sm" c="dimmed">
              {t('apiTokens.create.hint')}
            </Text>
            <TextInput
              label={t('apiTokens.create.name')}
              placeholder={t('apiTokens.create.namePlaceholder')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              maxLength={100}
              required
              data-autofocus
              error={nameError}
              data-testid="api-token-name"
            />
            <Text size="sm">{t('apiTokens.create.scope')}</Text>
            {create.error && !nameError ? <ErrorState error={create.error} /> : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" disabled={!name.trim()} loading={create.isPending} data-testid="api-token-create-submit">
                {t('apiTokens.create.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
