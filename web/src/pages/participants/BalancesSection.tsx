/** One card per unit: what is available, and what was redeemed, is pending and has expired. */
import { Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { ParticipantKey } from '../../api/participants';
import type { BalanceView } from '../../api/types';
import { EmptyState } from '../../components/States';
import { formatDate } from '../../format';
import { RedeemBalanceModal } from './RedeemBalanceModal';

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" ff="monospace">
        {value}
      </Text>
    </div>
  );
}

export function BalancesSection({
  participant,
  who,
  balances,
}: {
  participant: ParticipantKey;
  who: string;
  balances: BalanceView[];
}) {
  const [redeeming, setRedeeming] = useState<BalanceView | null>(null);
  return (
    <section aria-labelledby="balances-title">
      <Title order={3} size="h4" mb="sm" id="balances-title">
        Balances
      </Title>
      {balances.length === 0 ? (
        <EmptyState title="No balances">This participant has no rewards yet.</EmptyState>
      ) : (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
          {balances.map((b) => (
            <Card withBorder key={b.unit} data-testid={`balance-${b.unit}`}>
              <Stack gap="xs">
                <Group justify="space-between" wrap="nowrap">
                  <Text fw={600}>{b.unitName}</Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {b.unit}
                  </Text>
                </Group>
                <div>
                  <Text size="xs" c="dimmed">
                    Available
                  </Text>
                  <Text size="xl" fw={700} ff="monospace" data-testid="available">
                    {b.available}
                  </Text>
                </div>
                <SimpleGrid cols={3} spacing="xs">
                  <Figure label="Redeemed" value={b.redeemed} />
                  <Figure label="Pending" value={b.pending} />
                  <Figure label="Expired" value={b.expired} />
                </SimpleGrid>
                {b.nextExpiry ? (
                  <Text size="xs" c="dimmed">
                    Next expiry {formatDate(b.nextExpiry)}
                  </Text>
                ) : null}
                <Button
                  variant="light"
                  onClick={() => setRedeeming(b)}
                  disabled={/^0(\.0*)?$/.test(b.available)}
                  aria-label={`Redeem from ${b.unit} balance`}
                >
                  Redeem…
                </Button>
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
      <RedeemBalanceModal
        participant={participant}
        who={who}
        balance={redeeming}
        onClose={() => setRedeeming(null)}
      />
    </section>
  );
}
