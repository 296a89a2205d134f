import { subject } from '@cxs/authz';
import { JOB_STEPS, type JobMapDto, type JobStep, type OpportunityBand, type OutcomeDto } from '@cxs/contracts';
import { Badge, Box, Button, Group, Modal, Paper, ScrollArea, SegmentedControl, Select, SimpleGrid, Skeleton, Stack, Table, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconLink, IconPlus, IconTarget } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../shared/ui/echart';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { useSession } from '../../auth/components/session-context';
import { useCreateOutcome, useJobMap, useLinkMatchingEvidence, useOutcomeEvidence, useUpdateMainJob } from '../hooks/use-job-map';
import type { OutcomeInput } from '../api/workspace.api';
import type { SegmentTabProps } from './segment-tabs';

/** Heat colours by band: the hotter, the bigger the opportunity. */
export const BAND_COLOUR: Record<OpportunityBand, string> = { outstanding: '#c92a2a', strong: '#f76707', worth_a_look: '#f59f00', served: '#2f9e44' };
const BAND_BG: Record<OpportunityBand, string> = { outstanding: '#ffe3e3', strong: '#ffe8cc', worth_a_look: '#fff3bf', served: '#d3f9d8' };

function OutcomeTile({ o, onOpen }: { o: OutcomeDto; onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      radius="sm"
      p={8}
      style={{ background: o.band ? BAND_BG[o.band] : undefined, borderColor: o.band ? BAND_COLOUR[o.band] : undefined, cursor: 'pointer' }}
      onClick={onOpen}
      data-testid="outcome"
      data-band={o.band ?? 'none'}
    >
      <Text size="xs" lh={1.3}>
        {o.statement}
      </Text>
      <Group gap={4} mt={6}>
        <Badge size="sm" color={o.band ? BAND_COLOUR[o.band] : 'gray'} variant="filled" data-testid="outcome-opportunity">
          {o.opportunity !== null ? o.opportunity.toFixed(1) : t('workspace.jobMap.noScore')}
        </Badge>
        <Tooltip label={`${t('workspace.jobMap.importance')} / ${t('workspace.jobMap.satisfaction')}`}>
          <Text size="xs" c="dimmed">
            {o.importance ?? '—'} / {o.satisfaction ?? '—'}
          </Text>
        </Tooltip>
      </Group>
      <Group gap={4} mt={4}>
        <Text size="xs" c="dimmed">
          {o.ratingSource === 'computed' ? t('workspace.jobMap.answers', { count: o.evidenceCount }) : t('workspace.jobMap.direct')}
        </Text>
        {o.thinEvidence ? (
          <Tooltip label={t('workspace.jobMap.thinHint')}>
            <Badge size="xs" color="yellow" variant="light" leftSection={<IconAlertTriangle size={10} />} data-testid="thin-evidence">
              {t('workspace.jobMap.thin')}
            </Badge>
          </Tooltip>
        ) : null}
      </Group>
    </Paper>
  );
}

