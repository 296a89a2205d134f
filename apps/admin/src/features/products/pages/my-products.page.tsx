import { Paper, SimpleGrid } from '@mantine/core';
import { IconBox, IconPuzzle, IconStack2 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/components/session-context';
import { useFormatters } from '../../../shared/format/format';
import { EmptyState } from '../../../shared/ui/empty-state';
import { ErrorState } from '../../../shared/ui/error-state';
import { PageHeader } from '../../../shared/ui/page-header';
import { StatCard } from '../../../shared/ui/stat-card';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { ProductsTable } from '../components/products-table';
import { useProducts } from '../hooks/use-products';
import { ProductUsage } from '../../workspace/components/product-usage';
import { ProductRevenue } from '../../pnl/components/product-revenue';

export function MyProductsPage() {
  const { t } = useTranslation();
  const f = useFormatters();
  const { user } = useSession();
  const products = useProducts();
  const mine = (products.data ?? []).filter((p) => p.ownerId === user.id);
  const modules = new Set(mine.flatMap((p) => p.modules));
  const tiers = new Set(mine.map((p) => p.tier));

  return (
    <>
      <PageHeader title={t('myProducts.title')} description={t('myProducts.description')} />
      <SimpleGrid cols={{ base: 1, sm: 3 }} mb="lg">
        <StatCard label={t('myProducts.stats.products')} value={f.number(mine.length)} icon={<IconBox size={20} />} loading={products.isPending} testId="stat-my-products" />
        <StatCard label={t('myProducts.stats.tiers')} value={f.number(tiers.size)} icon={<IconStack2 size={20} />} loading={products.isPending} />
        <StatCard label={t('myProducts.stats.modules')} value={f.number(modules.size)} icon={<IconPuzzle size={20} />} loading={products.isPending} />
      </SimpleGrid>
      <ProductRevenue period={{}} />
      {products.isError ? <ErrorState error={products.error} onRetry={() => void products.refetch()} /> : null}
      {products.isPending ? (
        <Paper withBorder radius="md">
          <TableSkeleton rows={6} columns={5} />
        </Paper>
      ) : products.isSuccess && mine.length === 0 ? (
        <Paper withBorder radius="md">
          <EmptyState icon={<IconBox size={26} stroke={1.5} />} title={t('myProducts.empty.title')} description={t('myProducts.empty.description')} />
        </Paper>
      ) : products.isSuccess ? (
        <ProductsTable products={mine} />
      ) : null}
      <ProductUsage />
    </>
  );
}
