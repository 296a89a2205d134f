import { Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import type { ImportDto } from '@cxs/contracts';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../shared/format/format';
import { useCancelImport } from '../hooks/use-import-mutations';

export function ImportProgress({ imp }: { imp: ImportDto }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const cancel = useCancelImport();
  const merging = imp.status === 'merging';
  return (
    <Paper withBorder radius="md" p="lg" data-testid="import-progress">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>{t(imp.dryRun ? 'imports.progress.checking' : 'imports.progress.importing')} — {t(`imports.status.${imp.status}`)}</Text>
          <Text size="sm" c="dimmed" data-testid="import-rate">
            {imp.rowsPerSecond !== null ? t('imports.progress.rate', { rows: f.number(imp.rowsIn), rate: f.number(imp.rowsPerSecond) }) : t('imports.progress.waiting')}
          </Text>
        </Group>
        <Progress value={merging ? 100 : imp.progress} striped animated size="xl" data-testid="import-progress-bar" />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {merging ? t('imports.progress.merging') : t('imports.progress.read', { percent: f.number(imp.progress, 1) })}
          </Text>
          <Button variant="light" color="red" size="xs" loading={cancel.isPending} onClick={() => cancel.mutate(imp.id)} data-testid="import-cancel">
            {t('imports.progress.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