function Landscape({ outcomes }: { outcomes: OutcomeDto[] }) {
  const { t } = useTranslation();
  const scored = outcomes.filter((o) => o.importance !== null && o.satisfaction !== null);
  const option = useMemo(
    () => ({
      grid: { left: 48, right: 16, top: 24, bottom: 44 },
      tooltip: { trigger: 'item', formatter: (p: { data: { name: string; value: number[] } }) => `${p.data.name}<br/>${t('workspace.jobMap.importance')}: ${p.data.value[0]} · ${t('workspace.jobMap.satisfaction')}: ${p.data.value[1]} · ${t('workspace.jobMap.opportunity')}: ${p.data.value[2]}` },
      xAxis: { type: 'value', min: 0, max: 10, name: t('workspace.jobMap.importance'), nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', min: 0, max: 10, name: t('workspace.jobMap.satisfaction'), nameLocation: 'middle', nameGap: 32 },
      series: [
        {
          type: 'scatter',
          symbolSize: 14,
          data: scored.map((o) => ({ name: o.statement, value: [o.importance, o.satisfaction, o.opportunity], itemStyle: { color: o.band ? BAND_COLOUR[o.band] : '#868e96' } })),
          markArea: {
            silent: true,
            data: [
              [{ name: t('workspace.jobMap.underServed'), coord: [5, 0], itemStyle: { color: 'rgba(201,42,42,0.07)' }, label: { color: '#c92a2a' } }, { coord: [10, 5] }],
              [{ name: t('workspace.jobMap.overServed'), coord: [0, 5], itemStyle: { color: 'rgba(47,158,68,0.07)' }, label: { color: '#2f9e44' } }, { coord: [5, 10] }],
            ],
          },
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#adb5bd' },
            label: { formatter: '{b}', position: 'end' },
            data: [
              // satisfaction = importance: below the diagonal the job is under-served.
              [{ coord: [0, 0], name: 'I = S' }, { coord: [10, 10] }],
              // opportunity 10 and 15 (for importance above satisfaction: S = 2I − opp).
              [{ coord: [5, 0], name: '10' }, { coord: [10, 10] }],
              [{ coord: [7.5, 0], name: '15' }, { coord: [10, 5] }],
            ],
          },
        },
      ],
    }),
    [scored, t],
  );
  return (
    <Paper withBorder radius="md" p="md" data-testid="landscape">
      <Text fw={600}>{t('workspace.jobMap.landscape')}</Text>
      <Text size="xs" c="dimmed">
        {t('workspace.jobMap.landscapeHint')}
      </Text>
      <EChart option={option} height={360} testId="landscape-chart" />
    </Paper>
  );
}

