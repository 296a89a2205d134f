import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../shared/api/error-message';
import { useProposePromotion } from '../hooks/use-promotions';

/** The analyst proposes a group as a new managed segment; the director approves and names the CX-owner. */
export function PromoteModal({ runId, label, onClose }: { runId: string; label: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const propose = useProposePromotion();
  const [name, setName] = useState('');
  const nextMonth = new Date();
  nextMonth.setUTCDate(1);
  nextMonth.setUTCMonth(nextMonth.getUTCMonth() + 1);
  const [date, setDate] = useState(nextMonth.toISOString().slice(0, 10));
  useEffect(() => {
    if (label) setName(t('seg.promote.defaultName', { label }));
    propose.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [label]);
  return (
    <Modal opened={label !== null} onClose={onClose} title={t('seg.promote.title', { label })} centered>
      <Stack>
        <Text size="sm" c="dimmed">{t('seg.promote.explain')}</Text>
        <TextInput label={t('seg.promote.segmentName')} value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="promote-name" />
        <TextInput label={t('seg.promote.effectiveDate')} type="date" value={date} onChange={(e) => setDate(e.currentTarget.value)} data-testid="promote-date" />
        {propose.isError ? <Alert color="red">{errorMessage(t, propose.error)}</Alert> : null}
        {propose.isSuccess ? <Alert color="green" data-testid="promote-done">{t('seg.promote.sent')}</Alert> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            loading={propose.isPending}
            disabled={propose.isSuccess || !name.trim()}
            onClick={() => label && propose.mutate({ runId, label, newSegmentName: name.trim(), effectiveDate: date })}
            data-testid="promote-submit"
          >
            {t('seg.promote.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
