import { Button } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../shared/ui/empty-state';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <EmptyState
      testId="not-found"
      icon={<IconMapOff size={26} stroke={1.5} />}
      title={t('errors.notFoundPage.title')}
      description={t('errors.notFoundPage.description')}
      action={
        <Button component={Link} to="/" variant="light" mt="xs">
          {t('errors.notFoundPage.home')}
        </Button>
      }
    />
  );
}
