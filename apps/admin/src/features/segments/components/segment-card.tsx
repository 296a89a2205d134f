import { Anchor, Card, Group, Stack, Text } from '@mantine/core';
import type { SegmentDto } from '@cxs/contracts';
import { IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../../shared/format/format';
import { SegmentStatusBadge } from './segment-status-badge';

export function SegmentCard({ segment }: { segment: SegmentDto }) {
  const { t } = useTranslation();
  const f = useFormatters();
  return (
    <Card withBorder radius="md" padding="lg" data-testid="segment-card">
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="xs">
        <Anchor component={Link} to={`/segments/${segment.id}`} fw={600} size="lg" c="inherit">
          {segment.name}
        </Anchor>
        <SegmentStatusBadge status={segment.status} />
      </Group>
      <Stack gap={6}>
        {segment.behaviourFactor ? (
          <Text size="sm">
            <Text span c="dimmed" size="sm">
              {t('segments.columns.behaviourFactor')}:{' '}
            </Text>
            {segment.behaviourFactor}
          </Text>
        ) : null}
        {segment.description ? (
          <Text size="sm" c="dimmed" lineClamp={3}>
            {segment.description}
          </Text>
        ) : null}
      </Stack>
      <Group gap={6} mt="md" c="dimmed">
        <IconUsersGroup size={16} />
        <Text size="sm">{t('segments.memberCount', { count: segment.memberCount, formatted: f.number(segment.memberCount) })}</Text>
      </Group>
    </Card>
  );
}
