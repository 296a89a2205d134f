import { Alert, Anchor, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconChartDonut3, IconUserOff, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../../shared/format/format';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { PageHeader } from '../../../shared/ui/page-header';
import { StatCard } from '../../../shared/ui/stat-card';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { SegmentMembersChart } from '../components/segment-members-chart';
import { SegmentsTable } from '../components/segments-table';
import { useSegments } from '../hooks/use-segments';
import { PortfolioPnl } from '../../pnl/components/portfolio-pnl';
import { PlansPanel } from '../../pnl/components/plans-panel';

export function PortfolioPage() {
  const { t } = useTranslation();
  const f = useFormatters();
  const segments = useSegments();
  const all = segments.data ?? [];
  const active = all.filter((s) => s.status === 'active');
  const withoutOwner = active.filter((s) => !s.ownerId);
  const members = active.reduce((sum, s) => sum + s.memberCount, 0);

  return (
    <>
      <PageHeader title={t('portfolio.title')} description={t('portfolio.description')} />
      <SimpleGrid cols={{ base: 1, sm: 3 }} mb="lg">
        <StatCard
          label={t('portfolio.stats.active')}
          value={f.number(active.length)}
          hint={all.length > active.length ? t('portfolio.stats.archived', { count: all.length - active.length }) : undefined}
          icon={<IconChartDonut3 size={20} />}
          loading={segments.isPending}
          testId="stat-active-segments"
        />
        <StatCard
          label={t('portfolio.stats.members')}
          value={f.number(members)}
          hint={t('portfolio.stats.membersHint')}
          icon={<IconUsersGroup size={20} />}
          loading={segments.isPending}
        />
        <StatCard
          label={t('portfolio.stats.withoutOwner')}
          value={f.number(withoutOwner.length)}
          icon={<IconUserOff size={20} />}
          loading={segments.isPending}
          testId="stat-without-owner"
        />
      </SimpleGrid>

      <PortfolioPnl period={{}} />

      <PlansPanel segments={active} testId="portfolio-plans" />

      {segments.isError ? <ErrorState error={segments.error} onRetry={() => void segments.refetch()} /> : null}

      {withoutOwner.length > 0 ? (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title={t('portfolio.withoutOwner.title', { count: withoutOwner.length })}
          mb="lg"
          data-testid="segments-without-owner"
        >
          <Text size="sm" mb={6}>
            {t('portfolio.withoutOwner.description')}
          </Text>
          <Group gap="md">
            {withoutOwner.map((s) => (
              <Anchor key={s.id} component={Link} to={`/segments/${s.id}`} size="sm" fw={500}>
                {s.name}
              </Anchor>
            ))}
          </Group>
        </Alert>
      ) : null}

      {segments.isPending ? (
        <Paper withBorder radius="md">
          <TableSkeleton rows={5} columns={6} />
        </Paper>
      ) : segments.isSuccess && all.length === 0 ? (
        <Paper withBorder radius="md">
          <EmptyState title={t('portfolio.empty.title')} description={t('portfolio.empty.description')} />
        </Paper>
      ) : segments.isSuccess ? (
        <Stack gap="lg">
          <Paper withBorder radius="md" p="md">
            <Title order={5} mb="xs">
              {t('portfolio.chartTitle')}
            </Title>
            <SegmentMembersChart segments={active} />
          </Paper>
          <SegmentsTable segments={all} />
        </Stack>
      ) : null}
    </>
  );
}
