/** The history of redemptions: when, how much, from where (API, app, which import row), reversals. */
import { Anchor, Badge, Button, Center, Paper, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { useRedemptions, useReverseRedemption, type ParticipantKey } from '../../api/participants';
import type { RedemptionView } from '../../api/types';
import { ConfirmModal } from '../../components/ConfirmModal';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { NOWRAP, formatActor, formatDateTime } from '../../format';

function Source({ r }: { r: RedemptionView }) {
  if (r.source === 'IMPORT' && r.importId !== null) {
    return (
      <Anchor component={Link} to={`/reporting/imports/${r.importId}`} size="sm">
        Import #{r.importId}
        {r.importRow !== null ? `, row ${r.importRow}` : ''}
      </Anchor>
    );
  }
  const labels: Record<string, string> = {
    API: 'API',
    UI: 'App',
    CLI: 'Command line',
    IMPORT: 'Import',
  };
  return <Text size="sm">{labels[r.source] ?? r.source}</Text>;
}

function Kind({ r }: { r: RedemptionView }) {
  if (r.kind === 'REVERSAL') {
    return (
      <Badge color="grape" variant="light">
        Reversal of #{r.reversesId}
      </Badge>
    );
  }
  return <Badge variant="light">Redeemed</Badge>;
}

export function RedemptionsSection({ participant }: { participant: ParticipantKey }) {
  const redemptions = useRedemptions(participant);
  const reverse = useReverseRedemption(participant);
  const [reversing, setReversing] = useState<RedemptionView | null>(null);
  const items = redemptions.data?.pages.flatMap((p) => p.items) ?? [];
  const close = () => {
    reverse.reset();
    setReversing(null);
  };

  return (
    <section aria-labelledby="history-title">
      <Title order={3} size="h4" mb="sm" id="history-title">
        Redemption history
      </Title>
      <Paper withBorder>
        {redemptions.isPending ? (
          <LoadingState label="Loading history…" />
        ) : redemptions.error && items.length === 0 ? (
          <ErrorState error={redemptions.error} onRetry={() => void redemptions.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState title="Nothing redeemed yet" />
        ) : (
          <Table.ScrollContainer minWidth={1000}>
            <Table aria-label="Redemption history">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>When</Table.Th>
                  <Table.Th>What</Table.Th>
                  <Table.Th ta="right">Amount</Table.Th>
                  <Table.Th>Program</Table.Th>
                  <Table.Th>Source</Table.Th>
                  <Table.Th>By</Table.Th>
                  <Table.Th>Reversal</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((r) => (
                  <Table.Tr key={r.id} data-testid={`redemption-${r.id}`}>
                    <Table.Td c="dimmed">{r.id}</Table.Td>
                    <Table.Td style={NOWRAP}>{formatDateTime(r.createdAt)}</Table.Td>
                    <Table.Td>
                      <Kind r={r} />
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace" style={NOWRAP}>
                      {r.kind === 'REVERSAL' ? '+' : '−'}
                      {r.amount} {r.unit}
                    </Table.Td>
                    <Table.Td>{r.programId ?? <Text c="dimmed">all</Text>}</Table.Td>
                    <Table.Td>
                      <Source r={r} />
                    </Table.Td>
                    <Table.Td fz="sm">{formatActor(r.actor)}</Table.Td>
                    <Table.Td>
                      {r.reversedById !== null ? (
                        <Badge color="gray" variant="outline">
                          Reversed by #{r.reversedById}
                        </Badge>
                      ) : r.kind === 'REDEEM' ? (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          onClick={() => setReversing(r)}
                        >
                          Reverse…
                        </Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {redemptions.hasNextPage ? (
        <Center mt="sm">
          <Button
            variant="default"
            onClick={() => void redemptions.fetchNextPage()}
            loading={redemptions.isFetchingNextPage}
          >
            Show older
          </Button>
        </Center>
      ) : null}
      <ConfirmModal
        opened={reversing !== null}
        title="Reverse redemption"
        confirmLabel={`Give back ${reversing?.amount ?? ''} ${reversing?.unit ?? ''}`}
        color="red"
        loading={reverse.isPending}
        error={reverse.error}
        onClose={close}
        onConfirm={() =>
          reversing &&
          reverse.mutate(reversing.id, {
            onSuccess: () => {
              notifications.show({
                color: 'green',
                message: `Redemption #${reversing.id} reversed`,
              });
              close();
            },
          })
        }
      >
        <Text size="sm">
          This gives back{' '}
          <b>
            {reversing?.amount} {reversing?.unit}
          </b>{' '}
          to the rewards redemption #{reversing?.id} took them from. The redemption stays in the
          history, marked as reversed.
        </Text>
      </ConfirmModal>
    </section>
  );
}
