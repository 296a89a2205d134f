import { Alert, Badge, Button, FileInput, Group, Paper, ScrollArea, Select, SimpleGrid, Skeleton, Stack, Stepper, Table, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconBookmark, IconCheck, IconUpload } from '@tabler/icons-react';
import type { ImportDto, ImportFormat, ImportMapping, ImportMode, ImportPresetDto, ImportSource } from '@cxs/contracts';
import { IMPORT_SOURCES } from '@cxs/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorState } from '../../../shared/ui/error-state';
import { PageHeader } from '../../../shared/ui/page-header';
import { ImportCounts } from '../components/import-counts';
import { ImportProgress } from '../components/import-progress';
import { ImportStatusBadge } from '../components/import-status-badge';
import { ProblemsTable } from '../components/problems-table';
import { QuarantineFixer } from '../components/quarantine-fixer';
import { useImport } from '../hooks/use-import';
import { useCreateImportPreset, useStartImport, useUpdateImport, useUploadImport, useValidateImport } from '../hooks/use-import-mutations';
import { useImportPresets } from '../hooks/use-import-presets';
import { useImportSources } from '../hooks/use-import-sources';

const STEP_OF: Record<ImportDto['status'], number> = {
  draft: 1,
  queued: 2,
  running: 2,
  merging: 2,
  validated: 2,
  succeeded: 3,
  failed: 3,
  cancelled: 3,
  undone: 3,
};

/** upload → preview & mapping & format → check (report) → import mode → progress → report. */
export function ImportWizardPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const imp = useImport(id);
  // Moving to another import (after upload, or to the corrected rows' import) starts at the top of the page.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [id]);
  const step = !id ? 0 : imp.data ? STEP_OF[imp.data.status] : 1;
  return (
    <>
      <PageHeader title={t('imports.wizard.title')} description={t('imports.wizard.description')} />
      <Stepper active={step} mb="lg" size="sm" allowNextStepsSelect={false}>
        <Stepper.Step label={t('imports.wizard.steps.upload')} />
        <Stepper.Step label={t('imports.wizard.steps.mapping')} />
        <Stepper.Step label={t('imports.wizard.steps.check')} />
        <Stepper.Step label={t('imports.wizard.steps.report')} />
      </Stepper>
      {!id ? <UploadStep /> : imp.error ? <ErrorState error={imp.error} onRetry={() => void imp.refetch()} /> : !imp.data ? <Skeleton height={300} /> : <ImportSteps imp={imp.data} />}
    </>
  );
}

