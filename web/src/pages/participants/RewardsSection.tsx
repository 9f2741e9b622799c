/** The participant's rewards, each with its status and amounts, and what can be done to one. */
import { Button, Center, Group, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useRewards, type ParticipantKey } from '../../api/participants';
import type { RewardView } from '../../api/types';
import { RewardStatusBadge } from '../../components/StatusBadge';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { NOWRAP, formatDate } from '../../format';
import { CancelRewardModal, RedeemRewardModal } from './RewardModals';

export function RewardsSection({
  participant,
  decimalsByUnit,
}: {
  participant: ParticipantKey;
  decimalsByUnit: Map<string, number>;
}) {
  const rewards = useRewards(participant);
  const [redeeming, setRedeeming] = useState<RewardView | null>(null);
  const [cancelling, setCancelling] = useState<RewardView | null>(null);
  const items = rewards.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section aria-labelledby="rewards-title">
      <Title order={3} size="h4" mb="sm" id="rewards-title">
        Rewards
      </Title>
      <Paper withBorder>
        {rewards.isPending ? (
          <LoadingState label="Loading rewards…" />
        ) : rewards.error && items.length === 0 ? (
          <ErrorState error={rewards.error} onRetry={() => void rewards.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState title="No rewards" />
        ) : (
          <Table.ScrollContainer minWidth={860}>
            <Table aria-label="Rewards">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Reward</Table.Th>
                  <Table.Th>Program</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Unit</Table.Th>
                  <Table.Th ta="right">Amount</Table.Th>
                  <Table.Th ta="right">Redeemed</Table.Th>
                  <Table.Th ta="right">Available</Table.Th>
                  <Table.Th>Given</Table.Th>
                  <Table.Th>Expires</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((r) => (
                  <Table.Tr key={r.rewardId}>
                    <Table.Td ff="monospace" style={NOWRAP} fz="sm">
                      {r.rewardId}
                    </Table.Td>
                    <Table.Td>{r.programId ?? <Text c="dimmed">—</Text>}</Table.Td>
                    <Table.Td>
                      <RewardStatusBadge status={r.status} />
                    </Table.Td>
                    <Table.Td ff="monospace" fz="sm" style={NOWRAP}>
                      {r.unit}
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace" style={NOWRAP}>
                      {r.amount}
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace" style={NOWRAP}>
                      {r.redeemedAmount}
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace" style={NOWRAP}>
                      {r.availableAmount}
                    </Table.Td>
                    <Table.Td style={NOWRAP}>{formatDate(r.dateGiven)}</Table.Td>
                    <Table.Td style={NOWRAP}>{formatDate(r.dateExpires)}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        {r.status === 'AVAILABLE' ? (
                          <Button size="compact-xs" variant="light" onClick={() => setRedeeming(r)}>
                            Redeem…
                          </Button>
                        ) : null}
                        {(r.status === 'AVAILABLE' || r.status === 'PENDING') &&
                        /^0(\.0*)?$/.test(r.redeemedAmount) ? (
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            color="red"
                            onClick={() => setCancelling(r)}
                          >
                            Cancel…
                          </Button>
                        ) : null}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {rewards.hasNextPage ? (
        <Center mt="sm">
          <Button
            variant="default"
            onClick={() => void rewards.fetchNextPage()}
            loading={rewards.isFetchingNextPage}
          >
            Show more rewards
          </Button>
        </Center>
      ) : null}
      <RedeemRewardModal
        participant={participant}
        reward={redeeming}
        decimals={redeeming ? (decimalsByUnit.get(redeeming.unit) ?? 0) : 0}
        onClose={() => setRedeeming(null)}
      />
      <CancelRewardModal
        participant={participant}
        reward={cancelling}
        onClose={() => setCancelling(null)}
      />
    </section>
  );
}
