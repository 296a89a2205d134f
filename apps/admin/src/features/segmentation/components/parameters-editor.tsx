import type { AbcdxSpec, FeatureCatalogueEntry, ModelParameter } from '@cxs/contracts';
import { ActionIcon, Group, NumberInput, Paper, Select, Slider, Table, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Parameters picked from the feature catalogue, each with direction, transform, clipping, weight and role. */
export function ParametersEditor({ spec, catalogue, onChange }: { spec: AbcdxSpec; catalogue: FeatureCatalogueEntry[]; onChange: (s: AbcdxSpec) => void }) {
  const { t, i18n } = useTranslation();
  const ru = i18n.language.startsWith('ru');
  const byName = new Map(catalogue.map((c) => [c.name, c]));
  const set = (i: number, patch: Partial<ModelParameter>) => onChange({ ...spec, parameters: spec.parameters.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  const unused = catalogue.filter((c) => !spec.parameters.some((p) => p.column === c.name));
  return (
    <Paper withBorder radius="md" p={0} style={{ overflowX: 'auto' }}>
      <Table verticalSpacing={6} horizontalSpacing="sm" data-testid="parameters-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('seg.editor.feature')}</Table.Th>
            <Table.Th>{t('seg.editor.direction')}</Table.Th>
            <Table.Th>{t('seg.editor.transform')}</Table.Th>
            <Table.Th>{t('seg.editor.clip')}</Table.Th>
            <Table.Th w={220}>{t('seg.editor.weight')}</Table.Th>
            <Table.Th>{t('seg.editor.role')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {spec.parameters.map((p, i) => {
            const cat = byName.get(p.column);
            return (
              <Table.Tr key={p.column} data-testid={`param-${p.column}`}>
                <Table.Td>
                  <Text size="sm" fw={500}>{cat ? (ru ? cat.labelRu : cat.labelEn) : p.column}</Text>
                  <Text size="xs" c="dimmed">{cat ? (ru ? cat.ru : cat.en) : ''}</Text>
                </Table.Td>
                <Table.Td>
                  <Select size="xs" w={150} value={p.direction} onChange={(v) => v && set(i, { direction: v as ModelParameter['direction'] })} data={['higher_better', 'lower_better', 'neutral'].map((d) => ({ value: d, label: t(`seg.direction.${d}`) }))} />
                </Table.Td>
                <Table.Td>
                  <Select size="xs" w={100} value={p.transform} onChange={(v) => v && set(i, { transform: v as ModelParameter['transform'] })} data={['none', 'log1p']} />
                </Table.Td>
                <Table.Td>
                  <Select
                    size="xs"
                    w={110}
                    value={p.clip ? `${p.clip.lower}-${p.clip.upper}` : 'none'}
                    onChange={(v) => set(i, { clip: !v || v === 'none' ? null : { lower: Number(v.split('-')[0]), upper: Number(v.split('-')[1]) } })}
                    data={[{ value: 'none', label: t('seg.editor.noClip') }, { value: '1-99', label: '1–99 %' }, { value: '5-95', label: '5–95 %' }]}
                  />
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Slider w={110} min={0} max={5} step={0.5} value={p.weight} onChange={(w) => set(i, { weight: w })} label={(v) => v} />
                    <NumberInput size="xs" w={70} min={0} max={100} step={0.5} value={p.weight} onChange={(v) => set(i, { weight: Number(v) || 0 })} data-testid={`weight-${p.column}`} />
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Select size="xs" w={110} value={p.role} onChange={(v) => v && set(i, { role: v as ModelParameter['role'] })} data={['value', 'growth'].map((r) => ({ value: r, label: t(`seg.role.${r}`) }))} />
                </Table.Td>
                <Table.Td>
                  <ActionIcon variant="subtle" color="red" aria-label={t('seg.editor.remove')} onClick={() => onChange({ ...spec, parameters: spec.parameters.filter((_, j) => j !== i) })}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {unused.length > 0 ? (
        <Group p="sm">
          <Select
            size="xs"
            w={280}
            placeholder={t('seg.editor.addFeature')}
            value={null}
            data={unused.map((c) => ({ value: c.name, label: ru ? c.labelRu : c.labelEn }))}
            onChange={(v) => {
              const c = v ? byName.get(v) : undefined;
              if (c) onChange({ ...spec, parameters: [...spec.parameters, { column: c.name, direction: c.direction, transform: c.transform, clip: { lower: 1, upper: 99 }, weight: 1, role: 'value' }] });
            }}
            data-testid="add-feature"
          />
        </Group>
      ) : null}
    </Paper>
  );
}
