import { Badge } from '@mantine/core';
import type { SegmentDto } from '@cxs/contracts';
import { useTranslation } from 'react-i18next';

export function SegmentStatusBadge({ status }: { status: SegmentDto['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={status === 'active' ? 'teal' : 'gray'} radius="sm" style={{ flexShrink: 0 }}>
      {t(`segments.status.${status}`)}
    </Badge>
  );
}
