import { Anchor, Group, Paper, SegmentedControl, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconChartDonut3, IconExternalLink } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../auth/components/session-context';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { PageHeader } from '../../../shared/ui/page-header';
import { SegmentCard } from '../components/segment-card';
import { useSegments } from '../hooks/use-segments';
import { PortfolioPnl } from '../../pnl/components/portfolio-pnl';
import { PlansPanel } from '../../pnl/components/plans-panel';
import { TopCustomers } from '../../pnl/components/top-customers';
import { ChurnRisks } from '../../pnl/components/churn-risks';
import { PeriodPicker } from '../../pnl/components/period-picker';
import { useTopCustomers } from '../../pnl/hooks/use-pnl';
import type { PeriodFilter } from '../../pnl/api/pnl.api';

/** Where a segment's work lives: the tabs of the segment page. */
const LINKS = [
  { tab: 'card', label: 'workspace.tabs.card' },
  { tab: 'pnl', label: 'workspace.tabs.pnl' },
  { tab: 'scenarios', label: 'workspace.tabs.scenarios' },
  { tab: 'job-map', label: 'workspace.tabs.jobMap' },
  { tab: 'board', label: 'workspace.tabs.board' },
  { tab: 'members', label: 'workspace.tabs.members' },
] as const;

/** The CX-owner's desk: my segments' P&L and trend, plans vs actual, and per segment its top customers and churn risks. */
export function MySegmentsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const segments = useSegments();
  const mine = (segments.data ?? []).filter((s) => s.ownerId === user.id && s.status === 'active');
  const [focus, setFocus] = useState<string | null>(null);
  const [period, setPeriod] = useState<PeriodFilter>({});
  // Until the owner picks one, focus on their largest segment (a segment just promoted may have no members yet).
  const largest = mine.reduce<(typeof mine)[number] | undefined>((best, s) => (!best || s.memberCount > best.memberCount ? s : best), undefined);
  const current = mine.find((s) => s.id === focus) ?? largest;
  // The focus panel's period as the API resolved it (the same query the top-customers card runs).
  const top = useTopCustomers(current?.id ?? null, period);

  return (
    <>
      <PageHeader title={t('mySegments.title')} description={t('mySegments.description')} />
      {segments.isError ? <ErrorState error={segments.error} onRetry={() => void segments.refetch()} /> : null}
      {segments.isPending ? (
        <SimpleGrid cols={{ base: 1, md: 2, lg: 3 }}>
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} height={150} radius="md" />
          ))}
        </SimpleGrid>
      ) : segments.isSuccess && mine.length === 0 ? (
        <Paper withBorder radius="md">
          <EmptyState
            icon={<IconChartDonut3 size={26} stroke={1.5} />}
            title={t('mySegments.empty.title')}
            description={t('mySegments.empty.description')}
            testId="my-segments-empty"
          />
        </Paper>
      ) : (
        <>
          <PortfolioPnl period={{}} onlyMine />
          <PlansPanel segments={mine} testId="my-plans" />
          {current ? (
            <Paper withBorder radius="md" p="md" mb="lg" data-testid="segment-focus">
              <Group justify="space-between" mb="sm" wrap="wrap">
                <Title order={5}>{t('mySegments.focus.title')}</Title>
                <PeriodPicker value={period} onChange={setPeriod} resolved={top.data?.period} />
              </Group>
              {mine.length > 1 ? (
                <SegmentedControl
                  mb="sm"
                  value={current.id}
                  onChange={setFocus}
                  data={mine.map((s) => ({ value: s.id, label: s.name }))}
                  data-testid="focus-segment"
                />
              ) : null}
              <Group gap="md" mb="md" data-testid="segment-links">
                <Text size="sm" c="dimmed">
                  {t('mySegments.focus.open')}
                </Text>
                {LINKS.map((l) => (
                  <Anchor key={l.tab} component={Link} to={`/segments/${current.id}/${l.tab}`} size="sm" data-testid={`link-${l.tab}`}>
                    <Group gap={4} wrap="nowrap">
                      {t(l.label)}
                      <IconExternalLink size={12} />
                    </Group>
                  </Anchor>
                ))}
              </Group>
              <SimpleGrid cols={{ base: 1, xl: 2 }}>
                <TopCustomers key={`top-${current.id}`} segmentId={current.id} period={period} />
                <ChurnRisks key={`churn-${current.id}`} segmentId={current.id} />
              </SimpleGrid>
            </Paper>
          ) : null}
          <Stack gap="xs">
            <Title order={5}>{t('mySegments.cards')}</Title>
            <SimpleGrid cols={{ base: 1, md: 2, lg: 3 }} data-testid="my-segments">
              {mine.map((s) => (
                <SegmentCard key={s.id} segment={s} />
              ))}
            </SimpleGrid>
          </Stack>
        </>
      )}
    </>
  );
}
