import { subject } from '@cxs/authz';
import { CARD_FIELDS, type CardEntry, type CardField, type EvidenceRef, type GrowthLevel, type SegmentCard } from '@cxs/contracts';
import { Badge, Button, Group, Paper, SegmentedControl, SimpleGrid, Skeleton, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../shared/ui/error-state';
import { useSession } from '../../auth/components/session-context';
import { useEvidenceSources, useSegmentCard, useUpdateSegmentCard } from '../hooks/use-segment-card';
import { EvidenceEditor } from './evidence-editor';
import { EvidenceBadges } from './evidence-badges';
import type { SegmentTabProps } from './segment-tabs';

const GROWTH_COLOUR: Record<GrowthLevel, string> = { low: 'gray', medium: 'yellow', high: 'green' };

function Field({ label, entry, testId }: { label: string; entry: CardEntry; testId: string }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3}>
        {label}
      </Text>
      <Text size="sm" mt={4} c={entry.text ? undefined : 'dimmed'} fs={entry.text ? undefined : 'italic'}>
        {entry.text || t('workspace.card.emptyField')}
      </Text>
      <EvidenceBadges evidence={entry.evidence} />
    </Paper>
  );
}

/** The segment card after the template in seeds/003: each field with the evidence it cites. */
export function CardTab({ segment }: SegmentTabProps) {
  const { t } = useTranslation();
  const { ability } = useSession();
  const card = useSegmentCard(segment.id);
  const update = useUpdateSegmentCard(segment.id);
  const [draft, setDraft] = useState<SegmentCard | null>(null);
  const canEdit = segment.status === 'active' && ability.can('update', subject('Segment', { ownerId: segment.ownerId }));
  const sources = useEvidenceSources(segment.id, draft !== null);

  if (card.isPending) return <Skeleton height={320} radius="md" />;
  if (card.isError) return <ErrorState error={card.error} onRetry={() => void card.refetch()} />;
  const c = card.data.card;

  if (draft) {
    const setField = (f: CardField, text: string) => setDraft({ ...draft, fields: { ...draft.fields, [f]: { ...draft.fields[f], text } } });
    const setEvidence = (f: CardField, evidence: EvidenceRef[]) => setDraft({ ...draft, fields: { ...draft.fields, [f]: { ...draft.fields[f], evidence } } });
    const save = () =>
      update.mutate(
        { behaviourFactor: draft.behaviourFactor, behaviourFactorEvidence: draft.behaviourFactorEvidence, description: draft.description, fields: draft.fields, growthPotential: draft.growthPotential },
        {
          onSuccess: () => {
            setDraft(null);
            notifications.show({ color: 'green', message: t('workspace.saved') });
          },
        },
      );
    return (
      <Paper withBorder radius="md" p="lg" data-testid="card-editor">
        <Stack>
          <Stack gap={4}>
            <Textarea label={t('workspace.card.behaviourFactor')} autosize minRows={2} value={draft.behaviourFactor ?? ''} onChange={(e) => setDraft({ ...draft, behaviourFactor: e.currentTarget.value })} data-testid="card-input-behaviourFactor" />
            <EvidenceEditor value={draft.behaviourFactorEvidence} onChange={(ev) => setDraft({ ...draft, behaviourFactorEvidence: ev })} sources={sources.data} testId="card-evidence-behaviourFactor" />
          </Stack>
          <Textarea label={t('workspace.card.description')} autosize minRows={2} value={draft.description ?? ''} onChange={(e) => setDraft({ ...draft, description: e.currentTarget.value })} />
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {CARD_FIELDS.map((f) => (
              <Stack key={f} gap={4}>
                <Textarea label={t(`workspace.card.fields.${f}`)} autosize minRows={2} value={draft.fields[f].text} onChange={(e) => setField(f, e.currentTarget.value)} data-testid={`card-input-${f}`} />
                <EvidenceEditor value={draft.fields[f].evidence} onChange={(ev) => setEvidence(f, ev)} sources={sources.data} testId={`card-evidence-${f}`} />
              </Stack>
            ))}
          </SimpleGrid>
          <Group align="flex-end">
            <div>
              <Text size="sm" fw={500} mb={4}>
                {t('workspace.card.growthPotential')}
              </Text>
              <SegmentedControl
                data-testid="card-input-growth"
                value={draft.growthPotential.level ?? ''}
                onChange={(v) => setDraft({ ...draft, growthPotential: { ...draft.growthPotential, level: v as GrowthLevel } })}
                data={(['low', 'medium', 'high'] as const).map((l) => ({ value: l, label: t(`workspace.card.growthLevels.${l}`) }))}
              />
            </div>
            <Textarea
              style={{ flex: 1 }}
              label={t('workspace.card.growthReason')}
              autosize
              value={draft.growthPotential.reason}
              onChange={(e) => setDraft({ ...draft, growthPotential: { ...draft.growthPotential, reason: e.currentTarget.value } })}
              data-testid="card-input-growthReason"
            />
          </Group>
          <EvidenceEditor
            value={draft.growthPotential.evidence}
            onChange={(ev) => setDraft({ ...draft, growthPotential: { ...draft.growthPotential, evidence: ev } })}
            sources={sources.data}
            testId="card-evidence-growth"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDraft(null)}>
              {t('common.cancel')}
            </Button>
            <Button onClick={save} loading={update.isPending} data-testid="card-save">
              {t('workspace.save')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    );
  }

  return (
    <Stack data-testid="card-view">
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" align="flex-start">
          <div style={{ flex: 1 }}>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3}>
              {t('workspace.card.behaviourFactor')}
            </Text>
            <Text fw={500} mt={4} data-testid="card-behaviour-factor">
              {c.behaviourFactor || t('workspace.card.emptyField')}
            </Text>
            <EvidenceBadges evidence={c.behaviourFactorEvidence} />
          </div>
          {canEdit ? (
            <Button leftSection={<IconPencil size={16} />} variant="light" onClick={() => setDraft(structuredClone(c))} data-testid="card-edit">
              {t('workspace.edit')}
            </Button>
          ) : null}
        </Group>
      </Paper>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        {CARD_FIELDS.map((f) => (
          <Field key={f} label={t(`workspace.card.fields.${f}`)} entry={c.fields[f]} testId={`card-field-${f}`} />
        ))}
      </SimpleGrid>
      <Paper withBorder radius="md" p="md" data-testid="card-growth">
        <Group gap="sm">
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3}>
            {t('workspace.card.growthPotential')}
          </Text>
          {c.growthPotential.level ? (
            <Badge color={GROWTH_COLOUR[c.growthPotential.level]} variant="light">
              {t(`workspace.card.growthLevels.${c.growthPotential.level}`)}
            </Badge>
          ) : null}
        </Group>
        <Text size="sm" mt={4}>
          {c.growthPotential.reason || t('workspace.card.emptyField')}
        </Text>
        <EvidenceBadges evidence={c.growthPotential.evidence} />
      </Paper>
      {!canEdit ? (
        <Text size="xs" c="dimmed">
          {t('workspace.card.readOnly')}
        </Text>
      ) : null}
    </Stack>
  );
}
