/** One participant: balances per unit, rewards, and the history of redemptions. */
import { Anchor, Breadcrumbs, Group, Stack, Text } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useParticipant } from '../../api/participants';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/States';
import { participantName } from '../../format';
import { BalancesSection } from './BalancesSection';
import { RedemptionsSection } from './RedemptionsSection';
import { RewardsSection } from './RewardsSection';

export function ParticipantProfilePage() {
  const [params] = useSearchParams();
  const key = { accountId: params.get('accountId') ?? '', userId: params.get('userId') ?? '' };
  const participant = useParticipant(key);

  const crumbs = (
    <Breadcrumbs mb="xs">
      <Anchor component={Link} to="/participants" size="sm">
        Participants
      </Anchor>
      <Text size="sm">{participant.data ? participantName(participant.data) : key.userId}</Text>
    </Breadcrumbs>
  );
  if (participant.isPending)
    return (
      <>
        {crumbs}
        <LoadingState label="Loading participant…" />
      </>
    );
  if (!participant.data) {
    return (
      <>
        {crumbs}
        <ErrorState error={participant.error} onRetry={() => void participant.refetch()} />
      </>
    );
  }
  const p = participant.data;
  const who = participantName(p);
  const decimalsByUnit = new Map(p.balances.map((b) => [b.unit, b.decimals]));
  return (
    <>
      {crumbs}
      <PageHeader
        title={who}
        description={
          <Group gap="lg" component="span">
            {p.email ? <span>{p.email}</span> : null}
            <span>
              userId <code>{p.userId}</code>
            </span>
            <span>
              accountId <code>{p.accountId}</code>
            </span>
          </Group>
        }
      />
      <Stack gap="xl">
        <BalancesSection participant={key} who={who} balances={p.balances} />
        <RewardsSection participant={key} decimalsByUnit={decimalsByUnit} />
        <RedemptionsSection participant={key} />
      </Stack>
    </>
  );
}
