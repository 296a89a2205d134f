import type { ModelKind, ModelSpec } from '@cxs/contracts';
import { Anchor, Badge, Button, Paper, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useFormatters } from '../../../shared/format/format';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { PageHeader } from '../../../shared/ui/page-header';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { useCreateModel } from '../hooks/use-model-mutations';
import { useModels } from '../hooks/use-models';

const STARTER: Record<ModelKind, (asOf: string) => ModelSpec> = {
  abcdx: (asOf) => ({ kind: 'abcdx', parameters: [], standardise: 'zscore', missing: 'impute_median', k: 5, restarts: 10, seed: 42, asOf, lookbackMonths: 36 }),
  rfm: (asOf) => ({ kind: 'rfm', table: 'rf-grid-10', asOf, lookbackMonths: 12 }),
  rule: (asOf) => ({ kind: 'rule', asOf, lookbackMonths: 12, levels: [{ label: 'Level 1', rule: { op: 'and', conditions: [{ field: 'frequency', cmp: '>', value: 0 }] } }] }),
};

export function ModelsPage() {
  const { t } = useTranslation();
  const f = useFormatters();
  const models = useModels();
  const create = useCreateModel();
  const navigate = useNavigate();
  const items = models.data ?? [];

  const newModel = (kind: ModelKind) => {
    // A new ABCDX model starts as a copy of the latest ABCDX model's parameters (the shipped default at first).
    // The list is sorted by name (and the database's collation decides where "ABCDX — default" falls): pick the newest by id.
    const base = items.filter((m) => m.kind === kind && m.status === 'active').sort((a, b) => Number(b.id) - Number(a.id))[0];
    const spec = base ? base.spec : STARTER[kind]('2026-09-30');
    create.mutate(
      { kind, name: t('seg.models.newName', { kind: t(`seg.kind.${kind}`), n: items.length + 1 }), spec },
      { onSuccess: (m) => navigate(`/models/${m.id}`) },
    );
  };

  return (
    <>
      <PageHeader
        title={t('seg.models.title')}
        description={t('seg.models.description')}
        actions={(['abcdx', 'rfm', 'rule'] as ModelKind[]).map((k) => (
          <Button key={k} leftSection={<IconPlus size={16} />} variant={k === 'abcdx' ? 'filled' : 'light'} onClick={() => newModel(k)} loading={create.isPending} data-testid={`new-model-${k}`}>
            {t(`seg.models.new.${k}`)}
          </Button>
        ))}
      />
      {models.isError ? <ErrorState error={models.error} onRetry={() => void models.refetch()} /> : null}
      {models.isPending ? (
        <TableSkeleton />
      ) : items.length === 0 ? (
        <EmptyState title={t('seg.models.empty')} description={t('seg.models.emptyHint')} />
      ) : (
        <Paper withBorder radius="md">
          <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="models-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('seg.models.name')}</Table.Th>
                <Table.Th>{t('seg.models.kind')}</Table.Th>
                <Table.Th>{t('seg.models.version')}</Table.Th>
                <Table.Th>{t('seg.models.schedule')}</Table.Th>
                <Table.Th>{t('seg.models.updated')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/models/${m.id}`} fw={500}>
                      {m.name}
                    </Anchor>
                    {m.description ? <Text size="xs" c="dimmed">{m.description}</Text> : null}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light">{t(`seg.kind.${m.kind}`)}</Badge>
                    {m.status === 'archived' ? <Badge ml={4} color="gray">{t('seg.models.archived')}</Badge> : null}
                  </Table.Td>
                  <Table.Td>v{m.latestVersion}</Table.Td>
                  <Table.Td>{m.schedule ? t('seg.models.monthlyNext', { date: f.date(m.nextRunOn) }) : '—'}</Table.Td>
                  <Table.Td>{f.dateTime(m.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </>
  );
}
