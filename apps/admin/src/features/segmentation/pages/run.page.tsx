import { Alert, Button, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlayerStop, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useSession } from '../../auth/components/session-context';
import { useFormatters } from '../../../shared/format/format';
import { ErrorState } from '../../../shared/ui/error-state';
import { PageHeader } from '../../../shared/ui/page-header';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { ClusterTable } from '../components/cluster-table';
import { MembersList } from '../components/members-list';
import { PromoteModal } from '../components/promote-modal';
import { BoxPlots, ClusterScatter, KChoiceChart, OverlayHeatmaps, RfmGrid } from '../components/result-charts';
import { RunStatusBadge } from '../components/run-status-badge';
import { isActive, useCancelRun, useRerun, useRun, useRunResults } from '../hooks/use-runs';

const STAGES = ['queued', 'computing_features', 'clustering', 'saving'] as const;

export function RunPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const f = useFormatters();
  const { ability } = useSession();
  const run = useRun(id);
  const results = useRunResults(id, run.data?.status === 'succeeded');
  const cancel = useCancelRun();
  const rerun = useRerun();
  const [promote, setPromote] = useState<string | null>(null);
  const ru = i18n.language.startsWith('ru');

  if (run.isError) return <ErrorState error={run.error} onRetry={() => void run.refetch()} />;
  if (!run.data) return <TableSkeleton />;
  const r = run.data;
  const res = results.data;
  return (
    <>
      <PageHeader
        title={t('seg.run.title', { id: r.id, model: r.modelName })}
        description={t('seg.run.description', { version: r.version, asOf: f.date(r.asOf), lookback: r.lookbackMonths, seed: r.seed })}
        actions={
          ability.can('create', 'Run') ? (
            isActive(r) ? (
              <Button color="red" variant="light" leftSection={<IconPlayerStop size={16} />} onClick={() => cancel.mutate(r.id)} loading={cancel.isPending} data-testid="cancel-run">
                {t('seg.run.cancel')}
              </Button>
            ) : (
              <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={() => rerun.mutate(r.id)} loading={rerun.isPending}>
                {t('seg.run.rerun')}
              </Button>
            )
          ) : null
        }
      />
      <Paper withBorder radius="md" p="md" mb="md" data-testid="run-progress-card">
        <Group justify="space-between" mb="xs">
          <RunStatusBadge status={r.status} />
          <Text size="sm" c="dimmed">
            {isActive(r) ? t('seg.run.stage', { stage: t(`seg.status.${r.status}`), progress: r.progress }) : f.dateTime(r.finishedAt)}
          </Text>
        </Group>
        <Progress value={r.progress} animated={isActive(r)} data-testid="run-progress" data-progress={r.progress} />
        <Group gap="lg" mt="xs">
          {STAGES.map((s) => (
            <Text key={s} size="xs" c={s === r.status ? 'blue' : 'dimmed'} fw={s === r.status ? 600 : 400}>
              {t(`seg.status.${s}`)}
            </Text>
          ))}
        </Group>
        {r.status === 'failed' ? (
          <Alert color="red" mt="sm" data-testid="run-error">
            {r.error}
          </Alert>
        ) : null}
      </Paper>
      {results.isError ? <ErrorState error={results.error} /> : null}
      {res ? (
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Paper withBorder p="sm" radius="md"><Text size="xs" c="dimmed">{t('seg.run.customers')}</Text><Text fw={600}>{f.number(r.customerCount)}</Text></Paper>
            <Paper withBorder p="sm" radius="md"><Text size="xs" c="dimmed">{t('seg.run.groups')}</Text><Text fw={600}>{res.clusters.length}</Text></Paper>
            {res.inertia !== null ? <Paper withBorder p="sm" radius="md"><Text size="xs" c="dimmed">{t('seg.results.inertia')}</Text><Text fw={600}>{f.number(res.inertia, 1)}</Text></Paper> : null}
            {res.restarts !== null ? <Paper withBorder p="sm" radius="md"><Text size="xs" c="dimmed">{t('seg.editor.restarts')}</Text><Text fw={600}>{res.restarts}</Text></Paper> : null}
          </SimpleGrid>
          <ClusterTable clusters={res.clusters} onPromote={ability.can('propose', 'Promotion') ? setPromote : undefined} />
          {res.scatter ? (
            <SimpleGrid cols={{ base: 1, lg: 2 }}>
              <ClusterScatter scatter={res.scatter} />
              <BoxPlots clusters={res.clusters} />
            </SimpleGrid>
          ) : null}
          {res.kChoice ? <KChoiceChart points={res.kChoice} /> : null}
          {res.rfmGrid ? (
            <SimpleGrid cols={{ base: 1, lg: 2 }}>
              <RfmGrid grid={res.rfmGrid} />
              <Paper withBorder radius="md" p="md">
                <Title order={5} mb="xs">{t('seg.results.rfmGroups')}</Title>
                <Table data-testid="rfm-groups">
                  <Table.Tbody>
                    {(res.rfmGroups ?? []).map((g) => (
                      <Table.Tr key={g.segment}>
                        <Table.Td>{ru ? g.label.ru : g.label.en}</Table.Td>
                        <Table.Td ta="right">{f.number(g.customers)}</Table.Td>
                        <Table.Td ta="right">{f.money(g.revenue, true)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Paper>
            </SimpleGrid>
          ) : null}
          {res.overlay.length > 0 ? <OverlayHeatmaps overlay={res.overlay} /> : null}
          <Title order={4}>{t('seg.members.title')}</Title>
          <MembersList runId={r.id} labels={res.clusters.map((c) => c.label)} canExport={ability.can('export', 'Run')} />
        </Stack>
      ) : null}
      <PromoteModal runId={r.id} label={promote} size={res?.clusters.find((c) => c.label === promote)?.size} onClose={() => setPromote(null)} />
    </>
  );
}
