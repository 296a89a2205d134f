import type { UserDto } from '@cxs/contracts';
import { Alert, Badge, Button, Group, Paper, Select, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../shared/api/error-message';
import { useFormatters } from '../../../shared/format/format';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { PageHeader } from '../../../shared/ui/page-header';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { fetchUsers, userKeys } from '../../users/api/users.api';
import { useApprovePromotion, usePromotions, useRejectPromotion } from '../hooks/use-promotions';
import { labelColor } from '../lib/labels';

/** The director decides on the analysts' proposals and names the CX-owner of each new or updated segment. */
export function PromotionsPage() {
  const { t } = useTranslation();
  const f = useFormatters();
  const promotions = usePromotions();
  const users = useQuery({ queryKey: userKeys.list({ role: 'cx_owner' }), queryFn: ({ signal }) => fetchUsers(signal), select: (d) => d.items.filter((u: UserDto) => u.role === 'cx_owner' && u.isActive) });
  const approve = useApprovePromotion();
  const reject = useRejectPromotion();
  const [owners, setOwners] = useState<Record<string, string | null>>({});
  const items = promotions.data ?? [];
  return (
    <>
      <PageHeader title={t('seg.promotions.title')} description={t('seg.promotions.description')} />
      {promotions.isError ? <ErrorState error={promotions.error} onRetry={() => void promotions.refetch()} /> : null}
      {approve.isError ? <Alert color="red" mb="md">{errorMessage(t, approve.error)}</Alert> : null}
      {promotions.isPending ? (
        <TableSkeleton />
      ) : items.length === 0 ? (
        <EmptyState title={t('seg.promotions.empty')} description={t('seg.promotions.emptyHint')} />
      ) : (
        <Paper withBorder radius="md">
          <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="promotions-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('seg.promotions.group')}</Table.Th>
                <Table.Th>{t('seg.promotions.segment')}</Table.Th>
                <Table.Th ta="right">{t('seg.promotions.customers')}</Table.Th>
                <Table.Th>{t('seg.promotions.from')}</Table.Th>
                <Table.Th>{t('seg.promotions.status')}</Table.Th>
                <Table.Th>{t('seg.promotions.decision')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => (
                <Table.Tr key={p.id} data-testid={`promotion-${p.id}`}>
                  <Table.Td>
                    <Badge color={labelColor(p.label)}>{p.label}</Badge> <Text span size="sm">{p.modelName} · #{p.runId}</Text>
                    <Text size="xs" c="dimmed">{t('seg.promotions.proposedBy', { name: p.proposedByName ?? '—' })}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm">{p.newSegmentName ?? p.targetSegmentName}</Text>
                      <Badge size="xs" variant="outline" color={p.targetSegmentId ? 'grape' : 'gray'} styles={{ root: { flexShrink: 0 }, label: { overflow: 'visible' } }} data-testid="promotion-kind">
                        {p.targetSegmentId ? t('seg.promotions.update') : t('seg.promotions.new')}
                      </Badge>
                    </Group>
                    {p.targetSegmentId && p.targetSegmentMembers !== null ? <Text size="xs" c="dimmed">{t('seg.promotions.updateHint', { count: p.targetSegmentMembers })}</Text> : null}
                  </Table.Td>
                  <Table.Td ta="right">{f.number(p.customers)}</Table.Td>
                  <Table.Td>{f.date(p.effectiveDate)}</Table.Td>
                  <Table.Td>
                    <Badge color={p.status === 'approved' ? 'green' : p.status === 'rejected' ? 'red' : 'orange'} variant="light" styles={{ root: { flexShrink: 0 }, label: { overflow: 'visible' } }} data-testid="promotion-status">
                      {t(`seg.promotions.statuses.${p.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {p.status === 'proposed' ? (
                      <Group gap="xs" wrap="nowrap">
                        <Select
                          size="xs"
                          w={180}
                          placeholder={t('seg.promotions.owner')}
                          data={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }))}
                          value={owners[p.id] ?? p.targetSegmentOwnerId ?? null}
                          onChange={(v) => setOwners((o) => ({ ...o, [p.id]: v }))}
                          data-testid={`owner-${p.id}`}
                        />
                        <Button size="xs" disabled={!(owners[p.id] ?? p.targetSegmentOwnerId)} loading={approve.isPending} onClick={() => approve.mutate({ id: p.id, ownerId: (owners[p.id] ?? p.targetSegmentOwnerId)! })} data-testid={`approve-${p.id}`}>
                          {t('seg.promotions.approve')}
                        </Button>
                        <Button size="xs" variant="subtle" color="red" onClick={() => reject.mutate(p.id)}>
                          {t('seg.promotions.reject')}
                        </Button>
                      </Group>
                    ) : (
                      <Text size="xs" c="dimmed">
                        {p.decidedByName} · {f.dateTime(p.decidedAt)}
                        {p.membersMoved !== null ? ` · ${t('seg.promotions.moved', { count: p.membersMoved, n: f.number(p.membersMoved) })}` : ''}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </>
  );
}
