/** Find a participant by name, email, userId or accountId. */
import { Anchor, Button, Center, Paper, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link, useSearchParams } from 'react-router';
import { useParticipantSearch } from '../../api/participants';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { NOWRAP, participantName } from '../../format';

export function profilePath(p: { accountId: string; userId: string }): string {
  const search = new URLSearchParams({ accountId: p.accountId, userId: p.userId });
  return `/participants/profile?${search.toString()}`;
}

export function ParticipantsPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const search = useParticipantSearch(debounced);
  const items = search.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader
        title="Participants"
        description="The people who receive rewards. Open one to see their balances, rewards and redemptions."
      />
      <TextInput
        label="Search"
        placeholder="Name, email, userId or accountId"
        value={q}
        onChange={(e) =>
          setParams(e.currentTarget.value ? { q: e.currentTarget.value } : {}, { replace: true })
        }
        mb="md"
        maw={480}
        type="search"
        autoFocus
      />
      <Paper withBorder>
        {search.isPending ? (
          <LoadingState label="Loading participants…" />
        ) : search.error && items.length === 0 ? (
          <ErrorState error={search.error} onRetry={() => void search.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState
            title={debounced ? `No participant matches "${debounced}"` : 'No participants yet'}
          >
            {debounced
              ? 'Try part of a name, an email, a userId or an accountId.'
              : 'Participants appear here once rewards are given to them through the API or the command line.'}
          </EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={600}>
            <Table aria-label="Participants">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>userId</Table.Th>
                  <Table.Th>accountId</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((p) => (
                  <Table.Tr key={`${p.accountId}\u0000${p.userId}`}>
                    <Table.Td>
                      <Anchor component={Link} to={profilePath(p)} fw={500}>
                        {participantName(p)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{p.email ?? <Text c="dimmed">—</Text>}</Table.Td>
                    <Table.Td ff="monospace" style={NOWRAP}>
                      {p.userId}
                    </Table.Td>
                    <Table.Td ff="monospace" style={NOWRAP}>
                      {p.accountId}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {search.hasNextPage ? (
        <Center mt="md">
          <Button
            variant="default"
            onClick={() => void search.fetchNextPage()}
            loading={search.isFetchingNextPage}
          >
            Show more
          </Button>
        </Center>
      ) : null}
    </>
  );
}
