import { Alert, Button, Group, List, Modal, Stack, Text, TextInput } from '@mantine/core';
import type { CustomerDetail } from '@cxs/contracts';
import { notifications } from '@mantine/notifications';
import { IconEraser, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../shared/ui/error-state';
import { useEraseCustomer } from '../hooks/use-erase-customer';

/**
 * "Erase personal data" for admins: the modal names the customer, says what
 * goes and what stays, and asks for the customer's ID, because it cannot be undone.
 */
export function EraseCustomerAction({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const erase = useEraseCustomer();
  const close = () => {
    setOpen(false);
    setTyped('');
    erase.reset();
  };
  return (
    <>
      <Button variant="light" color="red" leftSection={<IconEraser size={16} />} onClick={() => setOpen(true)} data-testid="customer-erase">
        {t('erasure.action')}
      </Button>
      <Modal opened={open} onClose={close} title={t('erasure.title', { name: customer.name })} centered size="lg">
        <Stack>
          <Text size="sm">{t('erasure.intro', { name: customer.name, id: customer.externalId })}</Text>
          <div>
            <Text size="sm" fw={600}>
              {t('erasure.goes')}
            </Text>
            <List size="sm" spacing={2}>
              <List.Item>{t('erasure.goesName')}</List.Item>
              <List.Item>{t('erasure.goesContacts')}</List.Item>
              <List.Item>{t('erasure.goesText')}</List.Item>
            </List>
          </div>
          <Alert variant="light" color="brand" icon={<IconInfoCircle size={18} />} data-testid="customer-erase-stays">
            {t('erasure.stays')}
          </Alert>
          <TextInput
            label={t('erasure.typeId', { id: customer.externalId })}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            data-testid="customer-erase-confirm-id"
          />
          {erase.error ? <ErrorState error={erase.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              disabled={typed.trim() !== customer.externalId}
              loading={erase.isPending}
              onClick={() =>
                erase.mutate(customer.id, {
                  onSuccess: () => {
                    close();
                    notifications.show({ color: 'teal', message: t('erasure.done', { id: customer.externalId }) });
                  },
                })
              }
              data-testid="confirm"
            >
              {t('erasure.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
