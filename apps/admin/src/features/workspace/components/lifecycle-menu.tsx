import { subject } from '@cxs/authz';
import type { SegmentDto, SplitRule } from '@cxs/contracts';
import { Alert, Button, Checkbox, Group, Menu, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconArrowMerge, IconArrowsSplit, IconChevronDown, IconMessageShare } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../../auth/components/session-context';
import { useSegments } from '../../segments/hooks/use-segments';
import { useArchiveSegment, useMergeSegments, usePropose, useSplitSegment } from '../hooks/use-proposals';

type Dialog = 'merge' | 'split' | 'archive' | 'propose' | null;
const RULE_FIELDS: SplitRule['field'][] = ['industry', 'sizeBand', 'businessModel', 'region'];

function RuleInputs({ rule, onChange }: { rule: SplitRule; onChange: (r: SplitRule) => void }) {
  const { t } = useTranslation();
  return (
    <Group grow>
      <Select label={t('workspace.lifecycle.ruleField')} value={rule.field} onChange={(v) => v && onChange({ ...rule, field: v as SplitRule['field'] })} data={RULE_FIELDS.map((f) => ({ value: f, label: t(`workspace.lifecycle.fields.${f}`) }))} />
      <TextInput label={t('workspace.lifecycle.ruleValues')} value={rule.values.join(', ')} onChange={(e) => onChange({ ...rule, values: e.currentTarget.value.split(',').map((s) => s.trim()).filter(Boolean) })} />
    </Group>
  );
}

/**
 * Director: merge, split by a rule, archive. CX-owner of the segment: propose
 * one of those. Others see nothing (the API refuses them anyway).
 */
