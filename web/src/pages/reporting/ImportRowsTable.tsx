/** The outcome of every row, in file order, filterable by outcome. */
import {
  Badge,
  Button,
  Center,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useImportRows, type RowFilter } from '../../api/reporting';
import type { ImportView } from '../../api/types';
import { NOWRAP } from '../../format';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';

const OUTCOME_COLOR: Record<string, string> = { redeemed: 'green', skipped: 'gray', error: 'red' };

export function ImportRowsTable({ imp }: { imp: ImportView }) {
  const [filter, setFilter] = useState<RowFilter>('all');
  const rows = useImportRows(imp.id, filter, imp.status === 'succeeded' || imp.status === 'failed');
  const items = rows.data?.pages.flatMap((p) => p.items) ?? [];
  const s = imp.summary;
  const label = (text: string, n: number | undefined) =>
    n === undefined ? text : `${text} (${n})`;

  return (
    <section aria-labelledby="rows-title">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={3} size="h4" id="rows-title">
          Rows
        </Title>
        <SegmentedControl
          aria-label="Show rows"
          value={filter}
          onChange={(v) => setFilter(v as RowFilter)}
          data={[
            { value: 'all', label: label('All', s?.rows) },
            {
              value: 'redeemed',
              label: label(imp.dryRun ? 'Would redeem' : 'Redeemed', s?.redeemed),
            },
            { value: 'skipped', label: label('Skipped', s?.skipped) },
            { value: 'error', label: label('Errors', s?.errors) },
            { value: 'warning', label: label('Warnings', s?.warnings) },
          ]}
        />
      </Group>
      <Paper withBorder>
        {imp.status === 'queued' || imp.status === 'running' ? (
          <EmptyState title="Rows appear when the import has finished" />
        ) : rows.isPending ? (
          <LoadingState label="Loading rows…" />
        ) : rows.error && items.length === 0 ? (
          <ErrorState error={rows.error} onRetry={() => void rows.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState title={filter === 'all' ? 'No rows' : 'No rows with this outcome'} />
        ) : (
          <Table.ScrollContainer minWidth={820}>
            <Table aria-label="Row outcomes">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Row</Table.Th>
                  <Table.Th>Outcome</Table.Th>
                  <Table.Th>accountId</Table.Th>
                  <Table.Th>userId</Table.Th>
                  <Table.Th>Unit</Table.Th>
                  <Table.Th ta="right">valueToRedeem</Table.Th>
                  <Table.Th ta="right">{imp.dryRun ? 'Would redeem' : 'Redeemed'}</Table.Th>
                  <Table.Th>Message</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((r) => (
                  <Table.Tr key={r.recordNumber} data-testid={`row-${r.recordNumber}`}>
                    <Table.Td c="dimmed">{r.recordNumber}</Table.Td>
                    <Table.Td>
                      <Badge color={OUTCOME_COLOR[r.outcome] ?? 'gray'} variant="light">
                        {r.outcome === 'redeemed' && imp.dryRun ? 'would redeem' : r.outcome}
                      </Badge>
                    </Table.Td>
                    <Table.Td ff="monospace" style={NOWRAP} fz="sm">
                      {r.accountId ?? '—'}
                    </Table.Td>
                    <Table.Td ff="monospace" style={NOWRAP} fz="sm">
                      {r.userId ?? '—'}
                    </Table.Td>
                    <Table.Td ff="monospace" style={NOWRAP} fz="sm">
                      {r.unit ?? '—'}
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace" style={NOWRAP}>
                      {r.valueToRedeem ?? ''}
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace" style={NOWRAP}>
                      {r.amountRedeemed ?? ''}
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        {r.message ? (
                          <Text size="sm" c={r.outcome === 'error' ? 'red' : undefined}>
                            {r.message}
                          </Text>
                        ) : null}
                        {r.warnings.map((w) => (
                          <Text size="xs" c="orange.8" key={w}>
                            ⚠ {w}
                          </Text>
                        ))}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {rows.hasNextPage ? (
        <Center mt="sm">
          <Button
            variant="default"
            onClick={() => void rows.fetchNextPage()}
            loading={rows.isFetchingNextPage}
          >
            Show more rows
          </Button>
        </Center>
      ) : null}
    </section>
  );
}
