import { Group, SegmentedControl, Text, TextInput } from '@mantine/core';
import type { PnlPeriod } from '@cxs/contracts';
import { useTranslation } from 'react-i18next';
import type { PeriodFilter } from '../api/pnl.api';
import { useSettings } from '../hooks/use-settings';
import { periodLabel } from '../period-label';

type Kind = 'last12' | 'month' | 'quarter' | 'year' | 'range';

const kindOf = (v: PeriodFilter): Kind => v.period ?? (v.from || v.to ? 'range' : 'last12');

/**
 * Month / quarter / year containing a chosen month (quarters and years follow the fiscal-year start from the
 * settings; the API resolves them), any range of whole months, or the default: the last 12 months with data.
 * `resolved` is the period the API answered with (`period` of the P&L response): shown in words next to the
 * picker, with its fiscal name ("FY2026 Q1: Apr–Jun 2025"), so the user sees which months a quarter or year is.
 */
export function PeriodPicker({ value, onChange, resolved }: { value: PeriodFilter; onChange: (v: PeriodFilter) => void; resolved?: PnlPeriod }) {
  const { t } = useTranslation();
  const settings = useSettings();
  const kind = kindOf(value);
  const month = (label: string, v: string | undefined, set: (m: string | undefined) => void, testId: string) => (
    <TextInput
      type="month"
      size="xs"
      aria-label={label}
      placeholder={label}
      value={v ?? ''}
      onChange={(e) => set(e.currentTarget.value || undefined)}
      data-testid={testId}
      w={150}
    />
  );
  return (
    <Group gap="xs" data-testid="period-picker">
      <SegmentedControl
        size="xs"
        value={kind}
        onChange={(k) => {
          const next = k as Kind;
          if (next === 'last12') onChange({});
          // A range starts as the month in view (without from/to the value would read as the default again).
          else if (next === 'range') onChange({ from: value.from ?? value.at, to: value.to ?? value.at ?? value.from });
          else onChange({ period: next, at: value.at ?? value.to });
        }}
        data={[
          { value: 'last12', label: t('pnl.period.last12') },
          { value: 'month', label: t('pnl.period.month') },
          { value: 'quarter', label: t('pnl.period.quarter') },
          { value: 'year', label: t('pnl.period.year') },
          { value: 'range', label: t('pnl.period.range') },
        ]}
        data-testid="period-kind"
      />
      {kind === 'month' || kind === 'quarter' || kind === 'year'
        ? month(t('pnl.period.at'), value.at, (at) => onChange({ period: kind, at }), 'period-at')
        : null}
      {kind === 'range' ? (
        <>
          {month(t('pnl.period.from'), value.from, (from) => onChange({ ...value, from }), 'period-from')}
          {month(t('pnl.period.to'), value.to, (to) => onChange({ ...value, to }), 'period-to')}
        </>
      ) : null}
      {resolved && settings.data ? (
        <Text size="sm" c="dimmed" data-testid="period-label">
          {periodLabel(t, resolved, settings.data.fiscalYearStartMonth)}
        </Text>
      ) : null}
    </Group>
  );
}
