import { subject } from '@cxs/authz';
import { JOB_STEPS, type AttachmentDto, type ScenarioDto, type ScenarioStepDto, type Tier } from '@cxs/contracts';
import { ActionIcon, Badge, Button, Group, Menu, Modal, MultiSelect, Paper, Select, SimpleGrid, Skeleton, Stack, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import { IconDots, IconLink, IconPlus, IconRoute, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { useSession } from '../../auth/components/session-context';
import { useProducts } from '../../products/hooks/use-products';
import {
  useAddStep,
  useAttachProduct,
  useCreateScenario,
  useDeleteScenario,
  useDeleteStep,
  useDetachProduct,
  useReorderScenarios,
  useReorderSteps,
  useReviewAttachment,
  useScenarios,
} from '../hooks/use-scenarios';
import { ATTACHMENT_STATUS_COLOUR } from './attachment-status';
import type { SegmentTabProps } from './segment-tabs';
import { SortableList } from './sortable-list';

const TIERS: Tier[] = ['basic', 'professional', 'enterprise'];

function AttachmentBadge({ a, segment, canReview }: { a: AttachmentDto; segment: SegmentTabProps['segment']; canReview: boolean }) {
  const { t } = useTranslation();
  const { ability } = useSession();
  const review = useReviewAttachment(segment.id);
  const detach = useDetachProduct(segment.id);
  const canDetach = ability.can('delete', subject('Attachment', { productOwnerId: a.productOwnerId }));
  return (
    <Group gap={4} wrap="nowrap" data-testid="attachment">
      <Tooltip label={`${a.note ?? ''}${a.productOwnerName ? ` — ${a.productOwnerName}` : ''}`} disabled={!a.note && !a.productOwnerName} multiline maw={320}>
        <Badge variant="light" color={ATTACHMENT_STATUS_COLOUR[a.status]} tt="none" td={a.status === 'rejected' ? 'line-through' : undefined}>
          {a.productName} · {t(`workspace.scenarios.status.${a.status}`)}
        </Badge>
      </Tooltip>
      {canReview || canDetach ? (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon size="xs" variant="subtle" color="gray" data-testid="attachment-menu">
              <IconDots size={12} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            {canReview ? (
              <>
                <Menu.Item onClick={() => review.mutate({ id: a.id, status: 'endorsed' })} data-testid="attachment-endorse">
                  {t('workspace.scenarios.endorse')}
                </Menu.Item>
                <Menu.Item onClick={() => review.mutate({ id: a.id, status: 'rejected' })} data-testid="attachment-reject">
                  {t('workspace.scenarios.reject')}
                </Menu.Item>
              </>
            ) : null}
            {canDetach ? (
              <Menu.Item color="red" onClick={() => detach.mutate(a.id)} data-testid="attachment-detach">
                {t('workspace.scenarios.detach')}
              </Menu.Item>
            ) : null}
          </Menu.Dropdown>
        </Menu>
      ) : null}
    </Group>
  );
}

function AttachModal({ step, segmentId, onClose }: { step: ScenarioStepDto; segmentId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const products = useProducts();
  const attach = useAttachProduct(segmentId);
  const [productId, setProductId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [jobSteps, setJobSteps] = useState<string[]>([]);
  const mine = (products.data ?? []).filter((p) => p.ownerId === user.id && !step.attachments.some((a) => a.productId === p.id));
  return (
    <Modal opened onClose={onClose} title={t('workspace.scenarios.attachTitle', { step: step.title })}>
      <Stack>
        <Select label={t('workspace.scenarios.product')} data={mine.map((p) => ({ value: p.id, label: `${p.name} (${t(`workspace.bundle.tiers.${p.tier}`)})` }))} value={productId} onChange={setProductId} searchable data-testid="attach-product" />
        <Textarea label={t('workspace.scenarios.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} data-testid="attach-note" />
        <MultiSelect label={t('workspace.scenarios.jobSteps')} data={JOB_STEPS.map((s) => ({ value: s, label: t(`workspace.jobMap.steps.${s}`) }))} value={jobSteps} onChange={setJobSteps} data-testid="attach-job-steps" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button disabled={!productId} loading={attach.isPending} onClick={() => productId && attach.mutate({ stepId: step.id, productId, note: note || undefined, jobSteps }, { onSuccess: onClose })} data-testid="attach-submit">
            {t('workspace.add')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ScenarioCard({ scenario, segment, handle, canEdit, canReview, canAttach }: { scenario: ScenarioDto; segment: SegmentTabProps['segment']; handle: React.ReactNode; canEdit: boolean; canReview: boolean; canAttach: boolean }) {
  const { t } = useTranslation();
  const reorderSteps = useReorderSteps(segment.id);
  const addStep = useAddStep(segment.id);
  const deleteStep = useDeleteStep(segment.id);
  const deleteScenario = useDeleteScenario(segment.id);
  const [newStep, setNewStep] = useState('');
  const [attachTo, setAttachTo] = useState<ScenarioStepDto | null>(null);
  return (
    <Paper withBorder radius="md" p="md" mb="sm" data-testid="scenario">
      <Group justify="space-between" wrap="nowrap" mb="xs">
        <Group gap="xs" wrap="nowrap">
          {handle}
          <IconRoute size={18} />
          <Text fw={600} data-testid="scenario-title">
            {scenario.title}
          </Text>
        </Group>
        {canEdit ? (
          <Tooltip label={t('workspace.scenarios.deleteScenario')}>
            <ActionIcon variant="subtle" color="red" onClick={() => deleteScenario.mutate(scenario.id)} data-testid="scenario-delete">
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        ) : null}
      </Group>
      {scenario.description ? (
        <Text size="sm" c="dimmed" mb="sm">
          {scenario.description}
        </Text>
      ) : null}
      <SortableList items={scenario.steps} disabled={!canEdit} onReorder={(ids) => reorderSteps.mutate({ scenarioId: scenario.id, ids })}>
        {(step, stepHandle) => (
          <Paper withBorder radius="sm" p="xs" mb={6} bg="gray.0" data-testid="scenario-step">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Group gap={6} wrap="nowrap" align="flex-start" style={{ flex: 1 }}>
                {stepHandle}
                <Badge variant="outline" color="gray" size="sm" circle>
                  {scenario.steps.indexOf(step) + 1}
                </Badge>
                <Stack gap={4} style={{ flex: 1 }}>
                  <Text size="sm" data-testid="step-title">
                    {step.title}
                  </Text>
                  <Group gap={6}>
                    {step.attachments.map((a) => (
                      <AttachmentBadge key={a.id} a={a} segment={segment} canReview={canReview} />
                    ))}
                  </Group>
                </Stack>
              </Group>
              <Group gap={4} wrap="nowrap">
                {canAttach ? (
                  <Button size="compact-xs" variant="light" leftSection={<IconLink size={12} />} onClick={() => setAttachTo(step)} data-testid="step-attach">
                    {t('workspace.scenarios.attach')}
                  </Button>
                ) : null}
                {canEdit ? (
                  <ActionIcon size="sm" variant="subtle" color="gray" onClick={() => deleteStep.mutate(step.id)}>
                    <IconTrash size={14} />
                  </ActionIcon>
                ) : null}
              </Group>
            </Group>
          </Paper>
        )}
      </SortableList>
      {canEdit ? (
        <Group gap="xs" mt="xs">
          <TextInput size="xs" placeholder={t('workspace.scenarios.stepPlaceholder')} value={newStep} onChange={(e) => setNewStep(e.currentTarget.value)} style={{ flex: 1 }} data-testid="new-step-input" />
          <Button size="xs" variant="light" disabled={!newStep.trim()} onClick={() => addStep.mutate({ scenarioId: scenario.id, title: newStep.trim() }, { onSuccess: () => setNewStep('') })} data-testid="new-step-add">
            {t('workspace.scenarios.addStep')}
          </Button>
        </Group>
      ) : null}
      {attachTo ? <AttachModal step={attachTo} segmentId={segment.id} onClose={() => setAttachTo(null)} /> : null}
    </Paper>
  );
}

/** The bundle: products attached across the scenarios, per maturity tier. */
function Bundle({ scenarios }: { scenarios: ScenarioDto[] }) {
  const { t } = useTranslation();
  const all = scenarios.flatMap((s) => s.steps.flatMap((st) => st.attachments)).filter((a) => a.status !== 'rejected');
  const products = [...new Map(all.map((a) => [a.productId, a])).values()];
  return (
    <Paper withBorder radius="md" p="md" data-testid="bundle">
      <Text fw={600}>{t('workspace.bundle.title')}</Text>
      <Text size="xs" c="dimmed" mb="sm">
        {t('workspace.bundle.hint')}
      </Text>
      {products.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('workspace.bundle.empty')}
        </Text>
      ) : (
        <SimpleGrid cols={3}>
          {TIERS.map((tier) => (
            <Stack key={tier} gap={6} data-testid={`bundle-tier-${tier}`}>
              <Text size="xs" fw={600} tt="uppercase" c="dimmed">
                {t(`workspace.bundle.tiers.${tier}`)}
              </Text>
              {products
                .filter((p) => p.productTier === tier)
                .map((p) => (
                  <Badge key={p.productId} variant="dot" color={ATTACHMENT_STATUS_COLOUR[p.status]} tt="none" size="lg">
                    {p.productName}
                  </Badge>
                ))}
            </Stack>
          ))}
        </SimpleGrid>
      )}
    </Paper>
  );
}

export function ScenariosTab({ segment }: SegmentTabProps) {
  const { t } = useTranslation();
  const { ability, user } = useSession();
  const scenarios = useScenarios(segment.id);
  const create = useCreateScenario(segment.id);
  const reorder = useReorderScenarios(segment.id);
  const [adding, setAdding] = useState(false);
  const [title, setTitle] = useState('');
  const [steps, setSteps] = useState('');
  const active = segment.status === 'active';
  // subject() tags the object it is given with its type: a fresh object per subject type.
  const mine = () => ({ segmentOwnerId: segment.ownerId });
  const canEdit = active && ability.can('update', subject('Scenario', mine()));
  const canCreate = active && ability.can('create', subject('Scenario', mine()));
  const canReview = active && ability.can('update', subject('Attachment', mine()));
  const canAttach = active && ability.can('create', subject('Attachment', { productOwnerId: user.id }));

  if (scenarios.isPending) return <Skeleton height={320} radius="md" />;
  if (scenarios.isError) return <ErrorState error={scenarios.error} onRetry={() => void scenarios.refetch()} />;
  const list = scenarios.data;
  const submit = () =>
    create.mutate(
      { title: title.trim(), steps: steps.split('\n').map((s) => s.trim()).filter(Boolean) },
      {
        onSuccess: () => {
          setAdding(false);
          setTitle('');
          setSteps('');
        },
      },
    );

  return (
    <Stack>
      <Bundle scenarios={list} />
      <Group justify="space-between">
        <div>
          <Text fw={600}>{t('workspace.scenarios.title')}</Text>
          <Text size="xs" c="dimmed">
            {t('workspace.scenarios.hint')}
          </Text>
        </div>
        {canCreate ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)} data-testid="scenario-add">
            {t('workspace.scenarios.add')}
          </Button>
        ) : null}
      </Group>
      {list.length === 0 ? (
        <Paper withBorder radius="md">
          <EmptyState icon={<IconRoute size={26} stroke={1.5} />} title={t('workspace.scenarios.empty.title')} description={t('workspace.scenarios.empty.description')} />
        </Paper>
      ) : (
        <div data-testid="scenarios">
          <SortableList items={list} disabled={!canEdit} onReorder={(ids) => reorder.mutate(ids)}>
            {(s, handle) => <ScenarioCard scenario={s} segment={segment} handle={handle} canEdit={canEdit} canReview={canReview} canAttach={canAttach} />}
          </SortableList>
        </div>
      )}
      <Modal opened={adding} onClose={() => setAdding(false)} title={t('workspace.scenarios.add')}>
        <Stack>
          <TextInput label={t('workspace.scenarios.newTitle')} placeholder={t('workspace.scenarios.newTitlePlaceholder')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} data-testid="scenario-title-input" />
          <Textarea label={t('workspace.scenarios.newSteps')} autosize minRows={3} value={steps} onChange={(e) => setSteps(e.currentTarget.value)} data-testid="scenario-steps-input" />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAdding(false)}>
              {t('common.cancel')}
            </Button>
            <Button disabled={!title.trim()} loading={create.isPending} onClick={submit} data-testid="scenario-submit">
              {t('workspace.add')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
