/** Admins who can sign in: add (password shown once), remove (never yourself or the last one). */
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useSignedIn } from '../../api/session';
import { useAddAdmin, useAdmins, useRemoveAdmin } from '../../api/settings';
import type { AdminView } from '../../api/types';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ShownOnce } from '../../components/ShownOnce';
import { QueryState } from '../../components/States';
import { NOWRAP, formatDateTime } from '../../format';

export function AdminsSection() {
  const session = useSignedIn();
  const admins = useAdmins();
  const remove = useRemoveAdmin();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<AdminView | null>(null);
  const closeRemove = () => {
    remove.reset();
    setRemoving(null);
  };
  return (
    <section aria-labelledby="admins-title">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4" id="admins-title">
          Admins
        </Title>
        <Button size="xs" variant="light" onClick={() => setAdding(true)}>
          Add admin…
        </Button>
      </Group>
      <Paper withBorder>
        <QueryState query={admins} loadingLabel="Loading admins…">
          {(data) => (
            <Table aria-label="Admins">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Added</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      {a.email}{' '}
                      {a.id === session.admin.id ? (
                        <Badge variant="light" size="sm">
                          you
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{a.name}</Table.Td>
                    <Table.Td fz="sm" style={NOWRAP}>
                      {formatDateTime(a.createdAt)}
                    </Table.Td>
                    <Table.Td ta="right">
                      {a.id === session.admin.id || data.items.length <= 1 ? null : (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          onClick={() => setRemoving(a)}
                          aria-label={`Remove ${a.email}`}
                        >
                          Remove…
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </QueryState>
      </Paper>
      <Modal opened={adding} onClose={() => setAdding(false)} title="Add admin" centered>
        {adding ? <AddAdminForm onDone={() => setAdding(false)} /> : null}
      </Modal>
      <ConfirmModal
        opened={removing !== null}
        title="Remove admin"
        confirmLabel="Remove"
        color="red"
        loading={remove.isPending}
        error={remove.error}
        onClose={closeRemove}
        onConfirm={() =>
          removing &&
          remove.mutate(removing.id, {
            onSuccess: () => {
              notifications.show({ message: `${removing.email} removed` });
              closeRemove();
            },
          })
        }
      >
        <Text size="sm">
          <b>{removing?.email}</b> will be signed out and can no longer sign in. Their past
          redemptions keep their name.
        </Text>
      </ConfirmModal>
    </section>
  );
}

function AddAdminForm({ onDone }: { onDone: () => void }) {
  const add = useAddAdmin();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ email: email.trim(), name: name.trim(), password });
  };
  if (add.data) {
    return (
      <Stack>
        <Text size="sm">
          {add.data.admin.email} can now sign in with this password. Send it to them over a safe
          channel.
        </Text>
        <ShownOnce label="password" secret={add.data.password} />
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
          label="Email"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          required
          data-autofocus
        />
        <TextInput
          label="Name"
          description="Optional."
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <PasswordInput
          label="Password"
          description="At least 10 characters. Leave empty to generate one."
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          autoComplete="new-password"
        />
        {add.error ? (
          <Alert color="red" role="alert">
            {add.error.message}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={add.isPending} disabled={!email.trim()}>
            Add admin
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
