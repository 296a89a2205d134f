import { Badge } from '@mantine/core';
import type { ImportStatus } from '@cxs/contracts';
import { useTranslation } from 'react-i18next';

const COLORS: Record<ImportStatus, string> = {
  draft: 'gray',
  queued: 'blue',
  running: 'blue',
  merging: 'indigo',
  validated: 'teal',
  succeeded: 'green',
  failed: 'red',
  cancelled: 'orange',
  undone: 'gray',
};

export function ImportStatusBadge({ status }: { status: ImportStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="light" radius="sm" style={{ minWidth: 'max-content' }} data-testid="import-status">
      {t(`imports.status.${status}`)}
    </Badge>
  );
}
