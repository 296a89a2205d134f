import type { RunStatus } from '@cxs/contracts';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLOR: Record<RunStatus, string> = {
  queued: 'gray',
  computing_features: 'blue',
  clustering: 'blue',
  saving: 'blue',
  succeeded: 'green',
  failed: 'red',
  cancelled: 'orange',
};

export function RunStatusBadge({ status }: { status: RunStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOR[status]} variant="light" data-testid="run-status" data-status={status}>
      {t(`seg.status.${status}`)}
    </Badge>
  );
}