function UploadStep() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [source, setSource] = useState<ImportSource>('transactions');
  const [file, setFile] = useState<File | null>(null);
  const [preset, setPreset] = useState<string | null>(null);
  const presets = useImportPresets(source);
  const upload = useUploadImport();
  return (
    <Paper withBorder radius="md" p="lg" maw={640}>
      <Stack>
        <Select
          label={t('imports.wizard.source')}
          data={IMPORT_SOURCES.map((s) => ({ value: s, label: t(`imports.sources.${s}`) }))}
          value={source}
          onChange={(v) => {
            if (v) setSource(v as ImportSource);
            setPreset(null);
          }}
          allowDeselect={false}
          data-testid="import-source"
        />
        <FileInput
          label={t('imports.wizard.file')}
          description={t('imports.wizard.fileHint')}
          placeholder={t('imports.wizard.choose')}
          accept=".csv,.txt,text/csv"
          value={file}
          onChange={setFile}
          leftSection={<IconUpload size={16} />}
          data-testid="import-file"
        />
        {presets.data?.length ? (
          <Select
            label={t('imports.wizard.preset')}
            placeholder={t('imports.wizard.presetNone')}
            data={presets.data.map((p) => ({ value: p.id, label: p.name }))}
            value={preset}
            onChange={setPreset}
            clearable
            data-testid="import-preset"
          />
        ) : null}
        {upload.error ? <ErrorState error={upload.error} /> : null}
        <Group>
          <Button
            disabled={!file}
            loading={upload.isPending}
            onClick={() => file && upload.mutate({ source, file, preset }, { onSuccess: (imp) => void navigate(`/data/imports/${imp.id}`) })}
            data-testid="import-upload"
          >
            {t('imports.wizard.upload')}
          </Button>
          <Button variant="subtle" component={Link} to="/data">
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function ImportSteps({ imp }: { imp: ImportDto }) {
  const { t } = useTranslation();
  if (imp.status === 'draft') return <MappingStep imp={imp} />;
  if (imp.status === 'queued' || imp.status === 'running' || imp.status === 'merging') return <ImportProgress imp={imp} />;
  if (imp.status === 'validated') return <CheckedStep imp={imp} />;
  return (
    <Stack>
      <Group>
        <ImportStatusBadge status={imp.status} />
        <Text fw={600}>{imp.fileName}</Text>
      </Group>
      {imp.error ? (
        <Alert color={imp.status === 'succeeded' ? 'yellow' : 'red'} icon={<IconAlertTriangle size={18} />} data-testid="import-error">
          {imp.error}
        </Alert>
      ) : imp.status === 'succeeded' ? (
        <Alert color="green" icon={<IconCheck size={18} />} data-testid="import-success">
          {imp.rowsInserted + imp.rowsUpdated === 0 ? t('imports.wizard.nothingChanged') : t('imports.wizard.done')}
        </Alert>
      ) : null}
      <ImportCounts imp={imp} />
      <ProblemsTable imp={imp} />
      {imp.status === 'succeeded' && imp.rowsQuarantined > 0 && !imp.dryRun ? <QuarantineFixer imp={imp} /> : null}
      <Group>
        <Button component={Link} to="/data" variant="light" data-testid="import-to-history">
          {t('imports.wizard.toHistory')}
        </Button>
        {imp.status === 'failed' && imp.rowsIn === 0 ? <BackToMapping imp={imp} /> : null}
      </Group>
    </Stack>
  );
}

function BackToMapping({ imp }: { imp: ImportDto }) {
  const { t } = useTranslation();
  const update = useUpdateImport();
  return (
    <Button variant="subtle" onClick={() => update.mutate({ id: imp.id, body: {} })} loading={update.isPending} data-testid="import-back-to-mapping">
      {t('imports.wizard.backToMapping')}
    </Button>
  );
}

const NONE = '__none__';

function MappingStep({ imp }: { imp: ImportDto }) {
  const { t } = useTranslation();
  const sources = useImportSources();
  const [mapping, setMapping] = useState<ImportMapping>(imp.mapping);
  const [format, setFormat] = useState<ImportFormat>(imp.format);
  const [presetName, setPresetName] = useState('');
  useEffect(() => {
    setMapping(imp.mapping);
    setFormat(imp.format);
  }, [imp.mapping, imp.format]);
  const update = useUpdateImport();
  const validate = useValidateImport();
  const savePreset = useCreateImportPreset();
  const presets = useImportPresets(imp.source);
  const [appliedPreset, setAppliedPreset] = useState<string | null>(null);
  const applyPreset = (p: ImportPresetDto) => {
    // Only headers this file has: a preset for another export version must not map to columns that are not here.
    setMapping(Object.fromEntries(Object.entries(p.mapping).filter(([, h]) => imp.headers.includes(h))));
    setFormat({ ...format, ...p.format });
    setAppliedPreset(p.id);
  };
  // A preset whose every column is in this file: offered at once.
  const fitting = presets.data?.find((p) => p.id !== appliedPreset && Object.values(p.mapping).length > 0 && Object.values(p.mapping).every((h) => imp.headers.includes(h)));
  const fittingDiffers = fitting && JSON.stringify(Object.entries(fitting.mapping).sort()) !== JSON.stringify(Object.entries(mapping).sort());
  const def = sources.data?.find((s) => s.source === imp.source);
  const headerOptions = [{ value: NONE, label: t('imports.mapping.notImported') }, ...imp.headers.filter(Boolean).map((h) => ({ value: h, label: h }))];
  const missing = def?.fields.filter((f) => f.required && !mapping[f.key]) ?? [];
  const unmapped = imp.headers.filter((h) => h && !Object.values(mapping).includes(h));
  const check = () =>
    update.mutate({ id: imp.id, body: { mapping, format } }, { onSuccess: () => validate.mutate(imp.id) });
  const detected = imp.detected;
  const fmtSelect = (key: keyof ImportFormat, data: { value: string; label: string }[], detectedValue: string) => (
    <Select
      label={t(`imports.format.${key}`)}
      description={t('imports.format.detected', { value: data.find((d) => d.value === detectedValue)?.label ?? detectedValue })}
      data={data}
      value={format[key]}
      onChange={(v) => v !== null && setFormat({ ...format, [key]: v } as ImportFormat)}
      allowDeselect={false}
      data-testid={`import-format-${key}`}
    />
  );
  return (
    <Stack>
      {fitting && fittingDiffers ? (
        <Alert color="brand" variant="light" icon={<IconBookmark size={18} />} data-testid="preset-suggestion">
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">{t('imports.presetApply.fits', { name: fitting.name })}</Text>
            <Button size="xs" onClick={() => applyPreset(fitting)} data-testid="preset-suggestion-apply">
              {t('imports.presetApply.apply')}
            </Button>
          </Group>
        </Alert>
      ) : null}
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" mb="xs">
          <Title order={5}>{t('imports.preview.title', { file: imp.fileName })}</Title>
          <Badge variant="light">{t(`imports.sources.${imp.source}`)}</Badge>
        </Group>
        <ScrollArea type="auto">
          <Table striped withTableBorder fz="xs" data-testid="import-preview">
            <Table.Thead>
              <Table.Tr>
                {imp.headers.map((h, i) => (
                  <Table.Th key={i} style={{ whiteSpace: 'nowrap' }}>
                    {h}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {imp.preview.slice(0, 8).map((r, i) => (
                <Table.Tr key={i}>
                  {imp.headers.map((_, j) => (
                    <Table.Td key={j} style={{ whiteSpace: 'nowrap', maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                      {r[j] ?? ''}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Paper>

      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Paper withBorder radius="md" p="md">
          <Title order={5} mb="xs">
            {t('imports.mapping.title')}
          </Title>
          <Text size="xs" c="dimmed" mb="sm">
            {t('imports.mapping.hint')}
          </Text>
          {presets.data?.length ? (
            <Select
              size="xs"
              mb="md"
              label={t('imports.presetApply.label')}
              placeholder={t('imports.presetApply.placeholder', { count: presets.data.length })}
              data={presets.data.map((p) => ({ value: p.id, label: p.name }))}
              value={appliedPreset}
              onChange={(v) => {
                const p = presets.data?.find((x) => x.id === v);
                if (p) applyPreset(p);
              }}
              leftSection={<IconBookmark size={14} />}
              data-testid="mapping-preset"
            />
          ) : null}
          {!def ? (
            <Skeleton height={200} />
          ) : (
            <Stack gap={6} data-testid="import-mapping">
              {def.fields.map((f) => (
                <Group key={f.key} justify="space-between" wrap="nowrap">
                  <Text size="sm" fw={f.required ? 600 : 400}>
                    {t(`imports.fields.${f.key}`)}
                    {f.required ? ' *' : ''}
                  </Text>
                  <Select
                    size="xs"
                    w={220}
                    data={headerOptions}
                    value={mapping[f.key] ?? NONE}
                    onChange={(v) => {
                      const next = { ...mapping };
                      if (!v || v === NONE) delete next[f.key];
                      else next[f.key] = v;
                      setMapping(next);
                    }}
                    allowDeselect={false}
                    error={f.required && !mapping[f.key] ? t('imports.mapping.required') : undefined}
                    data-testid={`map-${f.key}`}
                  />
                </Group>
              ))}
            </Stack>
          )}
          {unmapped.length ? (
            <Text size="xs" c="orange" mt="sm" data-testid="import-unmapped">
              {t('imports.mapping.unmapped', { columns: unmapped.join(', ') })}
            </Text>
          ) : null}
        </Paper>
        <Paper withBorder radius="md" p="md">
          <Title order={5} mb="sm">
            {t('imports.format.title')}
          </Title>
          <SimpleGrid cols={2}>
            {fmtSelect('encoding', [
              { value: 'utf-8', label: detected.bom ? 'UTF-8 (BOM)' : 'UTF-8' },
              { value: 'windows-1251', label: 'Windows-1251' },
            ], detected.encoding)}
            {fmtSelect('delimiter', [
              { value: ',', label: t('imports.format.comma') },
              { value: ';', label: t('imports.format.semicolon') },
              { value: '\t', label: t('imports.format.tab') },
              { value: '|', label: '|' },
            ], detected.delimiter)}
            {fmtSelect('decimal', [
              { value: '.', label: t('imports.format.dot') },
              { value: ',', label: t('imports.format.comma') },
            ], detected.decimal)}
            {fmtSelect('thousands', [
              { value: '', label: t('imports.format.none') },
              { value: ' ', label: t('imports.format.space') },
              { value: ',', label: t('imports.format.comma') },
              { value: '.', label: t('imports.format.dot') },
            ], detected.thousands)}
            {fmtSelect('dateFormat', ['YYYY-MM-DD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY'].map((v) => ({ value: v, label: v })), detected.dateFormat)}
          </SimpleGrid>
          {detected.dateAmbiguous ? (
            <Text size="xs" c="orange" mt="xs">
              {t('imports.format.ambiguous')}
            </Text>
          ) : null}
          <Group mt="lg" align="flex-end">
            <TextInput size="xs" label={t('imports.preset.name')} maxLength={100} value={presetName} onChange={(e) => setPresetName(e.currentTarget.value)} data-testid="preset-name" />
            <Button
              size="xs"
              variant="light"
              disabled={!presetName.trim()}
              loading={savePreset.isPending}
              onClick={() => savePreset.mutate({ source: imp.source, name: presetName.trim(), mapping, format }, { onSuccess: () => setPresetName('') })}
              data-testid="preset-save"
            >
              {t('imports.preset.save')}
            </Button>
          </Group>
          {savePreset.isSuccess ? (
            <Text size="xs" c="green" mt={4}>
              {t('imports.preset.saved')}
            </Text>
          ) : null}
          {savePreset.error ? <ErrorState error={savePreset.error} /> : null}
        </Paper>
      </SimpleGrid>
      {update.error || validate.error ? <ErrorState error={update.error ?? validate.error} /> : null}
      <Group>
        <Button disabled={missing.length > 0} loading={update.isPending || validate.isPending} onClick={check} data-testid="import-validate">
          {t('imports.mapping.check')}
        </Button>
        {missing.length ? (
          <Text size="sm" c="red">
            {t('imports.mapping.missing', { fields: missing.map((f) => t(`imports.fields.${f.key}`)).join(', ') })}
          </Text>
        ) : null}
      </Group>
    </Stack>
  );
}

function CheckedStep({ imp }: { imp: ImportDto }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<ImportMode>(imp.mode);
  const start = useStartImport();
  const update = useUpdateImport();
  return (
    <Stack>
      <Alert color={imp.errorCount ? 'yellow' : 'green'} icon={imp.errorCount ? <IconAlertTriangle size={18} /> : <IconCheck size={18} />} data-testid="import-checked">
        {imp.errorCount
          ? t('imports.check.withErrors', { bad: imp.rowsQuarantined || imp.rowsRejected, total: imp.rowsIn })
          : t('imports.check.clean', { total: imp.rowsIn, inserted: imp.rowsInserted, updated: imp.rowsUpdated, unchanged: imp.rowsUnchanged })}
      </Alert>
      <ImportCounts imp={imp} />
      <ProblemsTable imp={imp} />
      <Paper withBorder radius="md" p="md">
        <Title order={5} mb="sm">
          {t('imports.mode.title')}
        </Title>
        <Select
          w={420}
          data={[
            { value: 'quarantine', label: t('imports.mode.quarantine') },
            { value: 'reject_file', label: t('imports.mode.reject_file') },
          ]}
          value={mode}
          onChange={(v) => v && setMode(v as ImportMode)}
          allowDeselect={false}
          data-testid="import-mode"
        />
        <Text size="xs" c="dimmed" mt={4}>
          {t(`imports.mode.${mode}Hint`)}
        </Text>
        {start.error ? <ErrorState error={start.error} /> : null}
        <Group mt="md">
          <Button loading={start.isPending} onClick={() => start.mutate({ id: imp.id, mode })} data-testid="import-start">
            {t('imports.mode.start')}
          </Button>
          <Button variant="subtle" loading={update.isPending} onClick={() => update.mutate({ id: imp.id, body: {} })} data-testid="import-back-to-mapping">
            {t('imports.wizard.backToMapping')}
          </Button>
        </Group>
      </Paper>
    </Stack>
  );
}
