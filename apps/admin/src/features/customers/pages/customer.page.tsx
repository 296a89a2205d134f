import { Alert, Anchor, Badge, Breadcrumbs, Grid, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { IconEraser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../../shared/api/http';
import { useFormatters } from '../../../shared/format/format';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { StatCard } from '../../../shared/ui/stat-card';
import { useAbility } from '@casl/react';
import type { AppAbility } from '@cxs/authz';
import { EraseCustomerAction } from '../components/erase-customer-action';
import { Firmographics } from '../components/firmographics';
import { MembershipHistory } from '../components/membership-history';
import { NpsList } from '../components/nps-list';
import { RevenueChart } from '../components/revenue-chart';
import { TransactionsTable } from '../components/transactions-table';
import { UsageChart } from '../components/usage-chart';
import { useCustomer } from '../hooks/use-customer';
import { npsScore } from '../lib/revenue-by-month';

function Section({ title, extra, children, testId }: { title: string; extra?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder radius="md" p="md" h="100%" data-testid={testId}>
      <Group justify="space-between" mb="sm">
        <Title order={5}>{title}</Title>
        {extra}
      </Group>
      {children}
    </Paper>
  );
}

export function CustomerPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const f = useFormatters();
  const customer = useCustomer(id);
  const ability = useAbility<AppAbility>();

  const breadcrumbs = (name?: string) => (
    <Breadcrumbs mb="sm" fz="sm">
      <Anchor component={Link} to="/customers" size="sm">
        {t('nav.customers')}
      </Anchor>
      {name ? <Text size="sm">{name}</Text> : null}
    </Breadcrumbs>
  );

  if (customer.isPending) {
    return (
      <Stack>
        {breadcrumbs()}
        <Skeleton height={34} width={320} />
        <SimpleGrid cols={4}>
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} height={92} radius="md" />
          ))}
        </SimpleGrid>
        <Skeleton height={180} radius="md" />
        <Skeleton height={280} radius="md" />
      </Stack>
    );
  }
  if (customer.isError) {
    // A malformed id (400) is as much "no such customer" as an unknown one (404).
    if (isApiError(customer.error) && (customer.error.status === 404 || customer.error.status === 400)) {
      return (
        <>
          {breadcrumbs()}
          <Paper withBorder radius="md">
            <EmptyState testId="customer-not-found" title={t('customer.notFound.title')} description={t('customer.notFound.description')} />
          </Paper>
        </>
      );
    }
    return (
      <>
        {breadcrumbs()}
        <ErrorState error={customer.error} onRetry={() => void customer.refetch()} />
      </>
    );
  }

  const c = customer.data;
  const nps = npsScore(c.surveys.map((s) => s.nps));

  return (
    <>
      {breadcrumbs(c.name)}
      <Group justify="space-between" align="flex-end" mb="lg">
        <div>
          <Title order={2} data-testid="customer-name">
            {c.name}
          </Title>
          <Group gap={6} mt={6}>
            <Text size="sm" c="dimmed">
              {c.externalId}
            </Text>
            {c.segmentName ? (
              <Badge component={Link} to={`/segments/${c.segmentId}`} variant="light" radius="sm" tt="none" style={{ cursor: 'pointer' }}>
                {c.segmentName}
              </Badge>
            ) : (
              <Badge variant="outline" color="gray" radius="sm" tt="none">
                {t('customers.unsegmented')}
              </Badge>
            )}
            {c.erasedAt ? (
              <Badge color="gray" variant="filled" radius="sm" tt="none" data-testid="customer-erased-badge">
                {t('erasure.badge')}
              </Badge>
            ) : null}
            {c.notInCrm ? (
              <Badge color="orange" variant="light" radius="sm" tt="none">
                {t('customers.notInCrm')}
              </Badge>
            ) : null}
          </Group>
        </div>
        {!c.erasedAt && ability.can('erase', 'Customer') ? <EraseCustomerAction customer={c} /> : null}
      </Group>

      {c.erasedAt ? (
        <Alert color="gray" icon={<IconEraser size={18} />} mb="lg" data-testid="customer-erased">
          {t('customer.erased', { date: f.date(c.erasedAt) })}
        </Alert>
      ) : null}

      <SimpleGrid cols={{ base: 2, md: 4 }} mb="lg">
        <StatCard label={t('customer.stats.revenue')} value={f.money(c.revenue)} hint={t('customer.stats.revenueHint')} testId="customer-revenue" />
        <StatCard label={t('customer.stats.transactions')} value={f.number(c.transactions.length)} hint={t('customer.stats.lastOn', { date: f.date(c.lastTransactionOn) })} />
        <StatCard
          label={t('customer.stats.nps')}
          value={nps === null ? '—' : f.number(nps)}
          hint={t('customer.stats.answers', { count: c.surveys.length, formatted: f.number(c.surveys.length) })}
        />
        <StatCard label={t('customer.stats.firstSeen')} value={<Text fz={22} fw={600}>{f.date(c.firstSeen)}</Text>} />
      </SimpleGrid>

      <Stack gap="lg">
        <Section title={t('customer.sections.firmographics')}>
          <Firmographics customer={c} />
        </Section>

        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <Section title={t('customer.sections.revenue')} testId="section-revenue">
              {c.transactions.length ? <RevenueChart transactions={c.transactions} /> : <EmptyState title={t('customer.empty.transactions')} />}
            </Section>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <Section title={t('customer.sections.usage')} testId="section-usage">
              {c.usage.length ? <UsageChart usage={c.usage} /> : <EmptyState title={t('customer.empty.usage')} />}
            </Section>
          </Grid.Col>
        </Grid>

        <Section
          title={t('customer.sections.transactions')}
          extra={
            <Text size="sm" c="dimmed">
              {t('customer.transactions.count', { count: c.transactions.length, formatted: f.number(c.transactions.length) })}
            </Text>
          }
          testId="section-transactions"
        >
          {c.transactions.length ? <TransactionsTable transactions={c.transactions} /> : <EmptyState title={t('customer.empty.transactions')} />}
        </Section>

        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Section title={t('customer.sections.nps')} testId="section-nps">
              {c.surveys.length ? <NpsList surveys={c.surveys} /> : <EmptyState title={t('customer.empty.nps')} />}
            </Section>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Section title={t('customer.sections.memberships')} testId="section-memberships">
              {c.memberships.length ? (
                <MembershipHistory memberships={c.memberships} />
              ) : (
                <EmptyState title={t('customer.empty.memberships')} description={t('customer.empty.membershipsHint')} />
              )}
            </Section>
          </Grid.Col>
        </Grid>
      </Stack>
    </>
  );
}
