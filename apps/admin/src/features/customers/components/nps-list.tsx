import { Badge, Group, Stack, Text } from '@mantine/core';
import type { SurveyAnswerDto } from '@cxs/contracts';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../shared/format/format';

export function npsColor(score: number): string {
  if (score >= 9) return 'teal';
  if (score >= 7) return 'yellow';
  return 'red';
}

export function NpsList({ surveys }: { surveys: SurveyAnswerDto[] }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const rows = [...surveys].sort((a, b) => b.answeredOn.localeCompare(a.answeredOn));
  return (
    <Stack gap={0} data-testid="nps-list">
      {rows.map((s, i) => (
        <Group
          key={s.id}
          align="flex-start"
          wrap="nowrap"
          py="sm"
          style={{ borderTop: i === 0 ? undefined : '1px solid var(--mantine-color-gray-2)' }}
        >
          <Stack gap={4} w={92} style={{ flexShrink: 0 }}>
            {s.nps !== null ? (
              <Badge color={npsColor(s.nps)} variant="light" size="lg" radius="sm" w="fit-content">
                {t('customer.nps.score', { score: s.nps })}
              </Badge>
            ) : null}
            {s.csat !== null ? (
              <Badge color="gray" variant="light" size="sm" radius="sm" w="fit-content">
                {t('customer.nps.csat', { score: s.csat })}
              </Badge>
            ) : null}
          </Stack>
          <div>
            <Text size="xs" c="dimmed">
              {f.date(s.answeredOn)}
            </Text>
            <Text size="sm">{s.reason ?? <Text span c="dimmed" size="sm" fs="italic">{t('customer.nps.noReason')}</Text>}</Text>
          </div>
        </Group>
      ))}
    </Stack>
  );
}
