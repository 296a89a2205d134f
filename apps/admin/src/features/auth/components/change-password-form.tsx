import { Alert, Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors } from '../../../shared/api/error-message';
import { useChangePassword } from '../hooks/use-change-password';

export const MIN_PASSWORD_LENGTH = 10;

export function ChangePasswordForm({ onDone, onCancel }: { onDone: () => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});

  const server = fieldErrors(change.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!currentPassword) errs.currentPassword = t('validation.required');
    if (newPassword.length < MIN_PASSWORD_LENGTH) errs.newPassword = t('validation.passwordLength', { count: MIN_PASSWORD_LENGTH });
    else if (newPassword === currentPassword) errs.newPassword = t('validation.passwordSame');
    if (confirm !== newPassword) errs.confirm = t('validation.passwordMismatch');
    setLocal(errs);
    if (Object.keys(errs).length) return;
    change.mutate({ currentPassword, newPassword }, { onSuccess: onDone });
  };

  const topError = change.isError && Object.keys(server).length === 0;

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {topError ? (
          <Alert color="red" variant="light" data-testid="change-password-error">
            {change.error && 'code' in change.error && (change.error as { code: string }).code === 'INVALID_CREDENTIALS'
              ? t('account.password.wrongCurrent')
              : errorMessage(t, change.error)}
          </Alert>
        ) : null}
        <PasswordInput
          label={t('account.password.current')}
          autoComplete="current-password"
          value={currentPassword}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          error={local.currentPassword ?? server.currentPassword}
          data-testid="current-password"
          data-autofocus
        />
        <PasswordInput
          label={t('account.password.new')}
          description={t('account.password.hint', { count: MIN_PASSWORD_LENGTH })}
          autoComplete="new-password"
          value={newPassword}
          onChange={(e) => setNew(e.currentTarget.value)}
          error={local.newPassword ?? server.newPassword}
          data-testid="new-password"
        />
        <PasswordInput
          label={t('account.password.confirm')}
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => setConfirm(e.currentTarget.value)}
          error={local.confirm}
          data-testid="confirm-password"
        />
        <Group justify="flex-end" mt="xs">
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          ) : null}
          <Button type="submit" loading={change.isPending} data-testid="change-password-submit">
            {t('account.password.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
