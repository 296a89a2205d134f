import { Anchor, Text, Timeline } from '@mantine/core';
import type { MembershipDto } from '@cxs/contracts';
import { IconChartDonut3 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../../shared/format/format';

/** Effective-dated memberships, newest first: past memberships never change. */
export function MembershipHistory({ memberships }: { memberships: MembershipDto[] }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const rows = [...memberships].sort((a, b) => b.validFrom.localeCompare(a.validFrom));
  const currentIndex = rows.findIndex((m) => m.validTo === null);
  return (
    <Timeline active={currentIndex} bulletSize={22} lineWidth={2} data-testid="membership-history">
      {rows.map((m) => (
        <Timeline.Item
          key={`${m.segmentId}-${m.validFrom}`}
          bullet={<IconChartDonut3 size={12} />}
          title={
            <Anchor component={Link} to={`/segments/${m.segmentId}`} size="sm" fw={600}>
              {m.segmentName}
            </Anchor>
          }
        >
          <Text size="xs" c="dimmed">
            {m.validTo
              ? t('customer.membership.period', { from: f.date(m.validFrom), to: f.date(m.validTo) })
              : t('customer.membership.since', { from: f.date(m.validFrom) })}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
