import { ActionIcon, Badge, Menu, Paper, Select, Table, Text, Tooltip } from '@mantine/core';
import { ROLES } from '@cxs/authz';
import type { Role, UserDto } from '@cxs/contracts';
import { IconDots, IconKey, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../shared/format/format';

export function UsersTable({
  users,
  currentUserId,
  canUpdate,
  onChangeRole,
  onToggleActive,
  onResetPassword,
}: {
  users: UserDto[];
  currentUserId: string;
  canUpdate: boolean;
  onChangeRole: (user: UserDto, role: Role) => void;
  onToggleActive: (user: UserDto) => void;
  onResetPassword: (user: UserDto) => void;
}) {
  const { t } = useTranslation();
  const f = useFormatters();
  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));

  return (
    <Paper withBorder radius="md">
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="users-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('users.columns.user')}</Table.Th>
            <Table.Th w={220}>{t('users.columns.role')}</Table.Th>
            <Table.Th>{t('users.columns.status')}</Table.Th>
            <Table.Th>{t('users.columns.lastSignIn')}</Table.Th>
            <Table.Th>{t('users.columns.created')}</Table.Th>
            <Table.Th w={48} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((u) => {
            const self = u.id === currentUserId;
            return (
              <Table.Tr key={u.id} data-testid="user-row" data-email={u.email} style={{ opacity: u.isActive ? 1 : 0.65 }}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {u.name}
                    {self ? (
                      <Text span size="xs" c="dimmed" fw={400}>
                        {' '}
                        ({t('users.you')})
                      </Text>
                    ) : null}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {u.email}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Tooltip label={t('users.cannotChangeOwnRole')} disabled={!self} withinPortal>
                    <div>
                      <Select
                        size="xs"
                        data={roleOptions}
                        value={u.role}
                        allowDeselect={false}
                        disabled={self || !canUpdate}
                        onChange={(v) => v && v !== u.role && onChangeRole(u, v as Role)}
                        aria-label={t('users.columns.role')}
                        data-testid="user-role"
                      />
                    </div>
                  </Tooltip>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" radius="sm" color={u.isActive ? 'teal' : 'gray'}>
                    {u.isActive ? t('users.status.active') : t('users.status.inactive')}
                  </Badge>
                  {u.mustChangePassword && u.isActive ? (
                    <Badge variant="outline" radius="sm" color="orange" ml={6}>
                      {t('users.status.mustChangePassword')}
                    </Badge>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={u.lastSignInAt ? undefined : 'dimmed'}>
                    {u.lastSignInAt ? f.dateTime(u.lastSignInAt) : t('users.neverSignedIn')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{f.date(u.createdAt)}</Text>
                </Table.Td>
                <Table.Td>
                  {canUpdate && !self ? (
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon variant="subtle" color="gray" aria-label={t('users.actions')} data-testid="user-actions">
                          <IconDots size={18} />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item leftSection={<IconKey size={16} />} onClick={() => onResetPassword(u)} disabled={!u.isActive} data-testid="user-reset-password">
                          {t('users.resetPassword.action')}
                        </Menu.Item>
                        <Menu.Item
                          leftSection={u.isActive ? <IconUserOff size={16} /> : <IconUserCheck size={16} />}
                          color={u.isActive ? 'red' : undefined}
                          onClick={() => onToggleActive(u)}
                          data-testid="user-toggle-active"
                        >
                          {u.isActive ? t('users.deactivate.action') : t('users.reactivate.action')}
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
