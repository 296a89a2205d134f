import { Group, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** A clickable column header that shows its sort direction. */
export function SortHeader({
  children,
  direction,
  onToggle,
  testId,
  align = 'left',
}: {
  children: ReactNode;
  direction: 'asc' | 'desc' | false;
  onToggle: () => void;
  testId?: string;
  align?: 'left' | 'right';
}) {
  const Icon = direction === 'asc' ? IconArrowUp : direction === 'desc' ? IconArrowDown : IconArrowsSort;
  return (
    <UnstyledButton
      onClick={onToggle}
      data-testid={testId}
      aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none'}
      style={{ fontWeight: 600, fontSize: 'inherit' }}
    >
      <Group gap={4} wrap="nowrap" justify={align === 'right' ? 'flex-end' : 'flex-start'}>
        {children}
        <Icon size={14} stroke={1.6} opacity={direction ? 1 : 0.4} />
      </Group>
    </UnstyledButton>
  );
}
