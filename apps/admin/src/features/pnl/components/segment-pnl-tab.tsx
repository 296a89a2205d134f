import { SimpleGrid, Stack } from '@mantine/core';
import { useState } from 'react';
import type { SegmentTabProps } from '../../workspace/components/segment-tabs';
import type { PeriodFilter } from '../api/pnl.api';
import { ChurnRisks } from './churn-risks';
import { useSegmentPnl } from '../hooks/use-pnl';
import { PeriodPicker } from './period-picker';
import { PlansPanel } from './plans-panel';
import { TopCustomers } from './top-customers';
import { SegmentPnlPanel } from './segment-pnl-panel';

/** The segment page's P&L tab: the same panel as on the portfolio, for this segment, with its own period. */
export function SegmentPnlTab({ segment }: SegmentTabProps) {
  const [period, setPeriod] = useState<PeriodFilter>({});
  // The same query the panel below runs (react-query shares it): the period the API resolved, for the label.
  const pnl = useSegmentPnl(segment.id, period);
  return (
    <Stack gap="md" data-testid="segment-pnl-tab">
      <PeriodPicker value={period} onChange={setPeriod} resolved={pnl.data?.period} />
      <SegmentPnlPanel segmentId={segment.id} period={period} />
      <PlansPanel segmentId={segment.id} segments={[{ id: segment.id, name: segment.name, ownerId: segment.ownerId }]} testId="segment-plans" />
      <SimpleGrid cols={{ base: 1, xl: 2 }}>
        <TopCustomers segmentId={segment.id} period={period} />
        <ChurnRisks segmentId={segment.id} />
      </SimpleGrid>
    </Stack>
  );
}
