import { Alert, Anchor, Breadcrumbs, Group, SimpleGrid, Skeleton, Tabs, Text } from '@mantine/core';
import { IconArchive } from '@tabler/icons-react';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useFormatters } from '../../../shared/format/format';
import { ErrorState } from '../../../shared/ui/error-state';
import { PageHeader } from '../../../shared/ui/page-header';
import { StatCard } from '../../../shared/ui/stat-card';
import { useSession } from '../../auth/components/session-context';
import { LifecycleMenu } from '../../workspace/components/lifecycle-menu';
import { ProposalsBanner } from '../../workspace/components/proposals-banner';
import { SEGMENT_TABS } from '../../workspace/components/segment-tabs';
import { SegmentStatusBadge } from '../components/segment-status-badge';
import { useSegment } from '../hooks/use-segment';

export function SegmentPage() {
  const { id = '', tab } = useParams();
  const { t } = useTranslation();
  const f = useFormatters();
  const navigate = useNavigate();
  const { ability } = useSession();
  const segment = useSegment(id);

  if (segment.isPending) return <Skeleton height={220} radius="md" />;
  if (segment.isError) return <ErrorState error={segment.error} onRetry={() => void segment.refetch()} />;
  const s = segment.data;
  const tabs = SEGMENT_TABS.filter((x) => x.visible(ability, s));
  const current = tabs.find((x) => x.key === tab) ?? tabs[0];

  return (
    <>
      <Breadcrumbs mb="sm" fz="sm">
        <Anchor component={Link} to="/">
          {t('segments.breadcrumb')}
        </Anchor>
        <Text size="sm">{s.name}</Text>
      </Breadcrumbs>
      <PageHeader
        title={
          <Group gap="sm">
            <span data-testid="segment-title">{s.name}</span>
            <SegmentStatusBadge status={s.status} />
          </Group>
        }
        description={s.description ?? undefined}
        actions={<LifecycleMenu segment={s} />}
      />
      {s.status === 'archived' ? (
        <Alert icon={<IconArchive size={18} />} color="gray" mb="md" data-testid="segment-archived">
          {t('workspace.lifecycle.archived')}
        </Alert>
      ) : null}
      <ProposalsBanner segment={s} />
      <SimpleGrid cols={{ base: 1, md: 3 }} mb="lg">
        <StatCard label={t('segments.columns.members')} value={f.number(s.memberCount)} testId="segment-members" />
        <StatCard
          label={t('segments.columns.owner')}
          value={<Text fz={20} fw={600} c={s.ownerId ? undefined : 'orange.8'}>{s.ownerName ?? t('segments.noOwner')}</Text>}
        />
        <StatCard label={t('segments.columns.created')} value={<Text fz={20} fw={600}>{f.date(s.createdAt)}</Text>} />
      </SimpleGrid>
      <Tabs value={current?.key ?? null} onChange={(v) => v && void navigate(`/segments/${s.id}/${v}`)} keepMounted={false}>
        <Tabs.List mb="md">
          {tabs.map((x) => (
            <Tabs.Tab key={x.key} value={x.key} data-testid={x.testId}>
              {t(x.label)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {current ? (
          <Suspense fallback={<Skeleton height={240} radius="md" />}>
            <current.component segment={s} key={`${s.id}-${current.key}`} />
          </Suspense>
        ) : null}
      </Tabs>
    </>
  );
}
