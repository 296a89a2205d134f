import { Anchor, Button, Group, Paper, Skeleton, Table, Text, Title } from '@mantine/core';
import type { ImportDto } from '@cxs/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAbility } from '@casl/react';
import type { AppAbility } from '@cxs/authz';
import { useFormatters } from '../../../shared/format/format';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { useImports } from '../hooks/use-imports';
import { useUndoImport } from '../hooks/use-import-mutations';
import { ConfirmModal } from '../../users/components/confirm-modal';
import { ImportStatusBadge } from './import-status-badge';

const NOWRAP = { whiteSpace: 'nowrap' } as const;

/** Who imported what, when, with which counts, and the report. */
export function ImportHistory() {
  const { t } = useTranslation();
  const f = useFormatters();
  const imports = useImports();
  const undo = useUndoImport();
  const ability = useAbility<AppAbility>();
  const [confirmUndo, setConfirmUndo] = useState<ImportDto | null>(null);
  return (
    <Paper withBorder radius="md" p="md" data-testid="import-history">
      <Group justify="space-between" mb="sm">
        <Title order={5}>{t('imports.history.title')}</Title>
        {ability.can('create', 'Import') ? (
          <Button component={Link} to="/data/import" size="xs" data-testid="import-new">
            {t('imports.history.new')}
          </Button>
        ) : null}
      </Group>
      {imports.error ? <ErrorState error={imports.error} onRetry={() => void imports.refetch()} /> : null}
      {undo.error ? <ErrorState error={undo.error} /> : null}
      {imports.isPending ? (
        <Skeleton height={160} />
      ) : !imports.data?.length ? (
        <EmptyState title={t('imports.history.emptyTitle')} description={t('imports.history.empty')} />
      ) : (
        <Table verticalSpacing="xs" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('imports.history.file')}</Table.Th>
              <Table.Th style={NOWRAP}>{t('imports.history.status')}</Table.Th>
              <Table.Th style={NOWRAP}>{t('imports.history.who')}</Table.Th>
              <Table.Th ta="right" style={NOWRAP}>{t('imports.counts.rowsIn')}</Table.Th>
              <Table.Th ta="right" style={NOWRAP}>{t('imports.counts.imported')}</Table.Th>
              <Table.Th ta="right" style={NOWRAP}>{t('imports.counts.quarantined')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {imports.data.map((i) => (
              <Table.Tr key={i.id} data-testid="import-history-row">
                <Table.Td>
                  <Anchor component={Link} to={`/data/imports/${i.id}`} size="sm" fw={600}>
                    {i.fileName}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {t(`imports.sources.${i.source}`)} · {f.dateTime(i.createdAt)}
                  </Text>
                </Table.Td>
                <Table.Td style={NOWRAP}>
                  <ImportStatusBadge status={i.status} />
                </Table.Td>
                <Table.Td style={NOWRAP}>
                  <Text size="sm">{i.createdBy?.name ?? (i.apiTokenName ? t('imports.history.token', { name: i.apiTokenName }) : '—')}</Text>
                </Table.Td>
                <Table.Td ta="right" data-testid="history-rows-in">{f.number(i.rowsIn)}</Table.Td>
                <Table.Td ta="right" data-testid="history-imported">{f.number(i.rowsImported)}</Table.Td>
                <Table.Td ta="right" data-testid="history-quarantined">{f.number(i.rowsQuarantined || i.rowsRejected)}</Table.Td>
                <Table.Td ta="right">
                  {i.canUndo && ability.can('delete', 'Import') ? (
                    <Button size="compact-xs" variant="subtle" color="red" loading={undo.isPending && undo.variables === i.id} onClick={() => setConfirmUndo(i)} data-testid="import-undo">
                      {t('imports.history.undo')}
                    </Button>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ConfirmModal
        opened={confirmUndo !== null}
        title={t('imports.undo.title', { file: confirmUndo?.fileName ?? '' })}
        confirmLabel={t('imports.undo.action')}
        color="red"
        loading={undo.isPending}
        onClose={() => setConfirmUndo(null)}
        onConfirm={() => confirmUndo && undo.mutate(confirmUndo.id, { onSettled: () => setConfirmUndo(null) })}
      >
        {t('imports.undo.confirm', { inserted: f.number(confirmUndo?.rowsInserted ?? 0), updated: f.number(confirmUndo?.rowsUpdated ?? 0) })}
      </ConfirmModal>
    </Paper>
  );
}
