import { Badge, Group, Paper, Table, Text } from '@mantine/core';
import type { ProductDto } from '@cxs/contracts';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../shared/format/format';

const TIER_COLOR: Record<ProductDto['tier'], string> = { basic: 'gray', professional: 'brand', enterprise: 'grape' };
const TIER_ORDER: Record<ProductDto['tier'], number> = { basic: 0, professional: 1, enterprise: 2 };

export function ProductsTable({ products }: { products: ProductDto[] }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const rows = [...products].sort((a, b) => TIER_ORDER[a.tier] - TIER_ORDER[b.tier] || a.name.localeCompare(b.name));
  return (
    <Paper withBorder radius="md">
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="products-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('products.columns.name')}</Table.Th>
            <Table.Th miw={150}>{t('products.columns.tier')}</Table.Th>
            <Table.Th ta="right">{t('products.columns.price')}</Table.Th>
            <Table.Th ta="right">{t('products.columns.cost')}</Table.Th>
            <Table.Th>{t('products.columns.modules')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((p) => (
            <Table.Tr key={p.id} data-testid="product-row">
              <Table.Td maw={380}>
                <Text size="sm" fw={600}>
                  {p.name}
                </Text>
                {p.description ? (
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {p.description}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Badge variant="light" radius="sm" color={TIER_COLOR[p.tier]} style={{ flexShrink: 0, overflow: 'visible' }} miw="fit-content">
                  {t(`products.tier.${p.tier}`)}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm">{f.money(p.price)}</Text>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm">
                  {p.unitCost !== null
                    ? t('products.unitCost', { value: f.money(p.unitCost) })
                    : p.costShare !== null
                      ? t('products.costShare', { value: f.percent(Number(p.costShare)) })
                      : '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {p.modules.map((m) => (
                    <Badge key={m} size="xs" variant="outline" color="gray" radius="sm" tt="none">
                      {m}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
