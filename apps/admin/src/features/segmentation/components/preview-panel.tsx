import type { AbcdxSpec, FeatureCatalogueEntry } from '@cxs/contracts';
import { Alert, Badge, Group, Loader, Paper, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../shared/format/format';
import { EChart } from '../../../shared/ui/echart';
import { usePreview } from '../hooks/use-preview';
import { labelColor, sortLabels } from '../lib/labels';

/** What the current (unsaved) parameters do, on a seeded sample of ≤ 5,000 customers, recomputed in a web worker. */
export function PreviewPanel({ spec, catalogue }: { spec: AbcdxSpec | null; catalogue: FeatureCatalogueEntry[] }) {
  const { t, i18n } = useTranslation();
  const f = useFormatters();
  const ru = i18n.language.startsWith('ru');
  // ?previewRestarts=10 measures the engine at full restarts (the Chromium timing test); by default the preview uses ≤ 3.
  const [params] = useSearchParams();
  const forced = Number(params.get('previewRestarts')) || undefined;
  const { result, updating, sampleLoading, sampleError } = usePreview(spec, forced);
  const ok = result && result.ok ? result : null;
  const clusters = useMemo(() => (ok ? sortLabels(ok.clusters.map((c) => c.label)).map((l) => ok.clusters.find((c) => c.label === l)!) : []), [ok]);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      grid: { left: 40, right: 10, top: 10, bottom: 24 },
      xAxis: { type: 'category', data: clusters.map((c) => c.label) },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', data: clusters.map((c, i) => ({ value: c.size, itemStyle: { color: labelColor(c.label, i) } })), label: { show: true, position: 'top' } }],
    }),
    [clusters],
  );
  const shown = spec?.parameters.slice(0, 5) ?? [];
  const cat = new Map(catalogue.map((c) => [c.name, c]));
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      data-testid="preview"
      aria-busy={updating}
      data-busy={updating ? 'true' : 'false'}
      data-generation={result ? result.generation : 0}
      data-summary={ok ? ok.summary : ''}
      data-sizes={ok ? ok.clusters.map((c) => `${c.label}:${c.size}`).join(',') : ''}
      data-reused={ok ? String(ok.reused) : ''}
      data-ms={ok ? ok.ms.toFixed(1) : ''}
      data-restarts={ok ? ok.restarts : ''}
    >
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('seg.preview.title')}</Title>
        <Group gap="xs">
          {updating || sampleLoading ? (
            <Group gap={4} data-testid="preview-updating">
              <Loader size="xs" />
              <Text size="xs" c="dimmed">{t('seg.preview.updating')}</Text>
            </Group>
          ) : null}
          {ok ? <Badge variant="light" data-testid="preview-ms">{t('seg.preview.took', { ms: f.number(Math.round(ok.ms)), n: f.number(ok.n), restarts: ok.restarts })}</Badge> : null}
        </Group>
      </Group>
      <Text size="xs" c="dimmed" mb="xs">{t('seg.preview.hint')}</Text>
      {sampleError ? <Alert color="red">{t('seg.preview.sampleError')}</Alert> : null}
      {result && !result.ok ? <Alert color="orange" data-testid="preview-error">{result.message}</Alert> : null}
      {ok ? (
        // Dimmed while the answer belongs to earlier parameters: the analyst sees it is about to move.
        <div style={{ opacity: updating ? 0.55 : 1, transition: 'opacity 120ms' }}>
          <Text size="sm" data-testid="preview-sizes">{clusters.map((c) => `${c.label}: ${c.size}`).join(' · ')}</Text>
          <EChart option={option} height={180} testId="preview-chart" />
          <Table.ScrollContainer minWidth={120 + shown.length * 90} type="native">
          <Table verticalSpacing={4} fz="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th />
                {shown.map((p) => (
                  <Table.Th key={p.column} ta="right">{ru ? cat.get(p.column)?.labelRu : cat.get(p.column)?.labelEn}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {clusters.map((c, i) => (
                <Table.Tr key={c.label}>
                  <Table.Td><Badge size="sm" color={labelColor(c.label, i)} miw={28} styles={{ label: { overflow: 'visible' } }}>{c.label}</Badge></Table.Td>
                  {shown.map((p) => (
                    <Table.Td key={p.column} ta="right">{f.number(c.medians[p.column], 1)}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          </Table.ScrollContainer>
        </div>
      ) : null}
    </Paper>
  );
}
