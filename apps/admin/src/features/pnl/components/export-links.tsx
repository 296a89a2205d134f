import { Button, Group } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { exportUrl } from '../api/pnl.api';

export function ExportLinks({ table, params, testId }: { table: string; params: Record<string, string | undefined>; testId: string }) {
  const { t } = useTranslation();
  return (
    <Group gap={6}>
      {(['csv', 'xlsx'] as const).map((format) => (
        <Button
          key={format}
          component="a"
          href={exportUrl(table, { ...params, format })}
          download
          size="compact-xs"
          variant="default"
          leftSection={<IconDownload size={14} />}
          data-testid={`${testId}-${format}`}
        >
          {t(`pnl.export.${format}`)}
        </Button>
      ))}
    </Group>
  );
}
