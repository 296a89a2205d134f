import { Paper, SimpleGrid, Skeleton } from '@mantine/core';
import { IconChartDonut3 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/components/session-context';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { PageHeader } from '../../../shared/ui/page-header';
import { SegmentCard } from '../components/segment-card';
import { useSegments } from '../hooks/use-segments';
import { PortfolioPnl } from '../../pnl/components/portfolio-pnl';

export function MySegmentsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const segments = useSegments();
  const mine = (segments.data ?? []).filter((s) => s.ownerId === user.id);

  return (
    <>
      <PageHeader title={t('mySegments.title')} description={t('mySegments.description')} />
      <PortfolioPnl period={{}} onlyMine />
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
        <SimpleGrid cols={{ base: 1, md: 2, lg: 3 }} data-testid="my-segments">
          {mine.map((s) => (
            <SegmentCard key={s.id} segment={s} />
          ))}
        </SimpleGrid>
      )}
    </>
  );
}
