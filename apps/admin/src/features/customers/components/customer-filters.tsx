import { Button, CloseButton, Group, Select, TextInput } from '@mantine/core';
import type { BusinessModel, CustomerFacets, CustomerQuery, SizeBand } from '@cxs/contracts';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BUSINESS_MODELS, SIZE_BANDS, hasFilters } from '../lib/customer-query';

export const SEARCH_DEBOUNCE_MS = 300;

export function CustomerFilters({
  query,
  facets,
  onChange,
}: {
  query: CustomerQuery;
  facets: CustomerFacets | undefined;
  onChange: (patch: Partial<CustomerQuery>) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(query.q ?? '');
  const [debounced] = useDebouncedValue(search, SEARCH_DEBOUNCE_MS);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  // URL → input (back button, "clear filters").
  useEffect(() => setSearch(query.q ?? ''), [query.q]);
  // input → URL, once typing pauses.
  useEffect(() => {
    const next = debounced.trim() || undefined;
    if (next !== (query.q || undefined)) onChangeRef.current({ q: next, page: 1 });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a settled input should trigger
  }, [debounced]);

  const industries = facets?.industries ?? [];
  const sizeBands: (SizeBand | 'unknown')[] = facets ? [...facets.sizeBands, 'unknown'] : [...SIZE_BANDS];
  const models: BusinessModel[] = facets?.businessModels.length ? facets.businessModels : [...BUSINESS_MODELS];

  return (
    <Group gap="sm" mb="md" wrap="wrap" align="flex-end">
      <TextInput
        placeholder={t('customers.searchPlaceholder')}
        aria-label={t('customers.search')}
        leftSection={<IconSearch size={16} />}
        rightSection={search ? <CloseButton size="sm" aria-label={t('common.clear')} onClick={() => setSearch('')} /> : null}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        w={300}
        data-testid="customers-search"
      />
      <Select
        placeholder={t('customers.filters.industry')}
        aria-label={t('customers.filters.industry')}
        data={industries.map((i) => ({ value: i, label: t(`industries.${i}`, { defaultValue: i }) }))}
        value={query.industry ?? null}
        onChange={(v) => onChange({ industry: v ?? undefined, page: 1 })}
        clearable
        searchable
        w={190}
        data-testid="filter-industry"
        nothingFoundMessage={t('common.nothingFound')}
      />
      <Select
        placeholder={t('customers.filters.sizeBand')}
        aria-label={t('customers.filters.sizeBand')}
        data={sizeBands.map((s) => ({ value: s, label: t(`customers.sizeBand.${s}`) }))}
        value={query.sizeBand ?? null}
        onChange={(v) => onChange({ sizeBand: (v as SizeBand | 'unknown' | null) ?? undefined, page: 1 })}
        clearable
        w={180}
        data-testid="filter-size"
      />
      <Select
        placeholder={t('customers.filters.businessModel')}
        aria-label={t('customers.filters.businessModel')}
        data={models.map((m) => ({ value: m, label: m }))}
        value={query.businessModel ?? null}
        onChange={(v) => onChange({ businessModel: (v as BusinessModel | null) ?? undefined, page: 1 })}
        clearable
        w={160}
        data-testid="filter-business-model"
      />
      {hasFilters(query) ? (
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconFilterOff size={16} />}
          onClick={() => {
            setSearch('');
            onChange({ q: undefined, industry: undefined, sizeBand: undefined, businessModel: undefined, page: 1 });
          }}
          data-testid="clear-filters"
        >
          {t('customers.clearFilters')}
        </Button>
      ) : null}
    </Group>
  );
}
