import { subject } from '@cxs/authz';
import { INITIATIVE_STATUSES, VALUE_STREAM_STAGES, type InitiativeDto, type InitiativeStatus } from '@cxs/contracts';
import { ActionIcon, Badge, Button, Group, Menu, Modal, Paper, ScrollArea, Select, SimpleGrid, Skeleton, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconArrowsRightLeft, IconGripVertical, IconPlus } from '@tabler/icons-react';
import { closestCorners, DndContext, KeyboardSensor, PointerSensor, useDroppable, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../shared/format/format';
import { EChart } from '../../../shared/ui/echart';
import { ErrorState } from '../../../shared/ui/error-state';
import { StatCard } from '../../../shared/ui/stat-card';
import { useSession } from '../../auth/components/session-context';
import { useBoard, useCreateInitiative, useOrderStage, useUpdateInitiative } from '../hooks/use-board';
import { useJobMap } from '../hooks/use-job-map';
import { useScenarios } from '../hooks/use-scenarios';
import type { SegmentTabProps } from './segment-tabs';

const STATUS_COLOUR: Record<InitiativeStatus, string> = { planned: 'gray', in_progress: 'blue', blocked: 'red', done: 'green' };

const STAGE_DROP = 'stage:';

/** A card the CX-owner drags within its column or into another stage (pointer, or keyboard: space, arrows, space). */
function DraggableInitiative({ i, disabled, children }: { i: InitiativeDto; disabled: boolean; children: (handle: ReactNode) => ReactNode }) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: i.id, disabled, data: { stage: i.stage } });
  const handle = disabled ? null : (
    <ActionIcon variant="subtle" color="gray" size="xs" style={{ cursor: 'grab' }} aria-label={t('workspace.board.drag')} {...attributes} {...listeners} data-testid="initiative-drag">
      <IconGripVertical size={12} />
    </ActionIcon>
  );
  return (
    <div ref={setNodeRef} style={{ transform: CSS.Translate.toString(transform), transition, opacity: isDragging ? 0.5 : 1, position: 'relative', zIndex: isDragging ? 5 : undefined }}>
      {children(handle)}
    </div>
  );
}

/** A stage column that accepts drops even when empty. */
function StageColumn({ stage, children }: { stage: string; children: ReactNode }) {
  const { setNodeRef, isOver } = useDroppable({ id: STAGE_DROP + stage });
  return (
    <Paper ref={setNodeRef} radius="md" p="xs" bg={isOver ? 'blue.0' : 'gray.0'} withBorder data-testid={`stage-${stage}`} style={{ minHeight: 160 }}>
      {children}
    </Paper>
  );
}

