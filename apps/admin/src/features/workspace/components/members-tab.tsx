import type { CustomerQuery } from '@cxs/contracts';
import { Group, Pagination, Paper, Skeleton, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../shared/format/format';
import { ErrorState } from '../../../shared/ui/error-state';
import { CustomersTable } from '../../customers/components/customers-table';
import { useSegmentMembers } from '../hooks/use-segment-history';
import type { SegmentTabProps } from './segment-tabs';

const QUERY: CustomerQuery = { sort: 'revenue', order: 'desc' };

/** Today's members (the customers the user may see), biggest revenue first. */
export function MembersTab({ segment }: SegmentTabProps) {
  const { t } = useTranslation();
  const f = useFormatters();
  const [page, setPage] = useState(1);
  const members = useSegmentMembers(segment.id, page);
  if (members.isPending) return <Skeleton height={300} radius="md" />;
  if (members.isError) return <ErrorState error={members.error} onRetry={() => void members.refetch()} />;
  const m = members.data;
  if (m.total === 0) {
    return (
      <Paper withBorder radius="md" p="lg">
        <Text c="dimmed">{t('workspace.members.empty')}</Text>
      </Paper>
    );
  }
  return (
    <div data-testid="members">
      <Text size="sm" c="dimmed" mb="xs">
        {t('workspace.members.total', { count: m.total, formatted: f.number(m.total) })}
      </Text>
      <CustomersTable items={m.items} query={QUERY} onSort={() => undefined} fetching={members.isFetching} />
      <Group justify="center" mt="md">
        <Pagination total={Math.ceil(m.total / m.pageSize)} value={page} onChange={setPage} />
      </Group>
    </div>
  );
}
