/** Reward units: name and decimals; decimals are fixed once rewards use the unit. */
import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useUnits } from '../../api/reporting';
import { useSaveUnit } from '../../api/settings';
import type { Unit } from '../../api/types';
import { EmptyState, QueryState } from '../../components/States';

type Editing = { unit: Unit | null } | null;

export function UnitsSection() {
  const units = useUnits();
  const [editing, setEditing] = useState<Editing>(null);
  return (
    <section aria-labelledby="units-title">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4" id="units-title">
          Units
        </Title>
        <Button size="xs" variant="light" onClick={() => setEditing({ unit: null })}>
          Add unit…
        </Button>
      </Group>
      <Paper withBorder>
        <QueryState query={units} loadingLabel="Loading units…">
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState title="No units yet">
                Units are created with the first reward in them, or here.
              </EmptyState>
            ) : (
              <Table aria-label="Units">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Code</Table.Th>
                    <Table.Th>Name</Table.Th>
                    <Table.Th ta="right">Decimals</Table.Th>
                    <Table.Th>Currency</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((u) => (
                    <Table.Tr key={u.code}>
                      <Table.Td ff="monospace">{u.code}</Table.Td>
                      <Table.Td>{u.name}</Table.Td>
                      <Table.Td ta="right">{u.decimals}</Table.Td>
                      <Table.Td>{u.currency ?? '—'}</Table.Td>
                      <Table.Td ta="right">
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          onClick={() => setEditing({ unit: u })}
                          aria-label={`Edit ${u.code}`}
                        >
                          Edit…
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )
          }
        </QueryState>
      </Paper>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.unit ? `Edit ${editing.unit.code}` : 'Add unit'}
        centered
      >
        {editing ? <UnitForm unit={editing.unit} onDone={() => setEditing(null)} /> : null}
      </Modal>
    </section>
  );
}

function UnitForm({ unit, onDone }: { unit: Unit | null; onDone: () => void }) {
  const save = useSaveUnit();
  const [code, setCode] = useState(unit?.code ?? '');
  const [name, setName] = useState(unit?.name ?? '');
  const [decimals, setDecimals] = useState<number>(unit?.decimals ?? 0);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { code: code.trim(), name: name.trim() || code.trim(), decimals },
      {
        onSuccess: (u) => {
          notifications.show({ color: 'green', message: `Unit ${u.code} saved` });
          onDone();
        },
      },
    );
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <TextInput
          label="Code"
          description="Upper-case, such as POINT or CASH/USD (a currency code after / sets its decimals)."
          value={code}
          onChange={(e) => setCode(e.currentTarget.value.toUpperCase())}
          disabled={unit !== null}
          required
          data-autofocus
        />
        <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <NumberInput
          label="Decimals"
          description="Digits after the decimal point in which amounts are shown and redeemed (0–8). Fixed once rewards use the unit."
          value={decimals}
          onChange={(v) => setDecimals(typeof v === 'number' ? v : Number(v) || 0)}
          min={0}
          max={8}
          allowDecimal={false}
        />
        {save.error ? (
          <Alert color="red" role="alert">
            {save.error.message}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending} disabled={!code.trim()}>
            Save
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          Changing a name changes only how the unit is shown.
        </Text>
      </Stack>
    </form>
  );
}