function InitiativeCard({ i, segmentId, canEdit, handle }: { i: InitiativeDto; segmentId: string; canEdit: boolean; handle?: ReactNode }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const update = useUpdateInitiative(segmentId);
  return (
    <Paper withBorder radius="sm" p="xs" data-testid="initiative" data-initiative-id={i.id}>
      <Group gap={4} wrap="nowrap" align="flex-start">
        {handle}
        <Text size="sm" fw={500} lh={1.3} style={{ flex: 1 }}>
          {i.title}
        </Text>
      </Group>
      <Group gap={4} mt={6}>
        <Badge size="xs" color={STATUS_COLOUR[i.status]} variant="light">
          {t(`workspace.board.statuses.${i.status}`)}
        </Badge>
        {i.cost ? (
          <Text size="xs" c="dimmed">
            {f.money(i.cost, true)}
          </Text>
        ) : null}
      </Group>
      {i.expectedEffect ? (
        <Text size="xs" c="dimmed" mt={4}>
          {i.expectedEffect}
        </Text>
      ) : null}
      {[i.scenarioTitle, i.productName, i.ownerName].some(Boolean) ? (
        <Text size="xs" mt={4}>
          {[i.ownerName, i.scenarioTitle, i.productName].filter(Boolean).join(' · ')}
        </Text>
      ) : null}
      {canEdit ? (
        <Group gap={4} mt={6}>
          <Menu withinPortal>
            <Menu.Target>
              <Button size="compact-xs" variant="subtle" leftSection={<IconArrowsRightLeft size={12} />} data-testid="initiative-move">
                {t('workspace.board.moveTo')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {VALUE_STREAM_STAGES.filter((s) => s !== i.stage).map((s) => (
                <Menu.Item key={s} onClick={() => update.mutate({ id: i.id, stage: s })} data-testid={`move-to-${s}`}>
                  {t(`workspace.board.stages.${s}`)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
          <Select
            size="xs"
            w={130}
            value={i.status}
            data={INITIATIVE_STATUSES.map((s) => ({ value: s, label: t(`workspace.board.statuses.${s}`) }))}
            onChange={(v) => v && v !== i.status && update.mutate({ id: i.id, status: v })}
            aria-label={t('workspace.board.status')}
          />
        </Group>
      ) : null}
    </Paper>
  );
}

function AddInitiativeModal({ segmentId, onClose }: { segmentId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateInitiative(segmentId);
  const scenarios = useScenarios(segmentId);
  const map = useJobMap(segmentId);
  const [v, setV] = useState({ title: '', stage: 'research', status: 'planned', cost: '', expectedEffect: '', scenarioId: null as string | null, outcomeId: null as string | null, productId: null as string | null });
  const products = map.data?.bundle ?? [];
  return (
    <Modal opened onClose={onClose} title={t('workspace.board.add')} size="lg">
      <Stack>
        <TextInput label={t('workspace.board.title')} value={v.title} onChange={(e) => setV({ ...v, title: e.currentTarget.value })} data-testid="initiative-title" />
        <SimpleGrid cols={3}>
          <Select label={t('workspace.board.stage')} value={v.stage} onChange={(x) => x && setV({ ...v, stage: x })} data={VALUE_STREAM_STAGES.map((s) => ({ value: s, label: t(`workspace.board.stages.${s}`) }))} />
          <Select label={t('workspace.board.status')} value={v.status} onChange={(x) => x && setV({ ...v, status: x })} data={INITIATIVE_STATUSES.map((s) => ({ value: s, label: t(`workspace.board.statuses.${s}`) }))} />
          <TextInput label={t('workspace.board.cost')} value={v.cost} onChange={(e) => setV({ ...v, cost: e.currentTarget.value })} placeholder="10000.00" />
        </SimpleGrid>
        <Textarea label={t('workspace.board.expectedEffect')} value={v.expectedEffect} onChange={(e) => setV({ ...v, expectedEffect: e.currentTarget.value })} autosize />
        <Select clearable label={t('workspace.board.scenario')} value={v.scenarioId} onChange={(x) => setV({ ...v, scenarioId: x })} data={(scenarios.data ?? []).map((s) => ({ value: s.id, label: s.title }))} />
        <Select clearable searchable label={t('workspace.board.outcome')} value={v.outcomeId} onChange={(x) => setV({ ...v, outcomeId: x })} data={(map.data?.outcomes ?? []).map((o) => ({ value: o.id, label: o.statement }))} />
        <Select clearable label={t('workspace.board.product')} value={v.productId} onChange={(x) => setV({ ...v, productId: x })} data={products.map((p) => ({ value: p.id, label: p.name }))} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            disabled={!v.title.trim()}
            loading={create.isPending}
            onClick={() => create.mutate({ ...v, title: v.title.trim(), cost: v.cost || null, expectedEffect: v.expectedEffect || null }, { onSuccess: onClose })}
            data-testid="initiative-submit"
          >
            {t('workspace.add')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The value stream: stages from research to service, initiatives moved across them, and the flow figures. */
export function BoardTab({ segment }: SegmentTabProps) {
  const { t } = useTranslation();
  const f = useFormatters();
  const { ability } = useSession();
  const board = useBoard(segment.id);
  const [adding, setAdding] = useState(false);
  const order = useOrderStage(segment.id);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const canEdit = segment.status === 'active' && ability.can('update', subject('ValueStream', { segmentOwnerId: segment.ownerId }));
  const canCreate = segment.status === 'active' && ability.can('create', subject('ValueStream', { segmentOwnerId: segment.ownerId }));
  const throughputOption = useMemo(
    () => ({
      grid: { left: 32, right: 8, top: 8, bottom: 24 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: (board.data?.flow.throughput ?? []).map((x) => f.month(`${x.month}-01`)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: (board.data?.flow.throughput ?? []).map((x) => x.done), itemStyle: { color: '#1c7ed6' } }],
    }),
    [board.data, f],
  );

  /** The dropped card goes where it was let go: before the card under it, or at the end of an (empty) column. */
  const onDragEnd = (e: DragEndEvent) => {
    const all = board.data?.initiatives ?? [];
    const active = all.find((x) => x.id === String(e.active.id));
    if (!active || !e.over) return;
    const overId = String(e.over.id);
    const target = overId.startsWith(STAGE_DROP) ? overId.slice(STAGE_DROP.length) : all.find((x) => x.id === overId)?.stage;
    if (!target) return;
    const column = all.filter((x) => x.stage === target).map((x) => x.id);
    const without = column.filter((id) => id !== active.id);
    let at = overId.startsWith(STAGE_DROP) ? without.length : without.indexOf(overId);
    // Within one column, dropping onto a card below moves it after that card (as the list showed while dragging).
    if (active.stage === target && !overId.startsWith(STAGE_DROP) && column.indexOf(active.id) < column.indexOf(overId)) at += 1;
    const ids = [...without.slice(0, at), active.id, ...without.slice(at)];
    if (active.stage === target && ids.every((id, k) => id === column[k])) return;
    order.mutate({ stage: target, ids });
  };

  if (board.isPending) return <Skeleton height={420} radius="md" />;
  if (board.isError) return <ErrorState error={board.error} onRetry={() => void board.refetch()} />;
  const b = board.data;

  return (
    <Stack data-testid="board">
      <SimpleGrid cols={{ base: 1, md: 4 }}>
        <StatCard label={t('workspace.board.inProgress')} value={f.number(b.flow.inProgress)} testId="flow-wip" />
        <StatCard label={t('workspace.board.throughput')} value={f.number(b.flow.throughputPerMonth, 1)} hint={t('workspace.board.throughputHint')} testId="flow-throughput" />
        <StatCard
          label={t('workspace.board.leadTime')}
          value={b.flow.leadTimeDays === null ? '—' : t('workspace.board.leadTimeValue', { days: f.number(b.flow.leadTimeDays, 1) })}
          hint={t('workspace.board.leadTimeHint')}
          testId="flow-lead-time"
        />
        <Paper withBorder radius="md" p={4}>
          <EChart option={throughputOption} height={92} testId="flow-chart" />
        </Paper>
      </SimpleGrid>
      {canCreate ? (
        <Group justify="flex-end">
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)} data-testid="initiative-add">
            {t('workspace.board.add')}
          </Button>
        </Group>
      ) : null}
      {canEdit ? (
        <Text size="xs" c="dimmed">
          {t('workspace.board.dragHint')}
        </Text>
      ) : null}
      <ScrollArea>
        <DndContext sensors={sensors} collisionDetection={closestCorners} onDragEnd={onDragEnd}>
          <SimpleGrid cols={6} miw={1100} spacing="xs">
            {b.stages.map((s) => {
              const items = b.initiatives.filter((i) => i.stage === s);
              return (
                <StageColumn key={s} stage={s}>
                  <Group justify="space-between" mb="xs">
                    <Text size="xs" fw={700} tt="uppercase">
                      {t(`workspace.board.stages.${s}`)}
                    </Text>
                    <Badge size="xs" variant="outline" color="gray">
                      {items.length}
                    </Badge>
                  </Group>
                  <SortableContext items={items.map((i) => i.id)} strategy={verticalListSortingStrategy} disabled={!canEdit}>
                    <Stack gap={6}>
                      {items.length === 0 ? (
                        <Text size="xs" c="dimmed" ta="center" py="sm">
                          {t('workspace.board.emptyColumn')}
                        </Text>
                      ) : (
                        items.map((i) => (
                          <DraggableInitiative key={i.id} i={i} disabled={!canEdit}>
                            {(handle) => <InitiativeCard i={i} segmentId={segment.id} canEdit={canEdit} handle={handle} />}
                          </DraggableInitiative>
                        ))
                      )}
                    </Stack>
                  </SortableContext>
                </StageColumn>
              );
            })}
          </SimpleGrid>
        </DndContext>
      </ScrollArea>
      {adding ? <AddInitiativeModal segmentId={segment.id} onClose={() => setAdding(false)} /> : null}
    </Stack>
  );
}