function Coverage({ map }: { map: JobMapDto }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md" data-testid="coverage">
      <Text fw={600}>{t('workspace.jobMap.coverage')}</Text>
      <Text size="xs" c="dimmed" mb="sm">
        {t('workspace.jobMap.coverageHint')}
      </Text>
      <ScrollArea>
        <Table withTableBorder withColumnBorders fz="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th>{t('workspace.jobMap.opportunity')}</Table.Th>
              {map.bundle.map((p) => (
                <Table.Th key={p.id} style={{ writingMode: 'vertical-rl', transform: 'rotate(180deg)', maxHeight: 140, whiteSpace: 'nowrap' }}>
                  {p.name}
                </Table.Th>
              ))}
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {map.steps.map((s) => {
              const covered = s.productIds.length > 0;
              const hot = s.band === 'outstanding' || s.band === 'strong';
              const verdict = hot && !covered ? 'growthPoint' : covered && s.band === 'served' ? 'coveredWell' : !covered ? 'gap' : null;
              return (
                <Table.Tr key={s.step} data-testid={`coverage-${s.step}`}>
                  <Table.Td fw={600}>{t(`workspace.jobMap.steps.${s.step}`)}</Table.Td>
                  <Table.Td style={{ background: s.band ? BAND_BG[s.band] : undefined }}>{s.maxOpportunity?.toFixed(1) ?? '—'}</Table.Td>
                  {map.bundle.map((p) => (
                    <Table.Td key={p.id} ta="center" style={{ background: s.productIds.includes(p.id) ? '#d0ebff' : undefined }}>
                      {s.productIds.includes(p.id) ? '●' : ''}
                    </Table.Td>
                  ))}
                  <Table.Td>
                    {verdict ? (
                      <Badge size="xs" variant="light" color={verdict === 'growthPoint' ? 'red' : verdict === 'coveredWell' ? 'green' : 'gray'} style={{ minWidth: 'max-content' }} data-testid={`coverage-verdict-${s.step}`}>
                        {t(`workspace.jobMap.${verdict}`)}
                      </Badge>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Paper>
  );
}

function OutcomeModal({ segmentId, outcome, canEdit, onClose }: { segmentId: string; outcome: OutcomeDto; canEdit: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { ability } = useSession();
  const evidence = useOutcomeEvidence(ability.can('read', 'Interview') ? outcome.id : null);
  const link = useLinkMatchingEvidence(segmentId);
  return (
    <Modal opened onClose={onClose} size="lg" title={t('workspace.jobMap.evidenceTitle', { statement: outcome.statement })}>
      <Stack>
        <Group>
          <Badge color={outcome.band ? BAND_COLOUR[outcome.band] : 'gray'}>{outcome.band ? t(`workspace.jobMap.bands.${outcome.band}`) : t('workspace.jobMap.noScore')}</Badge>
          <Text size="sm">
            {t('workspace.jobMap.importance')}: {outcome.importance ?? '—'} · {t('workspace.jobMap.satisfaction')}: {outcome.satisfaction ?? '—'} · {t('workspace.jobMap.opportunity')}: {outcome.opportunity ?? '—'}
          </Text>
        </Group>
        {canEdit && outcome.evidenceLabel ? (
          <Button
            variant="light"
            leftSection={<IconLink size={16} />}
            loading={link.isPending}
            onClick={() => link.mutate(outcome.id, { onSuccess: (r) => notifications.show({ color: 'green', message: t('workspace.jobMap.linked', { count: r.linked }) }) })}
          >
            {t('workspace.jobMap.linkMatching')}
          </Button>
        ) : null}
        {evidence.data ? (
          <Table fz="xs">
            <Table.Tbody>
              {evidence.data.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{e.externalId}</Table.Td>
                  <Table.Td>{e.customerName}</Table.Td>
                  <Table.Td>{e.date}</Table.Td>
                  <Table.Td>
                    {t('workspace.jobMap.importance')} {e.importance ?? '—'} · {t('workspace.jobMap.satisfaction')} {e.satisfaction ?? '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
      </Stack>
    </Modal>
  );
}

const EMPTY_OUTCOME: OutcomeInput = { step: 'define', direction: 'minimise', metric: 'the time it takes', object: '', context: '', ratingSource: 'direct', importance: '', satisfaction: '', evidenceLabel: '' };

function AddOutcomeModal({ segmentId, onClose }: { segmentId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateOutcome(segmentId);
  const [o, setO] = useState<OutcomeInput>(EMPTY_OUTCOME);
  const set = (patch: Partial<OutcomeInput>) => setO({ ...o, ...patch });
  const submit = () =>
    create.mutate(
      {
        ...o,
        context: o.context || null,
        evidenceLabel: o.evidenceLabel || null,
        importance: o.ratingSource === 'direct' && o.importance ? o.importance : null,
        satisfaction: o.ratingSource === 'direct' && o.satisfaction ? o.satisfaction : null,
      },
      { onSuccess: onClose },
    );
  return (
    <Modal opened onClose={onClose} title={t('workspace.jobMap.outcomeTitle')} size="lg">
      <Stack>
        <SimpleGrid cols={2}>
          <Select label={t('workspace.board.stage')} data={JOB_STEPS.map((s) => ({ value: s, label: t(`workspace.jobMap.steps.${s}`) }))} value={o.step} onChange={(v) => v && set({ step: v })} data-testid="outcome-step" />
          <Select label={t('workspace.jobMap.direction')} data={(['minimise', 'maximise'] as const).map((d) => ({ value: d, label: t(`workspace.jobMap.directions.${d}`) }))} value={o.direction} onChange={(v) => v && set({ direction: v as OutcomeInput['direction'] })} />
        </SimpleGrid>
        <TextInput label={t('workspace.jobMap.metric')} value={o.metric} onChange={(e) => set({ metric: e.currentTarget.value })} />
        <TextInput label={t('workspace.jobMap.object')} value={o.object} onChange={(e) => set({ object: e.currentTarget.value })} data-testid="outcome-object" />
        <TextInput label={t('workspace.jobMap.context')} value={o.context ?? ''} onChange={(e) => set({ context: e.currentTarget.value })} />
        <SegmentedControl value={o.ratingSource} onChange={(v) => set({ ratingSource: v as OutcomeInput['ratingSource'] })} data={[{ value: 'direct', label: t('workspace.jobMap.direct') }, { value: 'computed', label: t('workspace.jobMap.computed') }]} />
        {o.ratingSource === 'direct' ? (
          <SimpleGrid cols={2}>
            <TextInput label={`${t('workspace.jobMap.importance')} (0–10)`} value={o.importance ?? ''} onChange={(e) => set({ importance: e.currentTarget.value })} data-testid="outcome-importance" />
            <TextInput label={`${t('workspace.jobMap.satisfaction')} (0–10)`} value={o.satisfaction ?? ''} onChange={(e) => set({ satisfaction: e.currentTarget.value })} data-testid="outcome-satisfaction" />
          </SimpleGrid>
        ) : (
          <Textarea label={t('workspace.jobMap.evidenceLabel')} value={o.evidenceLabel ?? ''} onChange={(e) => set({ evidenceLabel: e.currentTarget.value })} autosize />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button disabled={!o.object.trim() || !o.metric.trim()} loading={create.isPending} onClick={submit} data-testid="outcome-submit">
            {t('workspace.add')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The JTBD job map: main job, outcomes per universal step with heat colours, landscape, coverage. */
export function JobMapTab({ segment }: SegmentTabProps) {
  const { t } = useTranslation();
  const { ability } = useSession();
  const map = useJobMap(segment.id);
  const updateMainJob = useUpdateMainJob(segment.id);
  const [mainJob, setMainJob] = useState<string | null>(null);
  const [open, setOpen] = useState<OutcomeDto | null>(null);
  const [adding, setAdding] = useState(false);
  const canEdit = segment.status === 'active' && ability.can('update', subject('JobMap', { segmentOwnerId: segment.ownerId }));

  if (map.isPending) return <Skeleton height={420} radius="md" />;
  if (map.isError) return <ErrorState error={map.error} onRetry={() => void map.refetch()} />;
  const m = map.data;
  const byStep = (s: JobStep) => m.outcomes.filter((o) => o.step === s);

  return (
    <Stack data-testid="job-map">
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" align="flex-end">
          <Box style={{ flex: 1 }}>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3}>
              {t('workspace.jobMap.mainJob')}
            </Text>
            {mainJob !== null ? (
              <TextInput mt={4} value={mainJob} onChange={(e) => setMainJob(e.currentTarget.value)} placeholder={t('workspace.jobMap.mainJobPlaceholder')} data-testid="main-job-input" />
            ) : (
              <Text fw={600} fz="lg" mt={2} data-testid="main-job">
                {m.mainJob ?? t('workspace.card.emptyField')}
              </Text>
            )}
          </Box>
          {canEdit ? (
            mainJob !== null ? (
              <Button onClick={() => updateMainJob.mutate(mainJob || null, { onSuccess: () => setMainJob(null) })} loading={updateMainJob.isPending}>
                {t('workspace.save')}
              </Button>
            ) : (
              <Group gap="xs">
                <Button variant="light" onClick={() => setMainJob(m.mainJob ?? '')}>
                  {t('workspace.edit')}
                </Button>
                <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)} data-testid="outcome-add">
                  {t('workspace.jobMap.addOutcome')}
                </Button>
              </Group>
            )
          ) : null}
        </Group>
        <Group gap="xs" mt="sm">
          {(Object.keys(BAND_COLOUR) as OpportunityBand[]).map((b) => (
            <Badge key={b} size="sm" variant="light" style={{ background: BAND_BG[b], color: BAND_COLOUR[b] }}>
              {t(`workspace.jobMap.bands.${b}`)}
            </Badge>
          ))}
        </Group>
      </Paper>
      {m.outcomes.length === 0 ? (
        <Paper withBorder radius="md">
          <EmptyState icon={<IconTarget size={26} stroke={1.5} />} title={t('workspace.jobMap.empty.title')} description={t('workspace.jobMap.empty.description')} />
        </Paper>
      ) : (
        <ScrollArea>
          <SimpleGrid cols={8} miw={1100} spacing="xs" data-testid="job-map-steps">
            {JOB_STEPS.map((s) => (
              <Stack key={s} gap={6} data-testid={`job-step-${s}`}>
                <Paper radius="sm" p={6} bg="dark.6">
                  <Text size="xs" fw={700} c="white" ta="center" tt="uppercase">
                    {t(`workspace.jobMap.steps.${s}`)}
                  </Text>
                </Paper>
                {byStep(s).map((o) => (
                  <OutcomeTile key={o.id} o={o} onOpen={() => setOpen(o)} />
                ))}
              </Stack>
            ))}
          </SimpleGrid>
        </ScrollArea>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Landscape outcomes={m.outcomes} />
        <Coverage map={m} />
      </SimpleGrid>
      {open ? <OutcomeModal segmentId={segment.id} outcome={m.outcomes.find((o) => o.id === open.id) ?? open} canEdit={canEdit} onClose={() => setOpen(null)} /> : null}
      {adding ? <AddOutcomeModal segmentId={segment.id} onClose={() => setAdding(false)} /> : null}
    </Stack>
  );
}
