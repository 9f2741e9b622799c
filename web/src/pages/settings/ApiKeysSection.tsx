/** API keys for programs and scripts: create (shown once), see which exist, revoke. */
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from '../../api/settings';
import type { ApiKey } from '../../api/types';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ShownOnce } from '../../components/ShownOnce';
import { EmptyState, QueryState } from '../../components/States';
import { NOWRAP, formatDateTime } from '../../format';

export function ApiKeysSection() {
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const closeRevoke = () => {
    revoke.reset();
    setRevoking(null);
  };
  return (
    <section aria-labelledby="keys-title">
      <Group justify="space-between" mb="sm">
        <div>
          <Title order={3} size="h4" id="keys-title">
            API keys
          </Title>
          <Text size="sm" c="dimmed">
            For programs that give rewards or redeem through the API (see /api/docs).
          </Text>
        </div>
        <Button size="xs" variant="light" onClick={() => setCreating(true)}>
          Create API key…
        </Button>
      </Group>
      <Paper withBorder>
        <QueryState query={keys} loadingLabel="Loading API keys…">
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState title="No API keys" />
            ) : (
              <Table aria-label="API keys">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Key starts with</Table.Th>
                    <Table.Th>Created</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((k) => (
                    <Table.Tr key={k.id}>
                      <Table.Td>{k.name}</Table.Td>
                      <Table.Td ff="monospace">{k.prefix}…</Table.Td>
                      <Table.Td fz="sm" style={NOWRAP}>
                        {formatDateTime(k.createdAt)}
                      </Table.Td>
                      <Table.Td>
                        {k.revokedAt ? (
                          <Badge color="gray" variant="light">
                            Revoked {formatDateTime(k.revokedAt)}
                          </Badge>
                        ) : (
                          <Badge color="green" variant="light">
                            Active
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">
                        {k.revokedAt ? null : (
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            color="red"
                            onClick={() => setRevoking(k)}
                            aria-label={`Revoke ${k.name}`}
                          >
                            Revoke…
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )
          }
        </QueryState>
      </Paper>
      <Modal opened={creating} onClose={() => setCreating(false)} title="Create API key" centered>
        {creating ? <CreateKeyForm onDone={() => setCreating(false)} /> : null}
      </Modal>
      <ConfirmModal
        opened={revoking !== null}
        title="Revoke API key"
        confirmLabel="Revoke"
        color="red"
        loading={revoke.isPending}
        error={revoke.error}
        onClose={closeRevoke}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              notifications.show({ message: `API key "${revoking.name}" revoked` });
              closeRevoke();
            },
          })
        }
      >
        <Text size="sm">
          Programs using <b>{revoking?.name}</b> ({revoking?.prefix}…) will be refused from now on.
          This cannot be undone; create a new key instead.
        </Text>
      </ConfirmModal>
    </section>
  );
}

function CreateKeyForm({ onDone }: { onDone: () => void }) {
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(name.trim());
  };
  if (create.data) {
    return (
      <Stack>
        <ShownOnce label="API key" secret={create.data.key} />
        <Group justify="flex-end">
          <Button onClick={onDone}>Done</Button>
        </Group>
      </Stack>
    );
  }
  return (
    <form onSubmit={submit}>
      <Stack>
        <TextInput
          label="Name"
          description="What the key is for, such as payroll-sync."
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
          data-autofocus
        />
        {create.error ? (
          <Alert color="red" role="alert">
            {create.error.message}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
            Create
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
