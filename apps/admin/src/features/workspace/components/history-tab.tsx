import type { SegmentHistoryEntry } from '@cxs/contracts';
import { Code, Paper, Skeleton, Spoiler, Text, Timeline } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../shared/format/format';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { useSegmentHistory } from '../hooks/use-segment-history';
import type { SegmentTabProps } from './segment-tabs';

/** Top-level fields that differ between before and after (what the line is about). */
function changedKeys(e: SegmentHistoryEntry): string[] {
  const before = (e.before ?? {}) as Record<string, unknown>;
  const after = (e.after ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/** Who changed what on the segment and under it, when, with before and after. */
export function HistoryTab({ segment }: SegmentTabProps) {
  const { t } = useTranslation();
  const f = useFormatters();
  const history = useSegmentHistory(segment.id);
  if (history.isPending) return <Skeleton height={300} radius="md" />;
  if (history.isError) return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  if (history.data.length === 0) {
    return (
      <Paper withBorder radius="md">
        <EmptyState icon={<IconHistory size={26} stroke={1.5} />} title={t('workspace.history.empty')} />
      </Paper>
    );
  }
  return (
    <Paper withBorder radius="md" p="lg" data-testid="history">
      <Timeline bulletSize={18} lineWidth={2}>
        {history.data.map((e) => {
          const keys = e.before && e.after ? changedKeys(e) : [];
          return (
            <Timeline.Item key={e.id} title={<Text size="sm" fw={600}>{e.action}</Text>} data-testid="history-entry">
              <Text size="xs" c="dimmed">
                {f.dateTime(e.at)} · {e.actorName ?? t('workspace.history.system')}
              </Text>
              {keys.length ? (
                <Text size="xs" mt={2}>
                  {t('workspace.history.changed')}: {keys.join(', ')}
                </Text>
              ) : null}
              <Spoiler maxHeight={0} showLabel={t('workspace.history.details')} hideLabel="×" fz="xs">
                <Code block fz={11} mt={4}>
                  {JSON.stringify({ before: e.before, after: e.after }, null, 2)}
                </Code>
              </Spoiler>
            </Timeline.Item>
          );
        })}
      </Timeline>
    </Paper>
  );
}
