import { Badge, Button, Group, Modal, NumberInput, Paper, SegmentedControl, Select, Stack, Table, Text, Textarea, TextInput, Title, Tooltip } from '@mantine/core';
import { useAbility } from '@casl/react';
import { subject, type AppAbility } from '@cxs/authz';
import type { PlanDto } from '@cxs/contracts';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconPencil, IconPlus, IconTarget } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors } from '../../../shared/api/error-message';
import { useFormatters } from '../../../shared/format/format';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { useApprovePlan, useCreatePlan, usePlans, useUpdatePlan } from '../hooks/use-plans';
import { useSettings } from '../hooks/use-settings';
import { ExportLinks } from './export-links';
import { usePeriodName, Variance } from './plan-format';

export interface PlanSegment {
  id: string;
  name: string;
  ownerId: string | null;
}

const MONEY = /^-?\d{1,12}([.,]\d{1,2})?$/;
const money = (v: string) => v.trim().replace(',', '.');

/**
 * Plans of one segment (segment P&L tab) or of every segment the user may see (portfolio, My segments): targets,
 * actual of the plan's own period, variance; the CX-owner proposes and edits, the director approves or changes
 * with a comment. The buttons follow the ability; the API decides.
 */
export function PlansPanel({ segmentId, segments, testId = 'plans-panel' }: { segmentId?: string; segments: PlanSegment[]; testId?: string }) {
  const { t } = useTranslation();
  const ability = useAbility<AppAbility>();
  const plans = usePlans(segmentId ? { segmentId } : {});
  const settings = useSettings();
  const f = useFormatters(settings.data?.currency);
  const periodName = usePeriodName();
  const [proposing, setProposing] = useState(false);
  const [deciding, setDeciding] = useState<PlanDto | null>(null);
  const [editing, setEditing] = useState<PlanDto | null>(null);
  const ownerOf = new Map(segments.map((s) => [s.id, s.ownerId]));
  const proposable = segments.filter((s) => ability.can('create', subject('Plan', { segmentOwnerId: s.ownerId })));
  const canApprove = ability.can('approve', 'Plan');
  const items = plans.data?.items ?? [];
  const proposed = items.filter((p) => p.status === 'proposed').length;

  return (
    <Paper withBorder radius="md" p="md" mb="lg" data-testid={testId}>
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <Title order={5}>{t('pnl.plan.panelTitle')}</Title>
          {proposed > 0 ? (
            <Badge color="yellow" variant="light" data-testid="plans-proposed-count">
              {t('pnl.plan.toDecide', { count: proposed })}
            </Badge>
          ) : null}
        </Group>
        <Group gap="xs">
          <ExportLinks table="plans" params={{ segmentId }} testId="export-plans" />
          {proposable.length > 0 ? (
            <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setProposing(true)} data-testid="propose-plan">
              {canApprove ? t('pnl.plan.set') : t('pnl.plan.propose')}
            </Button>
          ) : null}
        </Group>
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        {t('pnl.plan.hint')}
      </Text>
      {plans.isError ? (
        <ErrorState error={plans.error} onRetry={() => void plans.refetch()} />
      ) : plans.isPending ? (
        <TableSkeleton rows={3} columns={6} />
      ) : items.length === 0 ? (
        <EmptyState icon={<IconTarget size={26} stroke={1.5} />} title={t('pnl.plan.empty')} description={proposable.length > 0 ? t('pnl.plan.emptyHint') : undefined} testId="plans-empty" />
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped data-testid="plans-table">
            <Table.Thead>
              <Table.Tr>
                {segmentId ? null : <Table.Th>{t('pnl.portfolio.segment')}</Table.Th>}
                <Table.Th>{t('pnl.plan.period')}</Table.Th>
                <Table.Th ta="right">{t('pnl.plan.revenueCol')}</Table.Th>
                <Table.Th ta="right">{t('pnl.plan.marginCol')}</Table.Th>
                <Table.Th ta="right">{t('pnl.plan.customersCol')}</Table.Th>
                <Table.Th>{t('pnl.plan.statusCol')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => {
                const a = p.actual;
                const started = a.monthsWithData > 0;
                const canEdit = ability.can('update', subject('Plan', { segmentOwnerId: ownerOf.get(p.segmentId) ?? null })) && !canApprove;
                return (
                  <Table.Tr key={p.id} data-testid={`plan-row-${p.id}`}>
                    {segmentId ? null : <Table.Td>{p.segmentName}</Table.Td>}
                    <Table.Td>
                      <Text size="sm">{periodName(p.periodKind, p.periodStart)}</Text>
                      <Text size="xs" c="dimmed">
                        {!started ? t('pnl.plan.notStarted') : a.monthsWithData < a.periodMonths ? t('pnl.plan.partial', { done: a.monthsWithData, of: a.periodMonths }) : t('pnl.plan.complete')}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <PlanCell f={f} actual={started ? a.revenueActual : null} target={p.revenueTarget} variance={a.revenueVariance} pct={a.revenueVariancePct} kind="money" testId={`plan-revenue-${p.id}`} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <PlanCell f={f} actual={started ? a.marginActual : null} target={p.marginTarget} variance={a.marginVariance} pct={a.marginVariancePct} kind="money" />
                    </Table.Td>
                    <Table.Td ta="right">
                      <PlanCell f={f} actual={started ? String(a.customersActual) : null} target={String(p.customersTarget)} variance={String(a.customersVariance)} pct={a.customersVariancePct} kind="count" />
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        <Badge size="sm" variant="light" color={p.status === 'approved' ? 'green' : 'yellow'} data-testid={`plan-status-${p.id}`}>
                          {t(`pnl.plan.status.${p.status}`)}
                        </Badge>
                        <Text size="xs" c="dimmed">
                          {p.status === 'approved' ? t('pnl.plan.approvedBy', { name: p.approvedByName ?? '—' }) : t('pnl.plan.proposedBy', { name: p.proposedByName ?? '—' })}
                        </Text>
                        {p.decisionComment ? (
                          <Tooltip label={p.decisionComment} multiline w={260}>
                            <Text size="xs" fs="italic" lineClamp={1} maw={200} data-testid={`plan-comment-${p.id}`}>
                              “{p.decisionComment}”
                            </Text>
                          </Tooltip>
                        ) : null}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      {canApprove ? (
                        <Button size="compact-xs" variant={p.status === 'proposed' ? 'filled' : 'default'} leftSection={p.status === 'proposed' ? <IconCheck size={12} /> : <IconPencil size={12} />} onClick={() => setDeciding(p)} data-testid={`plan-decide-${p.id}`}>
                          {p.status === 'proposed' ? t('pnl.plan.decide') : t('pnl.plan.change')}
                        </Button>
                      ) : canEdit ? (
                        <Button size="compact-xs" variant="default" leftSection={<IconPencil size={12} />} onClick={() => setEditing(p)} data-testid={`plan-edit-${p.id}`}>
                          {t('pnl.plan.edit')}
                        </Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {proposing ? <ProposeModal segments={proposable} defaultSegmentId={segmentId} director={canApprove} fyStart={settings.data?.fiscalYearStartMonth ?? 1} onClose={() => setProposing(false)} /> : null}
      {deciding ? <DecideModal plan={deciding} onClose={() => setDeciding(null)} /> : null}
      {editing ? <EditModal plan={editing} onClose={() => setEditing(null)} /> : null}
    </Paper>
  );
}

function PlanCell({
  f,
  actual,
  target,
  variance,
  pct,
  kind,
  testId,
}: {
  f: ReturnType<typeof useFormatters>;
  actual: string | null;
  target: string;
  variance: string;
  pct: string | null;
  kind: 'money' | 'count';
  testId?: string;
}) {
  const { t } = useTranslation();
  const fmt = (v: string) => (kind === 'money' ? f.money(v) : f.number(v));
  return (
    <Stack gap={0} align="flex-end" data-testid={testId}>
      <Text size="sm" fw={500}>
        {actual === null ? '—' : fmt(actual)}
      </Text>
      <Text c="dimmed" size="xs">
        {t('pnl.plan.target', { target: fmt(target) })}
      </Text>
      {actual === null ? null : <Variance value={variance} pct={pct} format={fmt} />}
    </Stack>
  );
}

/** First months of a fiscal period in the year around `near` (so an April fiscal start offers Apr, Jul, Oct, Jan). */
function boundaryOk(ym: string, kind: 'month' | 'quarter' | 'year', fyStart: number): boolean {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  if (!m) return false;
  const len = kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12;
  const idx = Number(m[1]) * 12 + Number(m[2]) - 1;
  return (((idx - (fyStart - 1)) % len) + len) % len === 0;
}

function ProposeModal({ segments, defaultSegmentId, director, fyStart, onClose }: { segments: PlanSegment[]; defaultSegmentId?: string; director: boolean; fyStart: number; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreatePlan();
  const [v, setV] = useState({
    segmentId: defaultSegmentId && segments.some((s) => s.id === defaultSegmentId) ? defaultSegmentId : (segments[0]?.id ?? ''),
    periodKind: 'quarter' as 'month' | 'quarter' | 'year',
    periodStart: '',
    revenueTarget: '',
    marginTarget: '',
    customersTarget: '' as number | string,
    note: '',
  });
  const server = fieldErrors(create.error);
  const local: Record<string, string> = {};
  if (v.periodStart && !boundaryOk(v.periodStart, v.periodKind, fyStart)) local.periodStart = t('pnl.plan.form.boundary', { kind: t(`pnl.plan.kind.${v.periodKind}`) });
  if (v.revenueTarget && !MONEY.test(v.revenueTarget.trim())) local.revenueTarget = t('pnl.plan.form.moneyInvalid');
  if (v.marginTarget && !MONEY.test(v.marginTarget.trim())) local.marginTarget = t('pnl.plan.form.moneyInvalid');
  const complete = v.segmentId && v.periodStart && v.revenueTarget && v.marginTarget && v.customersTarget !== '';
  const submit = () =>
    create.mutate(
      {
        segmentId: v.segmentId,
        periodKind: v.periodKind,
        periodStart: v.periodStart,
        revenueTarget: money(v.revenueTarget),
        marginTarget: money(v.marginTarget),
        customersTarget: Number(v.customersTarget),
        note: v.note.trim() || undefined,
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: director ? t('pnl.plan.saved') : t('pnl.plan.proposedDone') });
          onClose();
        },
      },
    );
  return (
    <Modal opened onClose={onClose} title={director ? t('pnl.plan.set') : t('pnl.plan.propose')} size="lg">
      <Stack gap="sm" data-testid="propose-plan-form">
        {segments.length > 1 || !defaultSegmentId ? (
          <Select label={t('pnl.portfolio.segment')} data={segments.map((s) => ({ value: s.id, label: s.name }))} value={v.segmentId} onChange={(x) => x && setV({ ...v, segmentId: x })} allowDeselect={false} data-testid="plan-segment" />
        ) : null}
        <Group align="flex-end">
          <SegmentedControl
            value={v.periodKind}
            onChange={(k) => setV({ ...v, periodKind: k as typeof v.periodKind })}
            data={(['month', 'quarter', 'year'] as const).map((k) => ({ value: k, label: t(`pnl.period.${k}`) }))}
            data-testid="plan-kind"
          />
          <TextInput
            type="month"
            label={t('pnl.plan.form.start')}
            value={v.periodStart}
            onChange={(e) => setV({ ...v, periodStart: e.currentTarget.value })}
            error={local.periodStart ?? server.periodStart}
            data-testid="plan-start"
            w={200}
          />
        </Group>
        <Group grow>
          <TextInput label={t('pnl.plan.form.revenue')} inputMode="decimal" value={v.revenueTarget} onChange={(e) => setV({ ...v, revenueTarget: e.currentTarget.value })} error={local.revenueTarget ?? server.revenueTarget} data-testid="plan-revenue" />
          <TextInput label={t('pnl.plan.form.margin')} inputMode="decimal" value={v.marginTarget} onChange={(e) => setV({ ...v, marginTarget: e.currentTarget.value })} error={local.marginTarget ?? server.marginTarget} data-testid="plan-margin" />
          <NumberInput label={t('pnl.plan.form.customers')} min={0} allowDecimal={false} value={v.customersTarget} onChange={(x) => setV({ ...v, customersTarget: x })} error={server.customersTarget} data-testid="plan-customers" />
        </Group>
        <Textarea label={t('pnl.plan.form.note')} value={v.note} onChange={(e) => setV({ ...v, note: e.currentTarget.value })} autosize minRows={2} data-testid="plan-note" />
        {create.error && Object.keys(server).length === 0 ? <Text c="red" size="sm">{errorMessage(t, create.error)}</Text> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} disabled={!complete || Object.keys(local).length > 0} loading={create.isPending} data-testid="plan-submit">
            {director ? t('pnl.plan.form.save') : t('pnl.plan.form.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function DecideModal({ plan, onClose }: { plan: PlanDto; onClose: () => void }) {
  const { t } = useTranslation();
  const approve = useApprovePlan();
  const periodName = usePeriodName();
  const [v, setV] = useState({ revenueTarget: plan.revenueTarget, marginTarget: plan.marginTarget, customersTarget: plan.customersTarget as number | string, comment: '' });
  const changed = Number(money(v.revenueTarget)) !== Number(plan.revenueTarget) || Number(money(v.marginTarget)) !== Number(plan.marginTarget) || Number(v.customersTarget) !== plan.customersTarget;
  const server = fieldErrors(approve.error);
  const invalid = !MONEY.test(v.revenueTarget.trim()) || !MONEY.test(v.marginTarget.trim()) || v.customersTarget === '';
  const submit = () =>
    approve.mutate(
      {
        id: plan.id,
        body: changed
          ? { revenueTarget: money(v.revenueTarget), marginTarget: money(v.marginTarget), customersTarget: Number(v.customersTarget), comment: v.comment.trim() }
          : { comment: v.comment.trim() || undefined },
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: changed ? t('pnl.plan.changedDone') : t('pnl.plan.approvedDone') });
          onClose();
        },
      },
    );
  return (
    <Modal opened onClose={onClose} title={t('pnl.plan.decideTitle', { segment: plan.segmentName, period: periodName(plan.periodKind, plan.periodStart) })} size="lg">
      <Stack gap="sm" data-testid="decide-plan-form">
        <Text size="sm" c="dimmed">
          {t('pnl.plan.proposedBy', { name: plan.proposedByName ?? '—' })}
          {plan.note ? ` · “${plan.note}”` : ''}
        </Text>
        <Group grow>
          <TextInput label={t('pnl.plan.form.revenue')} inputMode="decimal" value={v.revenueTarget} onChange={(e) => setV({ ...v, revenueTarget: e.currentTarget.value })} error={server.revenueTarget} data-testid="decide-revenue" />
          <TextInput label={t('pnl.plan.form.margin')} inputMode="decimal" value={v.marginTarget} onChange={(e) => setV({ ...v, marginTarget: e.currentTarget.value })} error={server.marginTarget} data-testid="decide-margin" />
          <NumberInput label={t('pnl.plan.form.customers')} min={0} allowDecimal={false} value={v.customersTarget} onChange={(x) => setV({ ...v, customersTarget: x })} data-testid="decide-customers" />
        </Group>
        <Textarea
          label={t('pnl.plan.form.comment')}
          description={changed ? t('pnl.plan.form.commentRequired') : t('pnl.plan.form.commentOptional')}
          value={v.comment}
          onChange={(e) => setV({ ...v, comment: e.currentTarget.value })}
          error={server.comment}
          autosize
          minRows={2}
          withAsterisk={changed}
          data-testid="decide-comment"
        />
        {approve.error && Object.keys(server).length === 0 ? <Text c="red" size="sm">{errorMessage(t, approve.error)}</Text> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} disabled={invalid || (changed && !v.comment.trim())} loading={approve.isPending} data-testid="decide-submit">
            {changed ? t('pnl.plan.approveChanged') : t('pnl.plan.approve')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function EditModal({ plan, onClose }: { plan: PlanDto; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdatePlan();
  const [v, setV] = useState({ revenueTarget: plan.revenueTarget, marginTarget: plan.marginTarget, customersTarget: plan.customersTarget as number | string, note: plan.note ?? '' });
  const server = fieldErrors(update.error);
  const invalid = !MONEY.test(v.revenueTarget.trim()) || !MONEY.test(v.marginTarget.trim()) || v.customersTarget === '';
  const submit = () =>
    update.mutate(
      { id: plan.id, patch: { revenueTarget: money(v.revenueTarget), marginTarget: money(v.marginTarget), customersTarget: Number(v.customersTarget), note: v.note } },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('pnl.plan.proposedDone') });
          onClose();
        },
      },
    );
  return (
    <Modal opened onClose={onClose} title={t('pnl.plan.edit')} size="lg">
      <Stack gap="sm">
        {plan.status === 'approved' ? <Text size="sm" c="orange">{t('pnl.plan.editApproved')}</Text> : null}
        <Group grow>
          <TextInput label={t('pnl.plan.form.revenue')} value={v.revenueTarget} onChange={(e) => setV({ ...v, revenueTarget: e.currentTarget.value })} error={server.revenueTarget} />
          <TextInput label={t('pnl.plan.form.margin')} value={v.marginTarget} onChange={(e) => setV({ ...v, marginTarget: e.currentTarget.value })} error={server.marginTarget} />
          <NumberInput label={t('pnl.plan.form.customers')} min={0} allowDecimal={false} value={v.customersTarget} onChange={(x) => setV({ ...v, customersTarget: x })} />
        </Group>
        <Textarea label={t('pnl.plan.form.note')} value={v.note} onChange={(e) => setV({ ...v, note: e.currentTarget.value })} autosize minRows={2} />
        {update.error && Object.keys(server).length === 0 ? <Text c="red" size="sm">{errorMessage(t, update.error)}</Text> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} disabled={invalid} loading={update.isPending}>
            {t('pnl.plan.form.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
