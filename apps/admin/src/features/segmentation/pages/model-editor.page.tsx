import type { AbcdxSpec, ModelSpec, RfmSpec, RuleSpec } from '@cxs/contracts';
import { Alert, Badge, Button, Grid, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { IconDeviceFloppy, IconPlayerPlay } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../../shared/api/error-message';
import { isApiError } from '../../../shared/api/http';
import { useFormatters } from '../../../shared/format/format';
import { ErrorState } from '../../../shared/ui/error-state';
import { PageHeader } from '../../../shared/ui/page-header';
import { TableSkeleton } from '../../../shared/ui/table-skeleton';
import { ParametersEditor } from '../components/parameters-editor';
import { PreviewPanel } from '../components/preview-panel';
import { RuleBuilder } from '../components/rule-builder';
import { useCatalogue } from '../hooks/use-catalogue';
import { useSaveVersion, useStartRun, useUpdateModel } from '../hooks/use-model-mutations';
import { useModel } from '../hooks/use-models';

export function ModelEditorPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const f = useFormatters();
  const navigate = useNavigate();
  const model = useModel(id);
  const catalogue = useCatalogue();
  const save = useSaveVersion(id);
  const update = useUpdateModel(id);
  const start = useStartRun();
  const [spec, setSpec] = useState<ModelSpec | null>(null);
  useEffect(() => {
    if (model.data && spec === null) setSpec(model.data.spec);
  }, [model.data, spec]);

  if (model.isError) return <ErrorState error={model.error} onRetry={() => void model.refetch()} />;
  if (!model.data || !spec || !catalogue.data) return <TableSkeleton />;
  const m = model.data;
  const dirty = JSON.stringify(spec) !== JSON.stringify(m.spec);
  const err = save.error ?? start.error;

  const run = async () => {
    if (dirty) await save.mutateAsync(spec);
    const r = await start.mutateAsync(id);
    navigate(`/runs/${r.id}`);
  };

  return (
    <>
      <PageHeader
        title={m.name}
        description={t('seg.editor.description', { version: m.latestVersion, kind: t(`seg.kind.${m.kind}`) })}
        actions={
          <>
            {dirty ? <Badge color="orange" variant="light">{t('seg.editor.unsaved')}</Badge> : null}
            <Button variant="default" leftSection={<IconDeviceFloppy size={16} />} disabled={!dirty} loading={save.isPending} onClick={() => save.mutate(spec)} data-testid="save-version">
              {t('seg.editor.save')}
            </Button>
            <Button leftSection={<IconPlayerPlay size={16} />} loading={start.isPending} onClick={() => void run().catch(() => undefined)} disabled={m.status === 'archived'} data-testid="run-model">
              {dirty ? t('seg.editor.saveAndRun') : t('seg.editor.run')}
            </Button>
          </>
        }
      />
      {err ? (
        <Alert color="red" mb="md" data-testid="editor-error">
          {isApiError(err) && err.code === 'VALIDATION_FAILED' ? err.message : errorMessage(t, err)}
        </Alert>
      ) : null}
      <Paper withBorder radius="md" p="md" mb="md">
        <SimpleGrid cols={{ base: 2, md: 6 }}>
          <TextInput label={t('seg.editor.asOf')} type="date" value={spec.asOf} onChange={(e) => setSpec({ ...spec, asOf: e.currentTarget.value })} />
          <NumberInput label={t('seg.editor.lookback')} min={1} max={60} value={spec.lookbackMonths} onChange={(v) => setSpec({ ...spec, lookbackMonths: Number(v) || 1 })} />
          {spec.kind === 'abcdx' ? (
            <>
              <NumberInput label="k" min={2} max={12} value={spec.k} onChange={(v) => setSpec({ ...spec, k: Number(v) || 5 })} data-testid="param-k" />
              <NumberInput label={t('seg.editor.restarts')} min={1} max={50} value={spec.restarts} onChange={(v) => setSpec({ ...spec, restarts: Number(v) || 1 })} />
              <NumberInput label={t('seg.editor.seed')} min={0} value={spec.seed} onChange={(v) => setSpec({ ...spec, seed: Number(v) || 0 })} />
              <Select label={t('seg.editor.standardise')} value={spec.standardise} onChange={(v) => v && setSpec({ ...spec, standardise: v as AbcdxSpec['standardise'] })} data={['zscore', 'robust', 'minmax']} />
            </>
          ) : null}
          {spec.kind === 'rfm' ? (
            <Select label={t('seg.editor.rfmTable')} value={spec.table} onChange={(v) => v && setSpec({ ...spec, table: v as RfmSpec['table'] })} data={[{ value: 'rf-grid-10', label: t('seg.editor.rfGrid') }, { value: 'r-rfm-package', label: t('seg.editor.rPackage') }]} />
          ) : null}
        </SimpleGrid>
        <Group mt="md">
          <Switch
            checked={m.schedule === 'monthly'}
            onChange={(e) => update.mutate({ schedule: e.currentTarget.checked ? 'monthly' : null })}
            label={m.schedule ? t('seg.editor.scheduleOn', { date: f.date(m.nextRunOn) }) : t('seg.editor.scheduleOff')}
            data-testid="schedule-monthly"
          />
        </Group>
      </Paper>
      {spec.kind === 'abcdx' ? (
        <Grid>
          <Grid.Col span={{ base: 12, xl: 8 }}>
            <Title order={4} mb="xs">{t('seg.editor.parameters')}</Title>
            <ParametersEditor spec={spec} catalogue={catalogue.data} onChange={setSpec} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, xl: 4 }}>
            <PreviewPanel spec={spec.parameters.length > 0 ? spec : null} catalogue={catalogue.data} />
          </Grid.Col>
        </Grid>
      ) : null}
      {spec.kind === 'rule' ? <RuleBuilder spec={spec as RuleSpec} catalogue={catalogue.data} onChange={setSpec} /> : null}
      {spec.kind === 'rfm' ? (
        <Stack>
          <Text size="sm" c="dimmed">{t('seg.editor.rfmHint')}</Text>
        </Stack>
      ) : null}
    </>
  );
}
