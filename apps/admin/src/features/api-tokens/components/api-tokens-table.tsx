import { Badge, Button, Code, Paper, Table, Text } from '@mantine/core';
import type { ApiTokenDto } from '@cxs/contracts';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../shared/format/format';

export function ApiTokensTable({ tokens, onRevoke }: { tokens: ApiTokenDto[]; onRevoke: (t: ApiTokenDto) => void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  return (
    <Paper withBorder radius="md">
      <Table verticalSpacing="sm" highlightOnHover data-testid="api-tokens-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('apiTokens.table.name')}</Table.Th>
            <Table.Th>{t('apiTokens.table.scope')}</Table.Th>
            <Table.Th>{t('apiTokens.table.created')}</Table.Th>
            <Table.Th>{t('apiTokens.table.lastUsed')}</Table.Th>
            <Table.Th>{t('apiTokens.table.status')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tokens.map((tk) => (
            <Table.Tr key={tk.id} data-testid="api-token-row" data-token-name={tk.name}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {tk.name}
                </Text>
                <Code fz="xs">{tk.prefix}…</Code>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" radius="sm" tt="none">
                  {t(`apiTokens.scopes.${tk.scope}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{f.dateTime(tk.createdAt)}</Text>
                <Text size="xs" c="dimmed">
                  {tk.createdBy ? t('apiTokens.table.by', { name: tk.createdBy }) : t('apiTokens.table.byUnknown')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={tk.lastUsedAt ? undefined : 'dimmed'} data-testid="api-token-last-used">
                  {tk.lastUsedAt ? f.dateTime(tk.lastUsedAt) : t('apiTokens.table.never')}
                </Text>
              </Table.Td>
              <Table.Td>
                {tk.revokedAt ? (
                  <Badge color="gray" variant="light" radius="sm" tt="none" data-testid="api-token-status">
                    {t('apiTokens.table.revokedOn', { date: f.dateTime(tk.revokedAt) })}
                  </Badge>
                ) : (
                  <Badge color="teal" variant="light" radius="sm" tt="none" data-testid="api-token-status">
                    {t('apiTokens.table.active')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td ta="right">
                {tk.revokedAt ? null : (
                  <Button size="compact-sm" variant="subtle" color="red" onClick={() => onRevoke(tk)} data-testid="api-token-revoke">
                    {t('apiTokens.revoke.action')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
