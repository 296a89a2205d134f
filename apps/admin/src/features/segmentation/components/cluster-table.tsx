import type { ClusterDto } from '@cxs/contracts';
import { Badge, Button, Paper, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../shared/format/format';
import { labelColor } from '../lib/labels';

/** Cluster table: label with its reason, size, shares, and median [p25–p75] of each parameter in its units. */
export function ClusterTable({ clusters, onPromote }: { clusters: ClusterDto[]; onPromote?: (label: string) => void }) {
  const { t, i18n } = useTranslation();
  const f = useFormatters();
  const ru = i18n.language.startsWith('ru');
  const params = clusters[0]?.profile ?? [];
  const fmt = (v: number, unit: string) => (unit === 'money' ? f.money(v, true) : unit === 'share' ? f.percent(v, 1) : f.number(v, Math.abs(v) < 10 ? 2 : 0));
  return (
    <Paper withBorder radius="md" p={0} style={{ overflowX: 'auto' }}>
      <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="cluster-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th miw={360}>{t('seg.results.cluster')}</Table.Th>
            <Table.Th ta="right">{t('seg.results.size')}</Table.Th>
            <Table.Th ta="right">{t('seg.results.share')}</Table.Th>
            <Table.Th ta="right">{t('seg.results.revenueShare')}</Table.Th>
            {params.map((p) => (
              <Table.Th key={p.column} ta="right" style={{ whiteSpace: 'nowrap' }}>
                <Tooltip label={t('seg.results.medianHint')}>
                  <span>{ru ? p.labelRu : p.labelEn}</span>
                </Tooltip>
              </Table.Th>
            ))}
            {onPromote ? <Table.Th /> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {clusters.map((c, i) => (
            <Table.Tr key={c.label} data-testid={`cluster-row-${c.label}`} data-size={c.size}>
              <Table.Td miw={360} maw={420}>
                <Badge color={labelColor(c.label, i)} variant="filled" size="lg" mb={4}>
                  {c.label}
                </Badge>
                <Text size="xs" c="dimmed">
                  {ru ? c.reason.ru : c.reason.en}
                </Text>
                {c.description.en ? (
                  <Text size="xs" mt={4} data-testid={`typical-${c.label}`}>
                    {ru ? c.description.ru : c.description.en}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td ta="right">{f.number(c.size)}</Table.Td>
              <Table.Td ta="right">{f.percent(c.share, 1)}</Table.Td>
              <Table.Td ta="right">
                {f.percent(c.revenueShare, 1)}
                <Text size="xs" c="dimmed">
                  {f.money(c.revenue, true)}
                </Text>
              </Table.Td>
              {c.profile.map((p) => (
                <Table.Td key={p.column} ta="right" style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm" fw={500} data-testid={`median-${c.label}-${p.column}`}>
                    {fmt(p.median, p.unit)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {fmt(p.p25, p.unit)}–{fmt(p.p75, p.unit)}
                  </Text>
                </Table.Td>
              ))}
              {onPromote ? (
                <Table.Td>
                  <Button size="xs" variant="light" onClick={() => onPromote(c.label)} data-testid={`promote-${c.label}`}>
                    {t('seg.promote.action')}
                  </Button>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
