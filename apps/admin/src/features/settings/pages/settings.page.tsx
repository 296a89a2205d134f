import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useAbility } from '@casl/react';
import type { AppAbility } from '@cxs/authz';
import type { SettingsDto, SupportCostDto } from '@cxs/contracts';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors } from '../../../shared/api/error-message';
import { useFormatters } from '../../../shared/format/format';
import { ErrorState } from '../../../shared/ui/error-state';
import { PageHeader } from '../../../shared/ui/page-header';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { fiscalPeriod } from '../../pnl/fiscal';
import { useSettings, useSupportCosts, useUpdateSettings, useUpdateSupportCosts } from '../../pnl/hooks/use-settings';

const CURRENCIES = ['RUB', 'USD', 'EUR', 'GBP', 'KZT', 'BYN', 'UZS', 'CNY', 'AED', 'TRY', 'INR', 'JPY', 'CHF'];
const COST = /^\d{1,12}([.,]\d{1,2})?$/;

/** Installation settings: reporting currency, time zone, fiscal-year start, and the cost to serve per support level. */
export function SettingsPage() {
  const { t } = useTranslation();
  const ability = useAbility<AppAbility>();
  const canEdit = ability.can('update', 'Settings');
  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      <Stack gap="lg">
        <InstallationForm canEdit={canEdit} />
        <SupportCostsGrid canEdit={canEdit} />
      </Stack>
    </>
  );
}

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Europe/Moscow', 'UTC'];
  }
}

function InstallationForm({ canEdit }: { canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const f = useFormatters();
  const settings = useSettings();
  const update = useUpdateSettings();
  const [v, setV] = useState<SettingsDto | null>(null);
  useEffect(() => {
    if (settings.data && !v) setV(settings.data);
  }, [settings.data, v]);
  const zones = useMemo(timeZones, []);
  const months = useMemo(
    () =>
      Array.from({ length: 12 }, (_, i) => ({
        value: String(i + 1),
        label: new Intl.DateTimeFormat(i18n.language.startsWith('ru') ? 'ru-RU' : 'en-GB', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2025, i, 1))),
      })),
    [i18n.language],
  );
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!v) return <TableSkeleton rows={3} columns={2} />;
  const errors = fieldErrors(update.error);
  const dirty = JSON.stringify(v) !== JSON.stringify(settings.data);
  // What the fiscal-year start means, shown with this year's quarters.
  const year = new Date().getUTCFullYear();
  const startIdx = year * 12 + v.fiscalYearStartMonth - 1;
  const ym = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
  const fy = fiscalPeriod(ym(startIdx), 12, v.fiscalYearStartMonth)!;
  const quarters = [0, 3, 6, 9].map((o, q) => t('settings.quarterRange', { quarter: q + 1, from: f.month(ym(startIdx + o)), to: f.month(ym(startIdx + o + 2)) }));
  const save = () =>
    update.mutate(v, {
      onSuccess: (saved) => {
        setV(saved);
        notifications.show({ color: 'teal', message: t('settings.saved') });
      },
    });
  return (
    <Paper withBorder radius="md" p="md" data-testid="settings-form">
      <Title order={5} mb="sm">
        {t('settings.installation')}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Select
          label={t('settings.currency')}
          description={t('settings.currencyHint')}
          data={[...new Set([v.currency, ...CURRENCIES])]}
          value={v.currency}
          onChange={(c) => c && setV({ ...v, currency: c })}
          searchable
          allowDeselect={false}
          disabled={!canEdit}
          error={errors.currency}
          data-testid="settings-currency"
        />
        <Select
          label={t('settings.timeZone')}
          description={t('settings.timeZoneHint')}
          data={[...new Set([v.timeZone, ...zones])]}
          value={v.timeZone}
          onChange={(z) => z && setV({ ...v, timeZone: z })}
          searchable
          allowDeselect={false}
          disabled={!canEdit}
          error={errors.timeZone}
          data-testid="settings-time-zone"
        />
        <Select
          label={t('settings.fiscalStart')}
          description={t('settings.fiscalStartHint')}
          data={months}
          value={String(v.fiscalYearStartMonth)}
          onChange={(m) => m && setV({ ...v, fiscalYearStartMonth: Number(m) })}
          allowDeselect={false}
          disabled={!canEdit}
          error={errors.fiscalYearStartMonth}
          data-testid="settings-fiscal-start"
        />
      </SimpleGrid>
      <Alert variant="light" color="blue" icon={<IconInfoCircle size={16} />} mt="md" data-testid="settings-fiscal-preview">
        <Text size="sm" fw={500}>
          {v.fiscalYearStartMonth === 1 ? t('settings.fiscalCalendar') : t('settings.fiscalPreview', { year: fy.year, from: f.month(ym(startIdx)), to: f.month(ym(startIdx + 11)) })}
        </Text>
        <Text size="xs">{quarters.join(' · ')}</Text>
      </Alert>
      {update.error && Object.keys(errors).length === 0 ? (
        <Text c="red" size="sm" mt="sm">
          {errorMessage(t, update.error)}
        </Text>
      ) : null}
      {canEdit ? (
        <Group justify="flex-end" mt="md">
          <Button variant="default" disabled={!dirty} onClick={() => setV(settings.data ?? null)}>
            {t('common.cancel')}
          </Button>
          <Button disabled={!dirty} loading={update.isPending} onClick={save} data-testid="settings-save">
            {t('settings.save')}
          </Button>
        </Group>
      ) : (
        <Text size="xs" c="dimmed" mt="sm">
          {t('settings.readOnly')}
        </Text>
      )}
    </Paper>
  );
}

