/** An import's outcome in numbers: rows by outcome, and the amount redeemed per unit. */
import { Paper, SimpleGrid, Table, Text, Title } from '@mantine/core';
import type { ImportSummary } from '../../api/types';

function Stat({ label, value, color }: { label: string; value: number; color?: string }) {
  return (
    <Paper withBorder p="sm" data-testid={`stat-${label.toLowerCase().replace(/\s+/g, '-')}`}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} c={value > 0 ? color : undefined}>
        {value.toLocaleString()}
      </Text>
    </Paper>
  );
}

export function ImportSummaryView({
  summary,
  dryRun,
}: {
  summary: ImportSummary;
  dryRun: boolean;
}) {
  return (
    <section aria-labelledby="summary-title">
      <Title order={3} size="h4" mb="sm" id="summary-title">
        Summary
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 5 }} mb="md">
        <Stat label="Rows" value={summary.rows} />
        <Stat label={dryRun ? 'Would redeem' : 'Redeemed'} value={summary.redeemed} color="green" />
        <Stat label="Skipped" value={summary.skipped} />
        <Stat label="Errors" value={summary.errors} color="red" />
        <Stat label="Warnings" value={summary.warnings} color="orange" />
      </SimpleGrid>
      <Paper withBorder>
        <Table aria-label="Totals per unit">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Unit</Table.Th>
              <Table.Th ta="right">{dryRun ? 'Would be redeemed' : 'Redeemed'}</Table.Th>
              <Table.Th ta="right">Rows</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {summary.totals.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={3}>
                  <Text c="dimmed" size="sm">
                    Nothing {dryRun ? 'would be' : 'was'} redeemed.
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : (
              summary.totals.map((t) => (
                <Table.Tr key={t.unit} data-testid={`total-${t.unit}`}>
                  <Table.Td ff="monospace">{t.unit}</Table.Td>
                  <Table.Td ta="right" ff="monospace">
                    {t.amount}
                  </Table.Td>
                  <Table.Td ta="right">{t.rows.toLocaleString()}</Table.Td>
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      </Paper>
    </section>
  );
}
