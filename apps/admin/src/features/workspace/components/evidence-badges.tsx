import type { EvidenceRef } from '@cxs/contracts';
import { Badge, Group, Tooltip } from '@mantine/core';
import { IconChartBar, IconMessageCircle, IconMicrophone } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

const ICONS = { interview: IconMicrophone, survey: IconMessageCircle, metric: IconChartBar } as const;

/** The evidence a card field cites: interviews, survey answers, metrics of the segment. */
export function EvidenceBadges({ evidence }: { evidence: EvidenceRef[] }) {
  const { t } = useTranslation();
  if (evidence.length === 0) return null;
  return (
    <Group gap={6} mt={6}>
      {evidence.map((e, i) => {
        const Icon = ICONS[e.kind];
        // A metric reads by its name in the user's language when the product knows it, else as stored.
        const ref = e.kind === 'metric' ? t(`workspace.card.metrics.${e.ref}`, { defaultValue: e.ref }) : e.ref;
        return (
          <Tooltip key={`${e.kind}-${e.ref}-${i}`} label={e.note || t(`workspace.evidence.${e.kind}`, { ref })} multiline maw={320} disabled={!e.note}>
            <Badge variant="light" color={e.kind === 'metric' ? 'teal' : 'grape'} leftSection={<Icon size={12} />} tt="none" data-testid="evidence-badge">
              {t(`workspace.evidence.${e.kind}`, { ref })}
            </Badge>
          </Tooltip>
        );
      })}
    </Group>
  );
}
