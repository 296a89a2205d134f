import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../shared/api/error-message';
import { useFormatters } from '../../../shared/format/format';
import { useSegments } from '../../segments/hooks/use-segments';
import { useProposePromotion } from '../hooks/use-promotions';

type Target = 'new' | 'existing';

/**
 * The analyst proposes a group as a new managed segment, or as the new
 * membership of an existing one; the director approves and names the CX-owner.
 */
export function PromoteModal({ runId, label, size, onClose }: { runId: string; label: string | null; size?: number; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const propose = useProposePromotion();
  const segments = useSegments();
  const [target, setTarget] = useState<Target>('new');
  const [name, setName] = useState('');
  const [segmentId, setSegmentId] = useState<string | null>(null);
  const nextMonth = new Date();
  nextMonth.setUTCDate(1);
  nextMonth.setUTCMonth(nextMonth.getUTCMonth() + 1);
  const [date, setDate] = useState(nextMonth.toISOString().slice(0, 10));
  useEffect(() => {
    if (label) setName(t('seg.promote.defaultName', { label }));
    setTarget('new');
    setSegmentId(null);
    propose.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [label]);
  const active = (segments.data ?? []).filter((s) => s.status === 'active');
  const chosen = active.find((s) => s.id === segmentId) ?? null;
  const ready = target === 'new' ? name.trim() !== '' : segmentId !== null;
  const submit = () => {
    if (!label) return;
    propose.mutate(target === 'new' ? { runId, label, newSegmentName: name.trim(), effectiveDate: date } : { runId, label, targetSegmentId: segmentId!, effectiveDate: date });
  };
  return (
    <Modal opened={label !== null} onClose={onClose} title={t('seg.promote.title', { label })} centered size="lg">
      <Stack>
        <Text size="sm" c="dimmed">{t('seg.promote.explain')}</Text>
        <SegmentedControl
          value={target}
          onChange={(v) => setTarget(v as Target)}
          data={[
            { value: 'new', label: t('seg.promote.toNew') },
            { value: 'existing', label: t('seg.promote.toExisting') },
          ]}
          data-testid="promote-target"
        />
        {target === 'new' ? (
          <TextInput label={t('seg.promote.segmentName')} maxLength={200} value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="promote-name" />
        ) : (
          <>
            <Select
              label={t('seg.promote.segment')}
              placeholder={t('seg.promote.pickSegment')}
              searchable
              nothingFoundMessage={t('seg.promote.noSegments')}
              data={active.map((s) => ({ value: s.id, label: `${s.name} · ${t('seg.promote.members', { count: s.memberCount })}` }))}
              value={segmentId}
              onChange={setSegmentId}
              disabled={segments.isPending}
              data-testid="promote-segment"
            />
            {chosen ? (
              <Alert color="blue" variant="light" data-testid="promote-update-explain">
                {t('seg.promote.updateExplain', {
                  segment: chosen.name,
                  members: f.number(chosen.memberCount),
                  group: label,
                  size: size === undefined ? '—' : f.number(size),
                  owner: chosen.ownerName ?? t('seg.promote.noOwner'),
                })}
              </Alert>
            ) : null}
          </>
        )}
        <TextInput label={t('seg.promote.effectiveDate')} type="date" value={date} onChange={(e) => setDate(e.currentTarget.value)} data-testid="promote-date" />
        {propose.isError ? <Alert color="red">{errorMessage(t, propose.error)}</Alert> : null}
        {propose.isSuccess ? <Alert color="green" data-testid="promote-done">{t('seg.promote.sent')}</Alert> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button loading={propose.isPending} disabled={propose.isSuccess || !ready} onClick={submit} data-testid="promote-submit">
            {t('seg.promote.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
