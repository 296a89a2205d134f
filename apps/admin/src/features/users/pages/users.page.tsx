import { Button, Group, Paper, SegmentedControl, TextInput } from '@mantine/core';
import type { Role, TemporaryPasswordResponse, UserDto } from '@cxs/contracts';
import { useAbility } from '@casl/react';
import type { AppAbility } from '@cxs/authz';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconSearch, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../shared/api/error-message';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { PageHeader } from '../../../shared/ui/page-header';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { useSession } from '../../auth/components/session-context';
import { ConfirmModal } from '../components/confirm-modal';
import { CreateUserModal } from '../components/create-user-modal';
import { TemporaryPasswordModal } from '../components/temporary-password-modal';
import { UsersTable } from '../components/users-table';
import { useResetPassword } from '../hooks/use-reset-password';
import { useUpdateUser } from '../hooks/use-update-user';
import { useUsers } from '../hooks/use-users';

type StatusFilter = 'all' | 'active' | 'inactive';

export function UsersPage() {
  const { t } = useTranslation();
  const ability = useAbility<AppAbility>();
  const { user: me } = useSession();
  const users = useUsers();
  const update = useUpdateUser();
  const reset = useResetPassword();
  const [createOpen, createModal] = useDisclosure(false);
  const [temp, setTemp] = useState<TemporaryPasswordResponse | null>(null);
  const [confirmToggle, setConfirmToggle] = useState<UserDto | null>(null);
  const [confirmReset, setConfirmReset] = useState<UserDto | null>(null);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');

  const fail = (error: unknown) => notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(t, error) });

  const changeRole = (u: UserDto, role: Role) =>
    update.mutate(
      { id: u.id, patch: { role } },
      { onSuccess: () => notifications.show({ color: 'teal', message: t('users.roleChanged', { name: u.name, role: t(`roles.${role}`) }) }), onError: fail },
    );

  const toggleActive = (u: UserDto) =>
    update.mutate(
      { id: u.id, patch: { isActive: !u.isActive } },
      {
        onSuccess: () => {
          setConfirmToggle(null);
          notifications.show({ color: 'teal', message: u.isActive ? t('users.deactivate.done', { name: u.name }) : t('users.reactivate.done', { name: u.name }) });
        },
        onError: (e) => {
          setConfirmToggle(null);
          fail(e);
        },
      },
    );

  const resetPassword = (u: UserDto) =>
    reset.mutate(u.id, {
      onSuccess: (r) => {
        setConfirmReset(null);
        setTemp(r);
      },
      onError: (e) => {
        setConfirmReset(null);
        fail(e);
      },
    });

  const needle = search.trim().toLowerCase();
  const rows = (users.data ?? []).filter(
    (u) =>
      (status === 'all' || (status === 'active') === u.isActive) &&
      (!needle || u.name.toLowerCase().includes(needle) || u.email.toLowerCase().includes(needle)),
  );
  const canCreate = ability.can('create', 'User');
  const canUpdate = ability.can('update', 'User');

  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        actions={
          canCreate ? (
            <Button leftSection={<IconUserPlus size={16} />} onClick={createModal.open} data-testid="create-user">
              {t('users.create.action')}
            </Button>
          ) : null
        }
      />
      <Group mb="md" gap="sm">
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder={t('users.search')}
          aria-label={t('users.search')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={300}
        />
        <SegmentedControl
          value={status}
          onChange={(v) => setStatus(v as StatusFilter)}
          data={[
            { value: 'all', label: t('users.filter.all') },
            { value: 'active', label: t('users.filter.active') },
            { value: 'inactive', label: t('users.filter.inactive') },
          ]}
        />
      </Group>

      {users.isError ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      ) : users.isPending ? (
        <Paper withBorder radius="md">
          <TableSkeleton rows={7} columns={6} />
        </Paper>
      ) : rows.length === 0 ? (
        <Paper withBorder radius="md">
          <EmptyState icon={<IconUsers size={26} stroke={1.5} />} title={t('users.empty.title')} description={t('users.empty.description')} />
        </Paper>
      ) : (
        <UsersTable
          users={rows}
          currentUserId={me.id}
          canUpdate={canUpdate}
          onChangeRole={changeRole}
          onToggleActive={(u) => setConfirmToggle(u)}
          onResetPassword={(u) => setConfirmReset(u)}
        />
      )}

      <CreateUserModal
        opened={createOpen}
        onClose={createModal.close}
        onCreated={(r) => {
          createModal.close();
          setTemp(r);
        }}
      />
      <TemporaryPasswordModal result={temp} onClose={() => setTemp(null)} />
      <ConfirmModal
        opened={confirmToggle !== null}
        title={confirmToggle?.isActive ? t('users.deactivate.title') : t('users.reactivate.title')}
        confirmLabel={confirmToggle?.isActive ? t('users.deactivate.action') : t('users.reactivate.action')}
        color={confirmToggle?.isActive ? 'red' : undefined}
        loading={update.isPending}
        onClose={() => setConfirmToggle(null)}
        onConfirm={() => confirmToggle && toggleActive(confirmToggle)}
      >
        {confirmToggle?.isActive
          ? t('users.deactivate.confirm', { name: confirmToggle?.name ?? '' })
          : t('users.reactivate.confirm', { name: confirmToggle?.name ?? '' })}
      </ConfirmModal>
      <ConfirmModal
        opened={confirmReset !== null}
        title={t('users.resetPassword.title')}
        confirmLabel={t('users.resetPassword.action')}
        loading={reset.isPending}
        onClose={() => setConfirmReset(null)}
        onConfirm={() => confirmReset && resetPassword(confirmReset)}
      >
        {t('users.resetPassword.confirm', { name: confirmReset?.name ?? '' })}
      </ConfirmModal>
    </>
  );
}
