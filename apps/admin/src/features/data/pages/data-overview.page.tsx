import { Anchor, Badge, Grid, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAddressBook, IconAlertTriangle, IconBox, IconChartDonut3, IconDatabase } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../../shared/format/format';
import { ErrorState } from '../../../shared/ui/error-state';
import { PageHeader } from '../../../shared/ui/page-header';
import { StatCard } from '../../../shared/ui/stat-card';
import { useCustomerCounts } from '../../customers/hooks/use-customer-counts';
import { useCustomerFacets } from '../../customers/hooks/use-customer-facets';
import { useProducts } from '../../products/hooks/use-products';
import { useSegments } from '../../segments/hooks/use-segments';
import { ImportHistory } from '../../imports/components/import-history';
import { IndustryChart } from '../components/industry-chart';

function SourceRow({ icon, name, description, value, link, loading }: { icon: ReactNode; name: string; description: string; value: ReactNode; link?: ReactNode; loading?: boolean }) {
  return (
    <Table.Tr data-testid="data-source">
      <Table.Td>
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon variant="light" radius="md" size={34}>
            {icon}
          </ThemeIcon>
          <div>
            <Text size="sm" fw={600}>
              {name}
            </Text>
            <Text size="xs" c="dimmed">
              {description}
            </Text>
          </div>
        </Group>
      </Table.Td>
      <Table.Td ta="right">{loading ? <Skeleton height={16} width={60} ml="auto" /> : <Text fw={600}>{value}</Text>}</Table.Td>
      <Table.Td ta="right">{link}</Table.Td>
    </Table.Tr>
  );
}

export function DataOverviewPage() {
  const { t } = useTranslation();
  const f = useFormatters();
  const facets = useCustomerFacets();
  const segments = useSegments();
  const products = useProducts();
  const [total, unknownSize] = useCustomerCounts([{}, { sizeBand: 'unknown' }]);
  const industries = facets.data?.industries ?? [];
  const byIndustry = useCustomerCounts(
    industries.map((industry) => ({ industry })),
    { enabled: facets.isSuccess },
  );

  const activeSegments = (segments.data ?? []).filter((s) => s.status === 'active');
  const inSegments = activeSegments.reduce((sum, s) => sum + s.memberCount, 0);
  const totalCount = total?.data;
  const segmentedShare = totalCount ? inSegments / totalCount : null;
  const industryRows = industries.map((industry, i) => ({ industry, count: byIndustry[i]?.data ?? 0 }));
  const industriesLoading = facets.isPending || byIndustry.some((q) => q.isPending);
  const knownIndustry = industryRows.reduce((s, r) => s + r.count, 0);
  const missingIndustry = totalCount !== undefined && !industriesLoading ? Math.max(0, totalCount - knownIndustry) : undefined;
  const firstError = [total?.error, facets.error, segments.error, products.error].find(Boolean);

  return (
    <>
      <PageHeader title={t('data.title')} description={t('data.description')} />
      {firstError ? (
        <Stack mb="lg">
          <ErrorState error={firstError} />
        </Stack>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} mb="lg">
        <StatCard label={t('data.stats.customers')} value={f.number(totalCount)} icon={<IconAddressBook size={20} />} loading={total?.isPending} testId="data-customers-total" />
        <StatCard
          label={t('data.stats.segmented')}
          value={f.percent(segmentedShare)}
          hint={t('data.stats.segmentedHint', { count: inSegments, formatted: f.number(inSegments) })}
          icon={<IconChartDonut3 size={20} />}
          loading={segments.isPending || total?.isPending}
        />
        <StatCard label={t('data.stats.products')} value={f.number(products.data?.length)} icon={<IconBox size={20} />} loading={products.isPending} />
        <StatCard label={t('data.stats.industries')} value={f.number(industries.length)} hint={t('data.stats.regions', { count: facets.data?.regions.length ?? 0 })} icon={<IconDatabase size={20} />} loading={facets.isPending} />
      </SimpleGrid>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Paper withBorder radius="md" p="md" h="100%">
            <Title order={5} mb="sm">
              {t('data.sources.title')}
            </Title>
            <Table verticalSpacing="sm" data-testid="data-sources">
              <Table.Tbody>
                <SourceRow
                  icon={<IconAddressBook size={18} />}
                  name={t('data.sources.customers')}
                  description={t('data.sources.customersHint')}
                  value={f.number(totalCount)}
                  loading={total?.isPending}
                  link={
                    <Anchor component={Link} to="/customers" size="sm" data-testid="data-link-customers">
                      {t('data.open')}
                    </Anchor>
                  }
                />
                <SourceRow
                  icon={<IconChartDonut3 size={18} />}
                  name={t('data.sources.segments')}
                  description={t('data.sources.segmentsHint', { count: inSegments, formatted: f.number(inSegments) })}
                  value={f.number(activeSegments.length)}
                  loading={segments.isPending}
                />
                <SourceRow
                  icon={<IconBox size={18} />}
                  name={t('data.sources.products')}
                  description={t('data.sources.productsHint')}
                  value={f.number(products.data?.length)}
                  loading={products.isPending}
                />
              </Table.Tbody>
            </Table>

            <Title order={5} mt="xl" mb="sm">
              {t('data.quality.title')}
            </Title>
            <Stack gap="xs" data-testid="data-quality">
              <QualityRow
                label={t('data.quality.unknownSize')}
                value={unknownSize?.data}
                total={totalCount}
                link="/customers?sizeBand=unknown"
              />
              <QualityRow label={t('data.quality.unknownIndustry')} value={missingIndustry} total={totalCount} />
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Paper withBorder radius="md" p="md" h="100%">
            <Title order={5} mb="sm">
              {t('data.byIndustry')}
            </Title>
            {industriesLoading ? <Skeleton height={260} /> : industryRows.length ? <IndustryChart rows={industryRows} /> : <Text c="dimmed" size="sm">{t('data.noIndustries')}</Text>}
          </Paper>
        </Grid.Col>
        <Grid.Col span={12}>
          <ImportHistory />
        </Grid.Col>
      </Grid>
    </>
  );
}

function QualityRow({ label, value, total, link }: { label: string; value: number | undefined; total: number | undefined; link?: string }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const share = value !== undefined && total ? value / total : null;
  return (
    <Group justify="space-between" wrap="nowrap">
      <Group gap="xs" wrap="nowrap">
        <IconAlertTriangle size={16} color="var(--mantine-color-orange-6)" />
        <Text size="sm">{label}</Text>
      </Group>
      <Group gap="sm" wrap="nowrap">
        {value === undefined ? (
          <Skeleton height={16} width={80} />
        ) : (
          <>
            <Text size="sm" fw={600}>
              {f.number(value)}
            </Text>
            <Badge variant="light" color={share !== null && share > 0.05 ? 'orange' : 'gray'} radius="sm">
              {f.percent(share, 1)}
            </Badge>
          </>
        )}
        {link ? (
          <Anchor component={Link} to={link} size="sm">
            {t('data.show')}
          </Anchor>
        ) : null}
      </Group>
    </Group>
  );
}