function SupportCostsGrid({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const settings = useSettings();
  const costs = useSupportCosts();
  const update = useUpdateSupportCosts();
  const f = useFormatters(settings.data?.currency);
  const [draft, setDraft] = useState<Record<string, string>>({});
  useEffect(() => {
    if (costs.data) setDraft(Object.fromEntries(costs.data.items.map((c) => [c.supportLevel, c.monthlyCost])));
  }, [costs.data]);
  if (costs.isError) return <ErrorState error={costs.error} onRetry={() => void costs.refetch()} />;
  if (!costs.data) return <TableSkeleton rows={3} columns={3} />;
  const server = fieldErrors(update.error);
  // Cheapest level first: the order support is sold in.
  const rows = [...costs.data.items].sort((a, b) => Number(a.monthlyCost) - Number(b.monthlyCost) || a.supportLevel.localeCompare(b.supportLevel));
  const invalid = (level: string) => {
    const value = (draft[level] ?? '').trim();
    if (value === '') return t('settings.costs.required');
    if (value.startsWith('-')) return t('settings.costs.negative');
    if (!COST.test(value)) return t('settings.costs.invalid');
    return null;
  };
  const errorsByRow = rows.map((r, i) => invalid(r.supportLevel) ?? server[`items[${i}].supportLevel`] ?? server[`items.${i}.monthlyCost`] ?? null);
  const changed = rows.filter((r) => Number((draft[r.supportLevel] ?? '').replace(',', '.')) !== Number(r.monthlyCost));
  const save = () => {
    const items: SupportCostDto[] = rows.map((r) => ({ supportLevel: r.supportLevel, monthlyCost: (draft[r.supportLevel] ?? '').trim().replace(',', '.') }));
    update.mutate(items, { onSuccess: () => notifications.show({ color: 'teal', message: t('settings.costs.saved') }) });
  };
  return (
    <Paper withBorder radius="md" p="md" data-testid="support-costs">
      <Title order={5}>{t('settings.costs.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('settings.costs.description')}
      </Text>
      <Table maw={640} data-testid="support-costs-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settings.costs.level')}</Table.Th>
            <Table.Th>{t('settings.costs.monthly', { currency: settings.data?.currency ?? '' })}</Table.Th>
            <Table.Th ta="right">{t('settings.costs.current')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => (
            <Table.Tr key={r.supportLevel}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {t(`supportLevels.${r.supportLevel}`, { defaultValue: r.supportLevel })}
                </Text>
                <Text size="xs" c="dimmed">
                  {r.supportLevel}
                </Text>
              </Table.Td>
              <Table.Td>
                <TextInput
                  size="xs"
                  inputMode="decimal"
                  value={draft[r.supportLevel] ?? ''}
                  onChange={(e) => setDraft({ ...draft, [r.supportLevel]: e.currentTarget.value })}
                  error={errorsByRow[i]}
                  disabled={!canEdit}
                  aria-label={t('settings.costs.monthly', { currency: settings.data?.currency ?? '' })}
                  data-testid={`support-cost-${r.supportLevel}`}
                  w={180}
                />
              </Table.Td>
              <Table.Td ta="right">{f.money(r.monthlyCost)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {update.error && Object.keys(server).length === 0 ? (
        <Text c="red" size="sm" mt="sm">
          {errorMessage(t, update.error)}
        </Text>
      ) : null}
      {canEdit ? (
        <Group justify="flex-end" mt="md">
          <Button disabled={changed.length === 0 || errorsByRow.some((e) => e !== null)} loading={update.isPending} onClick={save} data-testid="support-costs-save">
            {changed.length === 0 ? t('settings.costs.saveNone') : t('settings.costs.save', { count: changed.length })}
          </Button>
        </Group>
      ) : null}
    </Paper>
  );
}
