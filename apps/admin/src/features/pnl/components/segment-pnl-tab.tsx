import { Stack } from '@mantine/core';
import { useState } from 'react';
import type { SegmentTabProps } from '../../workspace/components/segment-tabs';
import type { PeriodFilter } from '../api/pnl.api';
import { PeriodPicker } from './period-picker';
import { SegmentPnlPanel } from './segment-pnl-panel';

/** The segment page's P&L tab: the same panel as on the portfolio, for this segment, with its own period. */
export function SegmentPnlTab({ segment }: SegmentTabProps) {
  const [period, setPeriod] = useState<PeriodFilter>({});
  return (
    <Stack gap="md" data-testid="segment-pnl-tab">
      <PeriodPicker value={period} onChange={setPeriod} />
      <SegmentPnlPanel segmentId={segment.id} period={period} />
    </Stack>
  );
}
