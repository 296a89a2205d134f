import type { FeatureCatalogueEntry, RuleComparison, RuleCondition, RuleGroup, RuleSpec } from '@cxs/contracts';
import { ActionIcon, Alert, Badge, Box, Button, Group, Loader, Paper, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconBrackets, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../shared/api/http';
import { errorMessage } from '../../../shared/api/error-message';
import { useFormatters } from '../../../shared/format/format';
import { useRulePreview } from '../hooks/use-rule-preview';

const ATTRIBUTES = ['employees', 'industry', 'size_band', 'region', 'business_model', 'acquisition_channel', 'support_level'];
const TEXT_ATTRIBUTES = new Set(ATTRIBUTES.filter((a) => a !== 'employees'));
/** Groups inside a level's top group (the API accepts 5 levels of nesting; three stay readable). */
const MAX_NESTING = 3;

const isGroup = (x: RuleCondition | RuleGroup): x is RuleGroup => (x as RuleGroup).op !== undefined;

type FieldOptions = { group: string; items: { value: string; label: string }[] }[];

/** One AND/OR group: its conditions and nested groups, each editable; `path` is the API's path of the group (for error highlighting). */
function GroupEditor({ group, onChange, onRemove, depth, path, fields, badPath }: { group: RuleGroup; onChange: (g: RuleGroup) => void; onRemove?: () => void; depth: number; path: string; fields: FieldOptions; badPath: string | null }) {
  const { t } = useTranslation();
  const set = (k: number, c: RuleCondition | RuleGroup) => onChange({ ...group, conditions: group.conditions.map((x, j) => (j === k ? c : x)) });
  const remove = (k: number) => onChange({ ...group, conditions: group.conditions.filter((_, j) => j !== k) });
  return (
    <Box
      data-testid={`rule-group-${path}`}
      pl={depth > 0 ? 'sm' : 0}
      style={depth > 0 ? { borderLeft: `3px solid var(--mantine-color-${group.op === 'and' ? 'blue' : 'grape'}-3)` } : undefined}
    >
      <Group gap="xs" mb={6}>
        <SegmentedControl
          size="xs"
          value={group.op}
          onChange={(op) => onChange({ ...group, op: op as 'and' | 'or' })}
          data={[{ value: 'and', label: t('seg.rules.and') }, { value: 'or', label: t('seg.rules.or') }]}
          data-testid={`rule-op-${path}`}
        />
        {group.conditions.length === 0 ? <Text size="xs" c="dimmed">{group.op === 'and' ? t('seg.rules.emptyAnd') : t('seg.rules.emptyOr')}</Text> : null}
        {onRemove ? (
          <ActionIcon variant="subtle" color="red" size="sm" aria-label={t('seg.rules.removeGroup')} onClick={onRemove}>
            <IconTrash size={14} />
          </ActionIcon>
        ) : null}
      </Group>
      <Stack gap={6}>
        {group.conditions.map((c, k) => {
          const at = `${path}.conditions[${k}]`;
          const joiner = k > 0 ? <Text size="xs" fw={600} c="dimmed" w={28}>{group.op === 'and' ? t('seg.rules.andShort') : t('seg.rules.orShort')}</Text> : <Box w={28} />;
          if (isGroup(c)) {
            return (
              <Group key={k} gap="xs" align="flex-start" wrap="nowrap">
                {joiner}
                <Box style={{ flex: 1 }}>
                  <GroupEditor group={c} onChange={(g) => set(k, g)} onRemove={() => remove(k)} depth={depth + 1} path={at} fields={fields} badPath={badPath} />
                </Box>
              </Group>
            );
          }
          const text = TEXT_ATTRIBUTES.has(c.field);
          const bad = badPath === at;
          return (
            <Group key={k} gap="xs" wrap="nowrap" data-testid={`rule-cond-${at}`}>
              {joiner}
              <Select size="xs" w={220} data={fields} value={c.field} onChange={(v) => v && set(k, { ...c, field: v, cmp: TEXT_ATTRIBUTES.has(v) ? (c.cmp === '!=' ? '!=' : '=') : c.cmp, value: TEXT_ATTRIBUTES.has(v) === text ? c.value : '' })} searchable aria-label={t('seg.rules.field')} data-testid="rule-field" />
              <Select size="xs" w={80} data={text ? ['=', '!='] : ['>=', '>', '<=', '<', '=', '!=']} value={c.cmp} onChange={(v) => v && set(k, { ...c, cmp: v as RuleComparison })} aria-label={t('seg.rules.comparison')} data-testid="rule-cmp" />
              <TextInput
                size="xs"
                w={140}
                value={String(c.value)}
                error={bad}
                onChange={(e) => {
                  const raw = e.currentTarget.value;
                  // Numbers travel as numbers; anything that is not one yet travels as typed so the API can name it.
                  set(k, { ...c, value: text || raw.trim() === '' || !Number.isFinite(Number(raw)) ? raw : Number(raw) });
                }}
                aria-label={t('seg.rules.value')}
                data-testid="rule-value"
              />
              <ActionIcon variant="subtle" color="gray" aria-label={t('seg.editor.remove')} onClick={() => remove(k)}>
                <IconTrash size={14} />
              </ActionIcon>
            </Group>
          );
        })}
        <Group gap="xs" ml={28}>
          <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} />} onClick={() => onChange({ ...group, conditions: [...group.conditions, { field: 'modules_used', cmp: '>=', value: 1 }] })} data-testid={`rule-add-cond-${path}`}>
            {t('seg.rules.addCondition')}
          </Button>
          {depth < MAX_NESTING ? (
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconBrackets size={12} />}
              onClick={() => onChange({ ...group, conditions: [...group.conditions, { op: group.op === 'and' ? 'or' : 'and', conditions: [{ field: 'modules_used', cmp: '>=', value: 1 }] }] })}
              data-testid={`rule-add-group-${path}`}
            >
              {t('seg.rules.addGroup')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Box>
  );
}

/** Levels (first match wins), each an AND/OR group of conditions on features and attributes that may nest further groups; live count and members as you edit. */
export function RuleBuilder({ spec, catalogue, onChange }: { spec: RuleSpec; catalogue: FeatureCatalogueEntry[]; onChange: (s: RuleSpec) => void }) {
  const { t, i18n } = useTranslation();
  const f = useFormatters();
  const ru = i18n.language.startsWith('ru');
  const preview = useRulePreview(spec);
  const fields: FieldOptions = [
    { group: t('seg.rules.features'), items: catalogue.map((c) => ({ value: c.name, label: ru ? c.labelRu : c.labelEn })) },
    { group: t('seg.rules.attributes'), items: ATTRIBUTES.map((a) => ({ value: a, label: t(`seg.attributes.${a}`) })) },
  ];
  const setLevel = (i: number, level: RuleSpec['levels'][number]) => onChange({ ...spec, levels: spec.levels.map((l, j) => (j === i ? level : l)) });
  const err = preview.error;
  const badPath = isApiError(err) && Array.isArray(err.details) ? ((err.details[0] as { field?: string } | undefined)?.field ?? null) : null;
  const counts = preview.isError ? null : preview.data;
  return (
    <Stack data-testid="rule-builder">
      {spec.levels.map((level, i) => (
        <Paper key={i} withBorder radius="md" p="md" data-testid={`rule-level-${i}`}>
          <Group justify="space-between" mb="sm">
            <TextInput size="xs" value={level.label} onChange={(e) => setLevel(i, { ...level, label: e.currentTarget.value })} w={220} aria-label={t('seg.rules.label')} data-testid={`rule-label-${i}`} />
            <Group gap="xs">
              <Badge variant="light" size="lg" data-testid={`rule-count-${i}`} data-count={counts?.byLevel[i]?.count ?? ''} style={{ opacity: preview.isFetching ? 0.55 : 1 }}>
                {counts ? t('seg.rules.count', { count: counts.byLevel[i]?.count ?? 0, n: f.number(counts.byLevel[i]?.count ?? 0) }) : '—'}
              </Badge>
              <ActionIcon variant="subtle" color="red" aria-label={t('seg.rules.removeLevel')} disabled={spec.levels.length === 1} onClick={() => onChange({ ...spec, levels: spec.levels.filter((_, j) => j !== i) })}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          </Group>
          <GroupEditor group={level.rule} onChange={(rule) => setLevel(i, { ...level, rule })} depth={0} path={`spec.levels[${i}].rule`} fields={fields} badPath={badPath} />
        </Paper>
      ))}
      <Button variant="light" leftSection={<IconPlus size={16} />} w="fit-content" onClick={() => onChange({ ...spec, levels: [...spec.levels, { label: `Level ${spec.levels.length + 1}`, rule: { op: 'and', conditions: [] } }] })}>
        {t('seg.rules.addLevel')}
      </Button>
      <Paper withBorder radius="md" p="md" data-testid="rule-preview" data-fetching={preview.isFetching ? 'true' : 'false'}>
        <Group justify="space-between">
          <Title order={5}>{t('seg.rules.preview')}</Title>
          {preview.isFetching ? <Loader size="xs" /> : null}
        </Group>
        {preview.isError ? (
          <Alert color="red" mt="xs" data-testid="rule-error">
            {isApiError(err) && err.code === 'VALIDATION_FAILED' ? err.message : errorMessage(t, err)}
          </Alert>
        ) : null}
        {counts ? (
          <>
            <Text size="sm" mb="xs" data-testid="rule-count" data-count={counts.count}>
              {t('seg.rules.total', { count: counts.count, n: f.number(counts.count), total: f.number(counts.total) })}
            </Text>
            {counts.sample.length === 0 ? (
              <Text size="sm" c="dimmed">{t('seg.rules.noMembers')}</Text>
            ) : (
              <Table verticalSpacing={4} fz="sm" data-testid="rule-members">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('seg.members.customer')}</Table.Th>
                    <Table.Th>{t('seg.rules.level')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {counts.sample.map((m) => (
                    <Table.Tr key={m.customerId}>
                      <Table.Td>{m.name}</Table.Td>
                      <Table.Td><Badge variant="light">{m.label}</Badge></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {counts.sample.length > 0 && counts.count > counts.sample.length ? <Text size="xs" c="dimmed" mt={4}>{t('seg.rules.firstMembers', { count: counts.sample.length })}</Text> : null}
          </>
        ) : null}
      </Paper>
    </Stack>
  );
}
