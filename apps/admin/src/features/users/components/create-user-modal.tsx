import { Alert, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { ROLES } from '@cxs/authz';
import type { Role, TemporaryPasswordResponse } from '@cxs/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors } from '../../../shared/api/error-message';
import { useCreateUser } from '../hooks/use-create-user';

export function CreateUserModal({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (r: TemporaryPasswordResponse) => void }) {
  const { t } = useTranslation();
  const create = useCreateUser();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const server = fieldErrors(create.error);

  const reset = () => {
    setName('');
    setEmail('');
    setRole(null);
    setLocal({});
    create.reset();
  };
  const close = () => {
    reset();
    onClose();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!name.trim()) errs.name = t('validation.required');
    if (!email.trim()) errs.email = t('validation.required');
    else if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) errs.email = t('validation.email');
    if (!role) errs.role = t('validation.required');
    setLocal(errs);
    if (Object.keys(errs).length || !role) return;
    create.mutate(
      { name: name.trim(), email: email.trim(), role },
      {
        onSuccess: (r) => {
          reset();
          onCreated(r);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={close} title={t('users.create.title')} centered>
      <form onSubmit={submit} noValidate data-testid="create-user-form">
        <Stack>
          {create.isError && Object.keys(server).length === 0 ? (
            <Alert color="red" variant="light">
              {errorMessage(t, create.error)}
            </Alert>
          ) : null}
          <TextInput label={t('users.fields.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={local.name ?? server.name} data-autofocus data-testid="create-user-name" />
          <TextInput label={t('users.fields.email')} type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={local.email ?? server.email} data-testid="create-user-email" />
          <Select
            label={t('users.fields.role')}
            data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            value={role}
            onChange={(v) => setRole(v as Role | null)}
            error={local.role ?? server.role}
            data-testid="create-user-role"
            comboboxProps={{ withinPortal: true }}
          />
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="create-user-submit">
              {t('users.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
