import type { SegmentDto } from '@cxs/contracts';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconMessageShare } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/components/session-context';
import { useDecideProposal, useOpenProposals } from '../hooks/use-proposals';

/** Open proposals on this segment; the director approves or rejects them here. */
export function ProposalsBanner({ segment }: { segment: SegmentDto }) {
  const { t } = useTranslation();
  const { ability } = useSession();
  const proposals = useOpenProposals(segment.id);
  const decide = useDecideProposal(segment.id);
  if (!proposals.data?.length) return null;
  const canDecide = ability.can('approve', 'Segment');
  return (
    <Alert icon={<IconMessageShare size={18} />} color="violet" mb="md" title={t('workspace.lifecycle.proposals')} data-testid="proposals">
      <Stack gap="xs">
        {proposals.data.map((p) => (
          <Group key={p.id} justify="space-between" wrap="nowrap">
            <div>
              <Text size="sm" fw={600}>
                {t(`workspace.lifecycle.kinds.${p.kind}`)} — {p.reason}
              </Text>
              <Text size="xs" c="dimmed">
                {t('workspace.lifecycle.proposedBy', { name: p.proposedByName ?? '—' })}
              </Text>
            </div>
            {canDecide ? (
              <Group gap="xs" wrap="nowrap">
                <Button size="xs" color="green" loading={decide.isPending} onClick={() => decide.mutate({ id: p.id, approve: true })} data-testid="proposal-approve">
                  {t('workspace.lifecycle.approve')}
                </Button>
                <Button size="xs" variant="default" loading={decide.isPending} onClick={() => decide.mutate({ id: p.id, approve: false })} data-testid="proposal-reject">
                  {t('workspace.lifecycle.rejectProposal')}
                </Button>
              </Group>
            ) : null}
          </Group>
        ))}
      </Stack>
    </Alert>
  );
}
