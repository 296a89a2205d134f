import { Badge, Box, Table, Text } from '@mantine/core';
import type { TransactionDto, TransactionType } from '@cxs/contracts';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../shared/format/format';

const TYPE_COLOR: Record<TransactionType, string> = { payment: 'gray', refund: 'red', expansion: 'teal', downgrade: 'orange' };
const ROW_HEIGHT = 37;
const VIEWPORT = 420;

/** All of a customer's transactions, newest first; rows are virtualised (years of billing can be long). */
export function TransactionsTable({ transactions }: { transactions: TransactionDto[] }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const rows = useMemo(() => [...transactions].sort((a, b) => b.occurredOn.localeCompare(a.occurredOn)), [transactions]);
  const parent = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 1000, height: VIEWPORT },
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;

  return (
    <Box ref={parent} mah={VIEWPORT} style={{ overflow: 'auto' }} data-testid="transactions-table">
      <Table verticalSpacing={8} horizontalSpacing="md" stickyHeader>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('customer.transactions.date')}</Table.Th>
            <Table.Th>{t('customer.transactions.product')}</Table.Th>
            <Table.Th>{t('customer.transactions.type')}</Table.Th>
            <Table.Th ta="right">{t('customer.transactions.quantity')}</Table.Th>
            <Table.Th ta="right">{t('customer.transactions.discount')}</Table.Th>
            <Table.Th ta="right">{t('customer.transactions.amount')}</Table.Th>
            <Table.Th>{t('customer.transactions.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {padTop > 0 ? (
            <Table.Tr>
              <Table.Td colSpan={7} p={0} style={{ height: padTop, border: 0 }} />
            </Table.Tr>
          ) : null}
          {items.map((v) => {
            const tx = rows[v.index]!;
            return (
              <Table.Tr key={tx.id} style={{ height: ROW_HEIGHT }} data-testid="transaction-row">
                <Table.Td>
                  <Text size="sm">{f.date(tx.occurredOn)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={1}>
                    {tx.productName ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" radius="sm" color={TYPE_COLOR[tx.type]}>
                    {t(`customer.transactions.types.${tx.type}`)}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm">{f.number(tx.quantity, 2)}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" c={Number(tx.discount) > 0 ? undefined : 'dimmed'}>
                    {Number(tx.discount) > 0 ? f.money(tx.discount) : '—'}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" fw={500} c={Number(tx.amount) < 0 ? 'red.7' : undefined} style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {f.money(tx.amount)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {tx.overdue ? (
                    <Badge size="sm" color="red" variant="outline" radius="sm">
                      {t('customer.transactions.overdue')}
                    </Badge>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            );
          })}
          {padBottom > 0 ? (
            <Table.Tr>
              <Table.Td colSpan={7} p={0} style={{ height: padBottom, border: 0 }} />
            </Table.Tr>
          ) : null}
        </Table.Tbody>
      </Table>
    </Box>
  );
}
