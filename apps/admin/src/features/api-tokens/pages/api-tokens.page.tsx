import { Button, Paper } from '@mantine/core';
import type { ApiTokenDto } from '@cxs/contracts';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconKey, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../shared/api/error-message';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { PageHeader } from '../../../shared/ui/page-header';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { ConfirmModal } from '../../users/components/confirm-modal';
import { ApiTokensTable } from '../components/api-tokens-table';
import { CreateApiTokenModal } from '../components/create-api-token-modal';
import { useApiTokens } from '../hooks/use-api-tokens';
import { useRevokeApiToken } from '../hooks/use-revoke-api-token';

/** Admins create tokens for integrations (scoped to import) and revoke them. */
export function ApiTokensPage() {
  const { t } = useTranslation();
  const tokens = useApiTokens();
  const revoke = useRevokeApiToken();
  const [createOpen, createModal] = useDisclosure(false);
  const [confirm, setConfirm] = useState<ApiTokenDto | null>(null);
  const newButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={createModal.open} data-testid="api-token-create">
      {t('apiTokens.create.action')}
    </Button>
  );
  return (
    <>
      <PageHeader title={t('apiTokens.title')} description={t('apiTokens.description')} actions={newButton} />
      {tokens.isError ? (
        <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : tokens.isPending ? (
        <Paper withBorder radius="md">
          <TableSkeleton rows={4} columns={6} />
        </Paper>
      ) : tokens.data.length === 0 ? (
        <Paper withBorder radius="md">
          <EmptyState testId="api-tokens-empty" icon={<IconKey size={26} stroke={1.5} />} title={t('apiTokens.empty.title')} description={t('apiTokens.empty.description')} />
        </Paper>
      ) : (
        <ApiTokensTable tokens={tokens.data} onRevoke={setConfirm} />
      )}
      <CreateApiTokenModal opened={createOpen} onClose={createModal.close} />
      <ConfirmModal
        opened={confirm !== null}
        title={t('apiTokens.revoke.title')}
        confirmLabel={t('apiTokens.revoke.action')}
        color="red"
        loading={revoke.isPending}
        onClose={() => setConfirm(null)}
        onConfirm={() =>
          confirm &&
          revoke.mutate(confirm.id, {
            onSuccess: (tk) => {
              setConfirm(null);
              notifications.show({ color: 'teal', message: t('apiTokens.revoke.done', { name: tk.name }) });
            },
            onError: (e) => {
              setConfirm(null);
              notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(t, e) });
            },
          })
        }
      >
        {t('apiTokens.revoke.confirm', { name: confirm?.name ?? '' })}
      </ConfirmModal>
    </>
  );
}
