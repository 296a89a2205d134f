import { SimpleGrid, Text } from '@mantine/core';
import type { CustomerDetail } from '@cxs/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../shared/format/format';

function Field({ label, value }: { label: string; value: ReactNode }) {
  const empty = value === null || value === undefined || value === '';
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3}>
        {label}
      </Text>
      <Text size="sm" mt={2} c={empty ? 'dimmed' : undefined}>
        {empty ? '—' : value}
      </Text>
    </div>
  );
}

export function Firmographics({ customer: c }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  const f = useFormatters();
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="lg" verticalSpacing="md" data-testid="firmographics">
      <Field label={t('customer.fields.industry')} value={c.industry ? t(`industries.${c.industry}`, { defaultValue: c.industry }) : null} />
      <Field label={t('customer.fields.sizeBand')} value={c.sizeBand ? t(`customers.sizeBand.${c.sizeBand}`) : null} />
      <Field label={t('customer.fields.employees')} value={c.employees !== null ? f.number(c.employees) : null} />
      <Field label={t('customer.fields.region')} value={c.region ? t(`regions.${c.region}`, { defaultValue: c.region }) : null} />
      <Field label={t('customer.fields.businessModel')} value={c.businessModel} />
      <Field label={t('customer.fields.acquisitionChannel')} value={c.acquisitionChannel ? t(`channels.${c.acquisitionChannel}`, { defaultValue: c.acquisitionChannel }) : null} />
      <Field label={t('customer.fields.supportLevel')} value={c.supportLevel ? t(`supportLevels.${c.supportLevel}`, { defaultValue: c.supportLevel }) : null} />
      <Field label={t('customer.fields.cac')} value={c.cac !== null ? f.money(c.cac) : null} />
      <Field label={t('customer.fields.firstSeen')} value={c.firstSeen ? f.date(c.firstSeen) : null} />
      <Field label={t('customer.fields.externalId')} value={c.externalId} />
      <Field label={t('customer.fields.email')} value={c.email} />
      <Field label={t('customer.fields.phone')} value={c.phone} />
    </SimpleGrid>
  );
}
