import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { IconInfoCircle, IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../../shared/format/format';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { useChurnRisks } from '../hooks/use-pnl';
import { useSettings } from '../hooks/use-settings';

const COLORS = { recency: 'orange', usage: 'grape', nps: 'red' } as const;

/** Current members whose recency, usage or NPS worsened (rule: docs/churn-risk.md, repeated in the tooltip). */
export function ChurnRisks({ segmentId }: { segmentId: string }) {
  const { t } = useTranslation();
  const q = useChurnRisks(segmentId);
  const settings = useSettings();
  const f = useFormatters(settings.data?.currency);
  const [all, setAll] = useState(false);
  const SHOWN = 12;
  return (
    <Paper withBorder radius="md" p="md" data-testid="churn-risks">
      <Group justify="space-between" mb="xs">
        <Group gap={6}>
          <Title order={6}>{q.data ? t('pnl.churn.title', { count: q.data.total }) : t('pnl.churn.titleShort')}</Title>
          <Tooltip
            multiline
            w={380}
            label={
              <>
                <Text size="xs" fw={600}>
                  {t('pnl.churn.ruleTitle', { date: q.data ? f.date(q.data.asOf) : '…' })}
                </Text>
                <Text size="xs">• {t('pnl.churn.rule.recency')}</Text>
                <Text size="xs">• {t('pnl.churn.rule.usage')}</Text>
                <Text size="xs">• {t('pnl.churn.rule.nps')}</Text>
              </>
            }
          >
            <IconInfoCircle size={16} style={{ cursor: 'help' }} data-testid="churn-rule" aria-label={t('pnl.churn.ruleAria')} />
          </Tooltip>
        </Group>
        {q.data ? (
          <Text size="xs" c="dimmed">
            {t('pnl.churn.asOf', { date: f.date(q.data.asOf) })}
          </Text>
        ) : null}
      </Group>
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <TableSkeleton rows={5} columns={4} />
      ) : q.data.items.length === 0 ? (
        <EmptyState icon={<IconShieldCheck size={26} stroke={1.5} />} title={t('pnl.churn.empty')} testId="churn-risks-empty" />
      ) : (
        <Table data-testid="churn-risks-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('pnl.drill.customer')}</Table.Th>
              <Table.Th>{t('pnl.churn.signals')}</Table.Th>
              <Table.Th ta="right">{t('pnl.churn.revenue12m')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(all ? q.data.items : q.data.items.slice(0, SHOWN)).map((r) => (
              <Table.Tr key={r.customerId} data-testid={`churn-risk-${r.customerId}`}>
                <Table.Td>
                  <Anchor component={Link} to={`/customers/${r.customerId}`} size="sm">
                    {r.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    {r.reasons.map((reason) => (
                      <Group key={reason} gap={6} align="flex-start" wrap="nowrap">
                        <Badge size="xs" variant="light" color={COLORS[reason]} style={{ flexShrink: 0, overflow: 'visible' }}>
                          {t(`pnl.churn.reason.${reason}`)}
                        </Badge>
                        <Text size="xs" c="dimmed" lh={1.3}>
                          {reason === 'recency'
                            ? t('pnl.churn.detail.recency', { days: r.daysSinceLastTransaction ?? 0, gap: r.longestGapDays ?? 0 })
                            : reason === 'usage'
                              ? t('pnl.churn.detail.usage', { change: f.percent(Number(r.usageChange), 0) })
                              : t('pnl.churn.detail.nps', { from: r.previousNps ?? '—', to: r.lastNps ?? '—' })}
                        </Text>
                      </Group>
                    ))}
                  </Stack>
                </Table.Td>
                <Table.Td ta="right">{f.money(r.revenue12m)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {q.data && q.data.items.length > SHOWN ? (
        <Group justify="center" mt="xs">
          <Button variant="subtle" size="xs" onClick={() => setAll(!all)} data-testid="churn-risks-more">
            {all ? t('pnl.churn.showFewer') : t('pnl.churn.showAll', { count: q.data.items.length })}
          </Button>
        </Group>
      ) : null}
      {q.data && q.data.total > q.data.items.length && all ? (
        <Text size="xs" c="dimmed" ta="center">
          {t('pnl.churn.more', { shown: q.data.items.length, total: q.data.total })}
        </Text>
      ) : null}
    </Paper>
  );
}
