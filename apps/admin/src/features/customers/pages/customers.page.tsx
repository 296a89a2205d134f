import { Button, Group, Pagination, Paper, Select, Text } from '@mantine/core';
import type { CustomerQuery } from '@cxs/contracts';
import { IconAddressBook, IconFilterOff } from '@tabler/icons-react';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useFormatters } from '../../../shared/format/format';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { PageHeader } from '../../../shared/ui/page-header';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { CustomerFilters } from '../components/customer-filters';
import { CustomersTable } from '../components/customers-table';
import { useCustomerFacets } from '../hooks/use-customer-facets';
import { useCustomers } from '../hooks/use-customers';
import { PAGE_SIZES, hasFilters, nextSort, paramsFromQuery, queryFromParams } from '../lib/customer-query';

export function CustomersPage() {
  const { t } = useTranslation();
  const f = useFormatters();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => queryFromParams(params), [params]);
  const customers = useCustomers(query);
  const facets = useCustomerFacets();

  const update = useCallback(
    (patch: Partial<CustomerQuery>) => setParams(paramsFromQuery({ ...queryFromParams(params), ...patch }), { replace: 'q' in patch }),
    [params, setParams],
  );

  const data = customers.data;
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 25;
  const totalPages = data ? Math.max(1, Math.ceil(data.total / pageSize)) : 1;
  const from = data && data.total > 0 ? (page - 1) * pageSize + 1 : 0;
  const to = data ? Math.min(page * pageSize, data.total) : 0;

  return (
    <>
      <PageHeader
        title={t('customers.title')}
        description={t('customers.description')}
        actions={
          data ? (
            <Text c="dimmed" size="sm" data-testid="customers-total">
              {t('customers.total', { count: data.total, formatted: f.number(data.total) })}
            </Text>
          ) : null
        }
      />
      <CustomerFilters query={query} facets={facets.data} onChange={update} />

      {customers.isError ? (
        <ErrorState error={customers.error} onRetry={() => void customers.refetch()} />
      ) : customers.isPending ? (
        <Paper withBorder radius="md">
          <TableSkeleton rows={10} columns={8} />
        </Paper>
      ) : data && data.items.length === 0 ? (
        <Paper withBorder radius="md">
          {hasFilters(query) ? (
            <EmptyState
              testId="customers-empty"
              icon={<IconFilterOff size={26} stroke={1.5} />}
              title={t('customers.emptyFiltered.title')}
              description={t('customers.emptyFiltered.description')}
              action={
                <Button variant="light" mt="xs" onClick={() => update({ q: undefined, industry: undefined, sizeBand: undefined, businessModel: undefined, page: 1 })}>
                  {t('customers.clearFilters')}
                </Button>
              }
            />
          ) : (
            <EmptyState
              testId="customers-empty"
              icon={<IconAddressBook size={26} stroke={1.5} />}
              title={t('customers.empty.title')}
              description={t('customers.empty.description')}
            />
          )}
        </Paper>
      ) : data ? (
        <>
          <CustomersTable items={data.items} query={query} onSort={(c) => update({ ...nextSort(query, c), page: 1 })} fetching={customers.isPlaceholderData} />
          <Group justify="space-between" mt="md">
            <Text size="sm" c="dimmed" data-testid="customers-range">
              {t('customers.range', { from: f.number(from), to: f.number(to), total: f.number(data.total) })}
            </Text>
            <Group gap="md">
              <Group gap={6}>
                <Text size="sm" c="dimmed">
                  {t('customers.pageSize')}
                </Text>
                <Select
                  size="xs"
                  w={80}
                  data={PAGE_SIZES.map((s) => String(s))}
                  value={String(pageSize)}
                  onChange={(v) => update({ pageSize: Number(v), page: 1 })}
                  allowDeselect={false}
                  aria-label={t('customers.pageSize')}
                />
              </Group>
              <Pagination total={totalPages} value={Math.min(page, totalPages)} onChange={(p) => update({ page: p })} size="sm" data-testid="customers-pagination" />
            </Group>
          </Group>
        </>
      ) : null}
    </>
  );
}
