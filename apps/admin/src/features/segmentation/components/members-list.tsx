import { Anchor, Badge, Button, Group, Paper, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQueries } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../../shared/format/format';
import { fetchMembers, membersCsvUrl, segKeys } from '../api/segmentation.api';
import { labelColor } from '../lib/labels';

const CHUNK = 200;
const ROW = 38;

/** The run's members: searchable, sortable, virtualised (rows fetched in chunks of 200 as they scroll into view), CSV export. */
export function MembersList({ runId, labels, canExport }: { runId: string; labels: string[]; canExport: boolean }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const [label, setLabel] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const [sort, setSort] = useState('ltv');
  const parent = useRef<HTMLDivElement>(null);
  const params = { label: label ?? undefined, q: q || undefined, sort, dir: sort === 'name' || sort === 'recency' ? 'asc' : 'desc' };

  const [total, setTotal] = useState(0);
  const virtual = useVirtualizer({ count: total, getScrollElement: () => parent.current, estimateSize: () => ROW, overscan: 10 });
  const items = virtual.getVirtualItems();
  const chunks = useMemo(() => {
    const set = new Set<number>([0]);
    for (const it of items) set.add(Math.floor(it.index / CHUNK));
    return [...set];
  }, [items]);
  const results = useQueries({
    queries: chunks.map((c) => ({
      queryKey: segKeys.members(runId, { ...params, chunk: c }),
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchMembers(runId, { ...params, offset: c * CHUNK, limit: CHUNK }, signal),
      placeholderData: keepPreviousData,
    })),
  });
  const first = results[0]?.data;
  if (first && first.total !== total) setTotal(first.total);
  const rowAt = (i: number) => {
    const c = Math.floor(i / CHUNK);
    const r = results[chunks.indexOf(c)]?.data;
    return r?.items[i - c * CHUNK];
  };

  return (
    <Paper withBorder radius="md" p="md" data-testid="members-list">
      <Group mb="sm" wrap="wrap">
        <TextInput leftSection={<IconSearch size={14} />} placeholder={t('seg.members.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={240} data-testid="members-search" />
        <Select clearable placeholder={t('seg.members.allGroups')} data={labels} value={label} onChange={setLabel} w={180} />
        <Select
          value={sort}
          onChange={(v) => setSort(v ?? 'ltv')}
          w={200}
          data={['ltv', 'monetary', 'frequency', 'recency', 'name', 'label'].map((s) => ({ value: s, label: t(`seg.members.sort.${s}`) }))}
          data-testid="members-sort"
        />
        <Text size="sm" c="dimmed" data-testid="members-total">
          {t('seg.members.total', { count: total })}
        </Text>
        {canExport ? (
          <Button component="a" href={membersCsvUrl(runId, { label: label ?? '', q })} variant="light" size="xs" leftSection={<IconDownload size={14} />} data-testid="members-export">
            {t('seg.members.export')}
          </Button>
        ) : null}
      </Group>
      <Group px="sm" py={6} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }} wrap="nowrap">
        <Text size="xs" fw={600} w={60}>{t('seg.members.group')}</Text>
        <Text size="xs" fw={600} style={{ flex: 1 }}>{t('seg.members.customer')}</Text>
        <Text size="xs" fw={600} w={120} ta="right">LTV</Text>
        <Text size="xs" fw={600} w={120} ta="right">{t('seg.members.monetary')}</Text>
        <Text size="xs" fw={600} w={80} ta="right">{t('seg.members.frequency')}</Text>
        <Text size="xs" fw={600} w={90} ta="right">{t('seg.members.recency')}</Text>
      </Group>
      <div ref={parent} style={{ height: 420, overflow: 'auto' }}>
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const r = rowAt(v.index);
            return (
              <Group key={v.key} px="sm" wrap="nowrap" style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${v.start}px)` }} data-testid="member-row">
                {r ? (
                  <>
                    <Badge w={60} color={labelColor(r.label)} variant="light">{r.label}</Badge>
                    <Anchor component={Link} to={`/customers/${r.customerId}`} size="sm" style={{ flex: 1 }} truncate>
                      {r.name}
                    </Anchor>
                    <Text size="sm" w={120} ta="right">{f.money(r.ltv)}</Text>
                    <Text size="sm" w={120} ta="right">{f.money(r.monetary)}</Text>
                    <Text size="sm" w={80} ta="right">{f.number(r.frequency)}</Text>
                    <Text size="sm" w={90} ta="right">{r.recencyDays === null ? '—' : f.number(r.recencyDays)}</Text>
                  </>
                ) : (
                  <Text size="sm" c="dimmed">…</Text>
                )}
              </Group>
            );
          })}
        </div>
      </div>
    </Paper>
  );
}