export function LifecycleMenu({ segment }: { segment: SegmentDto }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { ability } = useSession();
  const segments = useSegments();
  const merge = useMergeSegments(segment.id);
  const split = useSplitSegment(segment.id);
  const archive = useArchiveSegment(segment.id);
  const propose = usePropose(segment.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [other, setOther] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [rest, setRest] = useState('');
  const [rule, setRule] = useState<SplitRule>({ field: 'industry', values: [] });
  const [reason, setReason] = useState('');
  const [kind, setKind] = useState<'archive' | 'merge' | 'split'>('archive');
  // What the merged segment takes over (a director's choice; by default this segment's card and everything of both).
  const [cardFrom, setCardFrom] = useState<string>('this');
  const [carry, setCarry] = useState({ carryScenarios: true, carryJobMap: true, carryBoard: true });
  const s = subject('Segment', { ownerId: segment.ownerId });
  const can = { merge: ability.can('merge', s), split: ability.can('split', s), archive: ability.can('archive', s), propose: ability.can('propose', s) };
  if (segment.status !== 'active' || !Object.values(can).some(Boolean)) return null;
  const others = (segments.data ?? []).filter((x) => x.id !== segment.id && x.status === 'active').map((x) => ({ value: x.id, label: x.name }));
  const close = () => setDialog(null);

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" rightSection={<IconChevronDown size={14} />} data-testid="lifecycle-menu">
            {t('workspace.lifecycle.actions')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {can.merge ? <Menu.Item leftSection={<IconArrowMerge size={16} />} onClick={() => setDialog('merge')} data-testid="lifecycle-merge">{t('workspace.lifecycle.merge')}</Menu.Item> : null}
          {can.split ? <Menu.Item leftSection={<IconArrowsSplit size={16} />} onClick={() => setDialog('split')} data-testid="lifecycle-split">{t('workspace.lifecycle.split')}</Menu.Item> : null}
          {can.archive ? <Menu.Item leftSection={<IconArchive size={16} />} color="red" onClick={() => setDialog('archive')} data-testid="lifecycle-archive">{t('workspace.lifecycle.archive')}</Menu.Item> : null}
          {can.propose && !can.merge ? <Menu.Item leftSection={<IconMessageShare size={16} />} onClick={() => setDialog('propose')} data-testid="lifecycle-propose">{t('workspace.lifecycle.propose')}</Menu.Item> : null}
        </Menu.Dropdown>
      </Menu>

      <Modal opened={dialog === 'merge'} onClose={close} title={t('workspace.lifecycle.merge')}>
        <Stack>
          <Select label={t('workspace.lifecycle.mergeWith')} data={others} value={other} onChange={(v) => { setOther(v); if (!v && cardFrom === 'other') setCardFrom('this'); }} searchable data-testid="merge-with" />
          <TextInput label={t('workspace.lifecycle.newName')} value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="merge-name" />
          <Select
            label={t('workspace.lifecycle.cardFrom')}
            value={cardFrom}
            onChange={(v) => v && setCardFrom(v)}
            allowDeselect={false}
            data={[
              { value: 'this', label: segment.name },
              ...(other ? [{ value: 'other', label: others.find((o) => o.value === other)?.label ?? other }] : []),
              { value: 'none', label: t('workspace.lifecycle.cardEmpty') },
            ]}
            data-testid="merge-card-from"
          />
          <Stack gap={6}>
            <Text size="sm" fw={500}>{t('workspace.lifecycle.carryOver')}</Text>
            {(['carryScenarios', 'carryJobMap', 'carryBoard'] as const).map((k) => (
              <Checkbox key={k} label={t(`workspace.lifecycle.${k}`)} checked={carry[k]} onChange={(e) => setCarry({ ...carry, [k]: e.currentTarget.checked })} data-testid={`merge-${k}`} />
            ))}
            <Text size="xs" c="dimmed">{t('workspace.lifecycle.carryNote')}</Text>
          </Stack>
          <Alert color="blue">{t('workspace.lifecycle.dateNote')}</Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>{t('common.cancel')}</Button>
            <Button
              disabled={!other || !name.trim()}
              loading={merge.isPending}
              data-testid="merge-submit"
              onClick={() =>
                other &&
                merge.mutate(
                  { segmentIds: [segment.id, other], name: name.trim(), ownerId: segment.ownerId ?? undefined, cardFrom: cardFrom === 'this' ? segment.id : cardFrom === 'other' ? other : null, ...carry },
                  { onSuccess: (r) => { close(); void navigate(`/segments/${r.segment.id}`); } },
                )
              }
            >
              {t('workspace.lifecycle.merge')}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal opened={dialog === 'split'} onClose={close} title={t('workspace.lifecycle.split')}>
        <Stack>
          <RuleInputs rule={rule} onChange={setRule} />
          <TextInput label={t('workspace.lifecycle.matchingName')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <TextInput label={t('workspace.lifecycle.restName')} value={rest} onChange={(e) => setRest(e.currentTarget.value)} />
          <Alert color="blue">{t('workspace.lifecycle.dateNote')}</Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>{t('common.cancel')}</Button>
            <Button
              disabled={!rule.values.length || !name.trim() || !rest.trim()}
              loading={split.isPending}
              onClick={() => split.mutate({ rule, matchingName: name.trim(), restName: rest.trim() }, { onSuccess: (r) => { close(); void navigate(`/segments/${r.segments[0].id}`); } })}
            >
              {t('workspace.lifecycle.split')}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal opened={dialog === 'archive'} onClose={close} title={t('workspace.lifecycle.archive')}>
        <Stack>
          <Text size="sm">{t('workspace.lifecycle.archiveConfirm')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>{t('common.cancel')}</Button>
            <Button color="red" loading={archive.isPending} onClick={() => archive.mutate(undefined, { onSuccess: close })} data-testid="archive-confirm">
              {t('workspace.lifecycle.archive')}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal opened={dialog === 'propose'} onClose={close} title={t('workspace.lifecycle.propose')}>
        <Stack>
          <Select label={t('workspace.lifecycle.kind')} value={kind} onChange={(v) => v && setKind(v as typeof kind)} data={(['archive', 'merge', 'split'] as const).map((k) => ({ value: k, label: t(`workspace.lifecycle.kinds.${k}`) }))} data-testid="propose-kind" />
          {kind === 'merge' ? (
            <>
              <Select label={t('workspace.lifecycle.mergeWith')} data={others} value={other} onChange={(v) => { setOther(v); if (!v && cardFrom === 'other') setCardFrom('this'); }} searchable data-testid="merge-with" />
              <TextInput label={t('workspace.lifecycle.newName')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
            </>
          ) : null}
          {kind === 'split' ? (
            <>
              <RuleInputs rule={rule} onChange={setRule} />
              <TextInput label={t('workspace.lifecycle.matchingName')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
              <TextInput label={t('workspace.lifecycle.restName')} value={rest} onChange={(e) => setRest(e.currentTarget.value)} />
            </>
          ) : null}
          <Textarea label={t('workspace.lifecycle.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} data-testid="propose-reason" />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>{t('common.cancel')}</Button>
            <Button
              disabled={!reason.trim()}
              loading={propose.isPending}
              data-testid="propose-submit"
              onClick={() =>
                propose.mutate(
                  {
                    kind,
                    reason: reason.trim(),
                    payload: kind === 'merge' ? { otherSegmentId: other, name: name.trim() } : kind === 'split' ? { rule, matchingName: name.trim(), restName: rest.trim() } : {},
                  },
                  { onSuccess: () => { close(); notifications.show({ color: 'green', message: t('workspace.lifecycle.submitted') }); } },
                )
              }
            >
              {t('workspace.lifecycle.propose')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
