/** Reports asked for: who, when, status with a live progress bar, and the file until it expires. */
import { Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useExports } from '../../api/reporting';
import type { ExportView } from '../../api/types';
import { JobProgress } from '../../components/JobProgress';
import { JobStatusBadge } from '../../components/StatusBadge';
import { EmptyState, QueryState } from '../../components/States';
import { NOWRAP, formatActor, formatBytes, formatDateTime } from '../../format';

function Status({ e }: { e: ExportView }) {
  if (e.status === 'queued' || e.status === 'running') {
    return <JobProgress status={e.status} percent={e.progress.percent} />;
  }
  return (
    <Stack gap={2}>
      <JobStatusBadge status={e.status} />
      {e.error ? (
        <Text size="xs" c="red">
          {e.error}
        </Text>
      ) : null}
    </Stack>
  );
}

function FileCell({ e }: { e: ExportView }) {
  if (e.file) {
    return (
      <Stack gap={2} align="flex-start">
        <Button
          component="a"
          href={e.file.downloadPath}
          download={e.file.name}
          size="compact-sm"
          variant="light"
        >
          Download
        </Button>
        <Text size="xs" c="dimmed">
          {formatBytes(e.file.size)}
          {e.file.expiresAt ? `, until ${formatDateTime(e.file.expiresAt)}` : ''}
        </Text>
      </Stack>
    );
  }
  return (
    <Text size="sm" c="dimmed">
      {e.status === 'succeeded' ? 'Expired' : '—'}
    </Text>
  );
}

export function ExportsList() {
  const exports = useExports();
  return (
    <section aria-labelledby="exports-title">
      <Title order={3} size="h4" mb="sm" id="exports-title">
        Reports
      </Title>
      <Paper withBorder>
        <QueryState query={exports} loadingLabel="Loading reports…">
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState title="No reports yet">
                Create a report above; it will appear here.
              </EmptyState>
            ) : (
              <Table.ScrollContainer minWidth={900}>
                <Table aria-label="Reports">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Report</Table.Th>
                      <Table.Th>Format</Table.Th>
                      <Table.Th>Started by</Table.Th>
                      <Table.Th>Created</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th ta="right">Rows</Table.Th>
                      <Table.Th>File</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((e) => (
                      <Table.Tr key={e.id} data-testid={`export-${e.id}`}>
                        <Table.Td>
                          <Text size="sm" fw={500}>
                            Available reward balances by user
                          </Text>
                          <Text size="xs" c="dimmed">
                            #{e.id} · {e.unit ?? 'all units'} · {e.programId ?? 'all programs'}
                          </Text>
                        </Table.Td>
                        <Table.Td>{e.format === 'XLSX' ? 'Excel' : e.format}</Table.Td>
                        <Table.Td fz="sm">{formatActor(e.createdBy)}</Table.Td>
                        <Table.Td fz="sm" style={NOWRAP}>
                          {formatDateTime(e.createdAt)}
                        </Table.Td>
                        <Table.Td>
                          <Status e={e} />
                        </Table.Td>
                        <Table.Td ta="right">{e.rowCount?.toLocaleString() ?? '—'}</Table.Td>
                        <Table.Td>
                          <FileCell e={e} />
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
