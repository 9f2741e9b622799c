/** Imports: file, dry run or applied, who and when, live progress, outcome, and its files. */
import { Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useImports } from '../../api/reporting';
import type { ImportView } from '../../api/types';
import { JobProgress } from '../../components/JobProgress';
import { JobStatusBadge } from '../../components/StatusBadge';
import { EmptyState, QueryState } from '../../components/States';
import { NOWRAP, formatActor, formatDateTime, plural } from '../../format';

export function importPercent(i: ImportView): number | null {
  if (i.progress.total === null || i.progress.total === 0) return null;
  return Math.min(100, (i.progress.done / i.progress.total) * 100);
}

export function ImportStatus({ i }: { i: ImportView }) {
  if (i.status === 'queued' || i.status === 'running') {
    const label =
      i.progress.total === null
        ? 'Reading file…'
        : `${i.progress.done.toLocaleString()} of ${i.progress.total.toLocaleString()} rows`;
    return <JobProgress status={i.status} percent={importPercent(i)} label={label} />;
  }
  return (
    <Group gap={4}>
      <JobStatusBadge status={i.status} />
      {i.reversedAt ? (
        <Badge color="grape" variant="light">
          Reversed
        </Badge>
      ) : null}
    </Group>
  );
}

function Outcome({ i }: { i: ImportView }) {
  if (!i.summary)
    return (
      <Text size="sm" c="dimmed">
        {i.error ?? '—'}
      </Text>
    );
  const s = i.summary;
  return (
    <Stack gap={0}>
      <Text size="sm">
        {s.redeemed} {i.dryRun ? 'would redeem' : 'redeemed'} · {s.skipped} skipped ·{' '}
        <Text span c={s.errors ? 'red' : undefined} inherit>
          {plural(s.errors, 'error')}
        </Text>
      </Text>
      <Text size="xs" c="dimmed">
        {s.totals.map((t) => `${t.amount} ${t.unit}`).join(', ') || 'nothing redeemed'}
      </Text>
    </Stack>
  );
}

export function ImportsList() {
  const imports = useImports();
  return (
    <section aria-labelledby="imports-title">
      <Title order={3} size="h4" mb="sm" id="imports-title">
        Imports
      </Title>
      <Paper withBorder>
        <QueryState query={imports} loadingLabel="Loading imports…">
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState title="No imports yet">
                Start an import above; it will appear here.
              </EmptyState>
            ) : (
              <Table.ScrollContainer minWidth={960}>
                <Table aria-label="Imports">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>File</Table.Th>
                      <Table.Th>Mode</Table.Th>
                      <Table.Th>Started by</Table.Th>
                      <Table.Th>Created</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th>Outcome</Table.Th>
                      <Table.Th>Files</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((i) => (
                      <Table.Tr key={i.id} data-testid={`import-${i.id}`}>
                        <Table.Td>
                          <Anchor
                            component={Link}
                            to={`/reporting/imports/${i.id}`}
                            fw={500}
                            size="sm"
                          >
                            {i.fileName}
                          </Anchor>
                          <Text size="xs" c="dimmed">
                            #{i.id}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Badge variant="outline" color={i.dryRun ? 'gray' : 'blue'}>
                            {i.dryRun ? 'Dry run' : 'Apply'}
                          </Badge>
                        </Table.Td>
                        <Table.Td fz="sm">{formatActor(i.actor)}</Table.Td>
                        <Table.Td fz="sm" style={NOWRAP}>
                          {formatDateTime(i.createdAt)}
                        </Table.Td>
                        <Table.Td>
                          <ImportStatus i={i} />
                        </Table.Td>
                        <Table.Td>
                          <Outcome i={i} />
                        </Table.Td>
                        <Table.Td>
                          <ImportFileLinks i={i} compact />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </QueryState>
      </Paper>
    </section>
  );
}

export function ImportFileLinks({ i, compact }: { i: ImportView; compact?: boolean }) {
  const link = (kind: string, label: string) => (
    <Anchor href={`/api/v1/imports/${i.id}/files/${kind}`} download size="sm">
      {label}
    </Anchor>
  );
  return (
    <Group gap={compact ? 8 : 'md'}>
      {link('original', compact ? 'Original' : 'Original file')}
      {i.files.errors ? link('errors', compact ? 'Errors' : 'Error file') : null}
      {i.files.results ? link('results', compact ? 'Results' : 'Results file') : null}
    </Group>
  );
}
