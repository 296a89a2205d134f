import type { EvidenceKind, EvidenceRef, EvidenceSourcesDto } from '@cxs/contracts';
import { ActionIcon, Badge, Button, Group, Paper, SegmentedControl, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Segment metrics a field may cite, named as the segment features are (the demo cites these too). */
export const METRICS = ['netRevenue', 'nrr', 'churnRate', 'arpu', 'averageCheck', 'modulesUsed', 'activeUsersGrowth', 'dealCycleDays', 'discountShare', 'nps', 'csat'] as const;

/**
 * The citations of one card field, editable: remove a citation, or cite one of
 * the segment's interviews or survey answers (picked from a list) or a metric
 * of the segment, with a note on what it shows.
 */
export function EvidenceEditor({ value, onChange, sources, testId }: { value: EvidenceRef[]; onChange: (next: EvidenceRef[]) => void; sources: EvidenceSourcesDto | undefined; testId: string }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [kind, setKind] = useState<EvidenceKind>('interview');
  const [ref, setRef] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const options = (kind === 'interview' ? sources?.interviews : kind === 'survey' ? sources?.surveyAnswers : undefined) ?? [];
  const cited = new Set(value.map((e) => `${e.kind}:${e.ref}`));
  const reset = () => {
    setAdding(false);
    setRef(null);
    setNote('');
  };
  const add = () => {
    if (!ref) return;
    onChange([...value, { kind, ref: ref.trim(), note: note.trim() }]);
    reset();
  };
  const describe = (e: EvidenceRef) => {
    const list = e.kind === 'interview' ? sources?.interviews : e.kind === 'survey' ? sources?.surveyAnswers : undefined;
    const s = list?.find((x) => x.id === e.ref);
    if (s) return `${s.externalId} · ${s.customerName ?? '—'} · ${s.date}`;
    return t(`workspace.evidence.${e.kind}`, { ref: e.kind === 'metric' ? t(`workspace.card.metrics.${e.ref}`, { defaultValue: e.ref }) : e.ref });
  };

  return (
    <Stack gap={4} data-testid={testId}>
      <Group gap={6}>
        {value.map((e, i) => (
          <Tooltip key={`${e.kind}-${e.ref}-${i}`} label={e.note} disabled={!e.note} multiline maw={320}>
            <Badge
              variant="light"
              color={e.kind === 'metric' ? 'teal' : 'grape'}
              tt="none"
              data-testid="evidence-chip"
              rightSection={
                <ActionIcon size="xs" variant="transparent" color="gray" aria-label={t('workspace.card.evidenceRemove')} onClick={() => onChange(value.filter((_, k) => k !== i))} data-testid="evidence-remove">
                  <IconX size={10} />
                </ActionIcon>
              }
            >
              {describe(e)}
            </Badge>
          </Tooltip>
        ))}
        {!adding ? (
          <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} />} onClick={() => setAdding(true)} data-testid="evidence-add">
            {t('workspace.card.evidenceAdd')}
          </Button>
        ) : null}
      </Group>
      {adding ? (
        <Paper withBorder radius="sm" p="xs" bg="gray.0">
          <Stack gap={6}>
            <SegmentedControl
              size="xs"
              value={kind}
              onChange={(v) => {
                setKind(v as EvidenceKind);
                setRef(null);
              }}
              data={(['interview', 'survey', 'metric'] as const).map((k) => ({ value: k, label: t(`workspace.card.evidenceKinds.${k}`) }))}
              data-testid="evidence-kind"
            />
            {kind === 'metric' ? (
              <Select
                size="xs"
                searchable
                label={t('workspace.card.evidenceMetric')}
                value={ref}
                onChange={setRef}
                data={METRICS.map((m) => ({ value: m, label: t(`workspace.card.metrics.${m}`) }))}
                data-testid="evidence-ref"
              />
            ) : options.length === 0 ? (
              <Text size="xs" c="dimmed">
                {sources ? t('workspace.card.evidenceNone') : t('workspace.card.evidenceLoading')}
              </Text>
            ) : (
              <Select
                size="xs"
                searchable
                label={t(kind === 'interview' ? 'workspace.card.evidenceInterview' : 'workspace.card.evidenceSurvey')}
                value={ref}
                onChange={setRef}
                nothingFoundMessage={t('workspace.card.evidenceNone')}
                data={options
                  .filter((o) => !cited.has(`${kind}:${o.id}`))
                  .map((o) => ({
                    value: o.id,
                    label: [o.externalId, o.customerName, o.date, kind === 'survey' && o.csat != null ? `CSAT ${o.csat}` : null, kind === 'survey' && o.nps != null ? `NPS ${o.nps}` : null, o.summary]
                      .filter(Boolean)
                      .join(' · ')
                      .slice(0, 140),
                  }))}
                data-testid="evidence-ref"
              />
            )}
            <TextInput size="xs" label={t('workspace.card.evidenceNote')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={1000} data-testid="evidence-note" />
            <Group justify="flex-end" gap={6}>
              <Button size="compact-xs" variant="default" onClick={reset}>
                {t('common.cancel')}
              </Button>
              <Button size="compact-xs" disabled={!ref} onClick={add} data-testid="evidence-cite">
                {t('workspace.card.evidenceCite')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  );
}
