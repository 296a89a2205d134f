import { Anchor, Badge, Paper, SimpleGrid, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../../shared/ui/error-state';
import { useSegments } from '../../segments/hooks/use-segments';
import { useMyProductUsage } from '../hooks/use-product-usage';
import { ATTACHMENT_STATUS_COLOUR } from './attachment-status';


/**
 * The product owner's side of the bundle: where each of their products hangs
 * (segment, scenario, step, endorsed or not), and the segments they can open
 * to attach a product to a scenario step.
 */
export function ProductUsage() {
  const { t } = useTranslation();
  const usage = useMyProductUsage();
  const segments = useSegments();
  return (
    <SimpleGrid cols={{ base: 1, lg: 3 }} mt="lg">
      <Paper withBorder radius="md" p="md" style={{ gridColumn: 'span 2' }} data-testid="product-usage">
        <Text fw={600}>{t('workspace.usage.title')}</Text>
        <Text size="xs" c="dimmed" mb="sm">
          {t('workspace.usage.hint')}
        </Text>
        {usage.isPending ? <Skeleton height={120} /> : null}
        {usage.isError ? <ErrorState error={usage.error} onRetry={() => void usage.refetch()} /> : null}
        {usage.data && usage.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('workspace.usage.empty')}
          </Text>
        ) : null}
        {usage.data && usage.data.length > 0 ? (
          <Table fz="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('workspace.scenarios.product')}</Table.Th>
                <Table.Th>{t('segments.columns.name')}</Table.Th>
                <Table.Th>{t('workspace.usage.where')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {usage.data.map((u) => (
                <Table.Tr key={u.attachmentId}>
                  <Table.Td>{u.productName}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/segments/${u.segmentId}/scenarios`}>
                      {u.segmentName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {u.scenarioTitle} → {u.stepTitle}
                  </Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={ATTACHMENT_STATUS_COLOUR[u.status]} style={{ minWidth: 'max-content' }}>
                      {t(`workspace.scenarios.status.${u.status}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
      </Paper>
      <Paper withBorder radius="md" p="md" data-testid="browse-segments">
        <Text fw={600}>{t('workspace.usage.segments')}</Text>
        <Text size="xs" c="dimmed" mb="sm">
          {t('workspace.usage.segmentsHint')}
        </Text>
        <Stack gap={6}>
          {(segments.data ?? [])
            .filter((s) => s.status === 'active')
            .map((s) => (
              <Anchor key={s.id} component={Link} to={`/segments/${s.id}/scenarios`} size="sm" data-testid="browse-segment">
                {s.name}
                <Text span size="xs" c="dimmed">
                  {' '}
                  · {s.ownerName ?? t('segments.noOwner')}
                </Text>
              </Anchor>
            ))}
        </Stack>
      </Paper>
    </SimpleGrid>
  );
}
