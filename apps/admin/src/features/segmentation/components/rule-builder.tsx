import type { FeatureCatalogueEntry, RuleComparison, RuleCondition, RuleSpec } from '@cxs/contracts';
import { ActionIcon, Badge, Button, Group, Loader, Paper, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../shared/format/format';
import { useRulePreview } from '../hooks/use-rule-preview';

const ATTRIBUTES = ['employees', 'industry', 'size_band', 'region', 'business_model', 'acquisition_channel', 'support_level'];
const TEXT_ATTRIBUTES = new Set(ATTRIBUTES.filter((a) => a !== 'employees'));

/** Levels (first match wins), each a group of conditions on features and attributes joined with AND or OR; live count as you edit. */
export function RuleBuilder({ spec, catalogue, onChange }: { spec: RuleSpec; catalogue: FeatureCatalogueEntry[]; onChange: (s: RuleSpec) => void }) {
  const { t, i18n } = useTranslation();
  const f = useFormatters();
  const ru = i18n.language.startsWith('ru');
  const preview = useRulePreview(spec);
  const fields = [
    { group: t('seg.rules.features'), items: catalogue.map((c) => ({ value: c.name, label: ru ? c.labelRu : c.labelEn })) },
    { group: t('seg.rules.attributes'), items: ATTRIBUTES.map((a) => ({ value: a, label: t(`seg.attributes.${a}`) })) },
  ];
  const setLevel = (i: number, level: RuleSpec['levels'][number]) => onChange({ ...spec, levels: spec.levels.map((l, j) => (j === i ? level : l)) });
  return (
    <Stack>
      {spec.levels.map((level, i) => {
        const conds = level.rule.conditions as RuleCondition[];
        const setCond = (k: number, c: Partial<RuleCondition>) => setLevel(i, { ...level, rule: { ...level.rule, conditions: conds.map((x, j) => (j === k ? { ...x, ...c } : x)) } });
        return (
          <Paper key={i} withBorder radius="md" p="md" data-testid={`rule-level-${i}`}>
            <Group justify="space-between" mb="sm">
              <Group>
                <TextInput size="xs" value={level.label} onChange={(e) => setLevel(i, { ...level, label: e.currentTarget.value })} w={180} aria-label={t('seg.rules.label')} />
                <SegmentedControl size="xs" value={level.rule.op} onChange={(op) => setLevel(i, { ...level, rule: { ...level.rule, op: op as 'and' | 'or' } })} data={[{ value: 'and', label: t('seg.rules.and') }, { value: 'or', label: t('seg.rules.or') }]} />
              </Group>
              <Group gap="xs">
                <Badge variant="light" data-testid={`rule-count-${i}`}>
                  {t('seg.rules.count', { count: preview.data?.byLevel[i]?.count ?? 0 })}
                </Badge>
                <ActionIcon variant="subtle" color="red" aria-label={t('seg.editor.remove')} disabled={spec.levels.length === 1} onClick={() => onChange({ ...spec, levels: spec.levels.filter((_, j) => j !== i) })}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            </Group>
            <Stack gap="xs">
              {conds.map((c, k) => (
                <Group key={k} gap="xs">
                  <Select size="xs" w={220} data={fields} value={c.field} onChange={(v) => v && setCond(k, { field: v, cmp: TEXT_ATTRIBUTES.has(v) ? '=' : c.cmp })} searchable />
                  <Select size="xs" w={80} data={TEXT_ATTRIBUTES.has(c.field) ? ['=', '!='] : ['>=', '>', '<=', '<', '=', '!=']} value={c.cmp} onChange={(v) => v && setCond(k, { cmp: v as RuleComparison })} />
                  <TextInput size="xs" w={140} value={String(c.value)} onChange={(e) => setCond(k, { value: TEXT_ATTRIBUTES.has(c.field) ? e.currentTarget.value : e.currentTarget.value === '' ? '' : Number(e.currentTarget.value) })} />
                  <ActionIcon variant="subtle" color="gray" aria-label={t('seg.editor.remove')} onClick={() => setLevel(i, { ...level, rule: { ...level.rule, conditions: conds.filter((_, j) => j !== k) } })}>
                    <IconTrash size={14} />
                  </ActionIcon>
                </Group>
              ))}
              <Button size="xs" variant="subtle" leftSection={<IconPlus size={14} />} w="fit-content" onClick={() => setLevel(i, { ...level, rule: { ...level.rule, conditions: [...conds, { field: 'modules_used', cmp: '>=', value: 1 }] } })}>
                {t('seg.rules.addCondition')}
              </Button>
            </Stack>
          </Paper>
        );
      })}
      <Button variant="light" leftSection={<IconPlus size={16} />} w="fit-content" onClick={() => onChange({ ...spec, levels: [...spec.levels, { label: `Level ${spec.levels.length + 1}`, rule: { op: 'and', conditions: [] } }] })}>
        {t('seg.rules.addLevel')}
      </Button>
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between">
          <Title order={5}>{t('seg.rules.preview')}</Title>
          {preview.isFetching ? <Loader size="xs" /> : null}
        </Group>
        {preview.isError ? <Text c="red" size="sm">{(preview.error as Error).message}</Text> : null}
        {preview.data ? (
          <>
            <Text size="sm" mb="xs" data-testid="rule-count">
              {t('seg.rules.total', { count: preview.data.count, total: f.number(preview.data.total) })}
            </Text>
            <Table verticalSpacing={4} fz="sm">
              <Table.Tbody>
                {preview.data.sample.map((m) => (
                  <Table.Tr key={m.customerId}>
                    <Table.Td>{m.name}</Table.Td>
                    <Table.Td><Badge variant="light">{m.label}</Badge></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        ) : null}
      </Paper>
    </Stack>
  );
}
