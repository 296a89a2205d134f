import { Badge, Group, Paper, Select, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useFormatters } from '../../../shared/format/format';
import { EChart } from '../../../shared/ui/echart';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { PageHeader } from '../../../shared/ui/page-header';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { labelColor } from '../lib/labels';
import { useComparison, useRuns } from '../hooks/use-runs';

/** How the value of the base moved between two runs: Sankey, migration matrix with revenue, entrants/leavers, ARI. */
export function ComparePage() {
  const { t } = useTranslation();
  const f = useFormatters();
  const [params, setParams] = useSearchParams();
  const a = params.get('a') ?? '';
  const b = params.get('b') ?? '';
  const runs = useRuns();
  const cmp = useComparison(a, b);
  const options = (runs.data ?? []).filter((r) => r.status === 'succeeded').map((r) => ({ value: r.id, label: `#${r.id} · ${r.modelName} · ${r.asOf}` }));
  const sankey = useMemo(() => {
    const c = cmp.data;
    if (!c) return null;
    const nameA = (l: string) => `${l} · #${c.a.id}`;
    const nameB = (l: string) => `${l} · #${c.b.id}`;
    const outOf = c.labelsA.map((_, i) => c.counts[i].reduce((s, x) => s + x, 0));
    const into = c.labelsB.map((_, j) => c.counts.reduce((s, row) => s + row[j], 0));
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataType: string; name: string; data: { source?: string; target?: string; value: number; revenue?: string } }) =>
          p.dataType === 'edge'
            ? `${p.data.source} → ${p.data.target}<br/>${t('seg.compare.flowTooltip', { count: p.data.value, customers: f.number(p.data.value), revenue: f.money(p.data.revenue ?? '0', true) })}`
            : `${p.name}: ${t('seg.compare.nodeTooltip', { count: p.data.value, customers: f.number(p.data.value) })}`,
      },
      series: [
        {
          type: 'sankey',
          left: 110,
          right: 110,
          top: 10,
          bottom: 10,
          nodeGap: 12,
          nodeAlign: 'justify',
          layoutIterations: 0, // keep A…X top to bottom on both sides, as in the matrix below
          data: [
            // The earlier run's labels sit left of its nodes, the later run's right: nothing is drawn over the flows.
            ...c.labelsA.map((l, i) => ({ name: nameA(l), value: outOf[i], itemStyle: { color: labelColor(l, i) }, label: { position: 'left', formatter: `{b}\n${f.number(outOf[i])}` } })),
            ...c.labelsB.map((l, i) => ({ name: nameB(l), value: into[i], itemStyle: { color: labelColor(l, i) }, label: { position: 'right', formatter: `{b}\n${f.number(into[i])}` } })),
          ],
          links: c.labelsA
            .flatMap((la, i) => c.labelsB.map((lb, j) => ({ source: nameA(la), target: nameB(lb), value: c.counts[i][j], revenue: c.revenue[i][j] })))
            .filter((l) => l.value > 0),
          lineStyle: { color: 'source', opacity: 0.35 },
          emphasis: { focus: 'adjacency' },
          label: { fontSize: 12, lineHeight: 16 },
        },
      ],
    };
  }, [cmp.data, f, t]);
  return (
    <>
      <PageHeader title={t('seg.compare.title')} description={t('seg.compare.description')} />
      <Group mb="md">
        <Select w={320} label={t('seg.compare.earlier')} data={options} value={a || null} onChange={(v) => setParams({ a: v ?? '', b })} />
        <Select w={320} label={t('seg.compare.later')} data={options} value={b || null} onChange={(v) => setParams({ a, b: v ?? '' })} />
      </Group>
      {!a || !b ? <EmptyState title={t('seg.compare.pick')} /> : null}
      {a && b && a === b ? <EmptyState testId="compare-same-run" title={t('seg.compare.same')} /> : null}
      {cmp.isError ? <ErrorState error={cmp.error} /> : null}
      {cmp.isPending && a && b && a !== b ? <TableSkeleton /> : null}
      {cmp.data && sankey ? (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }} mb="md">
            <Paper withBorder p="sm" radius="md"><Text size="xs" c="dimmed">{t('seg.compare.ari')}</Text><Text fw={600} data-testid="ari">{cmp.data.adjustedRandIndex === null ? '—' : cmp.data.adjustedRandIndex.toFixed(3)}</Text></Paper>
            <Paper withBorder p="sm" radius="md"><Text size="xs" c="dimmed">{t('seg.compare.common')}</Text><Text fw={600} data-testid="common" data-value={cmp.data.common}>{f.number(cmp.data.common)}</Text><Text size="xs" c="dimmed">{t('seg.compare.unchanged', { count: cmp.data.unchanged, n: f.number(cmp.data.unchanged) })}</Text></Paper>
            <Paper withBorder p="sm" radius="md"><Text size="xs" c="dimmed">{t('seg.compare.entrants')}</Text><Text fw={600}>{f.number(cmp.data.entrants.count)}</Text></Paper>
            <Paper withBorder p="sm" radius="md"><Text size="xs" c="dimmed">{t('seg.compare.leavers')}</Text><Text fw={600}>{f.number(cmp.data.leavers.count)}</Text></Paper>
          </SimpleGrid>
          <Paper withBorder radius="md" p="md" mb="md">
            <Title order={5}>{t('seg.compare.sankey')}</Title>
            <Text size="xs" c="dimmed" mb="xs">{t('seg.compare.sankeyHint', { a: cmp.data.a.id, b: cmp.data.b.id })}</Text>
            <EChart option={sankey} height={440} testId="sankey" />
          </Paper>
          <Paper withBorder radius="md" p="md" style={{ overflowX: 'auto' }}>
            <Title order={5} mb="xs">{t('seg.compare.matrix')}</Title>
            <Table data-testid="migration-matrix">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#{cmp.data.a.id} ↓ / #{cmp.data.b.id} →</Table.Th>
                  {cmp.data.labelsB.map((l) => <Table.Th key={l} ta="right">{l}</Table.Th>)}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {cmp.data.labelsA.map((la, i) => (
                  <Table.Tr key={la}>
                    <Table.Td><Badge color={labelColor(la, i)}>{la}</Badge></Table.Td>
                    {cmp.data!.labelsB.map((lb, j) => (
                      <Table.Td key={lb} ta="right" fw={la === lb ? 600 : 400}>
                        {f.number(cmp.data!.counts[i][j])}
                        <Text size="xs" c="dimmed">{f.money(cmp.data!.revenue[i][j], true)}</Text>
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        </>
      ) : null}
    </>
  );
}
