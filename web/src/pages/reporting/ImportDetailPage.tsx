/** One import: progress while it runs; then its summary, totals, files, row outcomes and actions. */
import { Alert, Anchor, Badge, Breadcrumbs, Group, Paper, Stack, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useImport } from '../../api/reporting';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, LoadingState } from '../../components/States';
import { formatActor, formatDateTime } from '../../format';
import { ApplyDryRunButton } from './ApplyDryRunButton';
import { ImportRowsTable } from './ImportRowsTable';
import { ImportSummaryView } from './ImportSummaryView';
import { ImportFileLinks, ImportStatus } from './ImportsList';
import { ReverseImportButton } from './ReverseImportButton';

export function ImportDetailPage() {
  const id = Number(useParams().id);
  const imp = useImport(id);
  const crumbs = (
    <Breadcrumbs mb="xs">
      <Anchor component={Link} to="/reporting?tab=imports" size="sm">
        Imports & Exports
      </Anchor>
      <Text size="sm">Import #{id}</Text>
    </Breadcrumbs>
  );
  if (imp.isPending)
    return (
      <>
        {crumbs}
        <LoadingState label="Loading import…" />
      </>
    );
  if (!imp.data)
    return (
      <>
        {crumbs}
        <ErrorState error={imp.error} onRetry={() => void imp.refetch()} />
      </>
    );
  const i = imp.data;
  const finished = i.status === 'succeeded';

  return (
    <>
      {crumbs}
      <PageHeader
        title={
          <Group gap="sm" component="span">
            <span>{i.fileName}</span>
            <Badge variant="outline" color={i.dryRun ? 'gray' : 'blue'} size="lg">
              {i.dryRun ? 'Dry run' : 'Applied'}
            </Badge>
          </Group>
        }
        description={`Import #${i.id} · Update User Reward Balances · started ${formatDateTime(i.createdAt)} by ${formatActor(i.actor)}`}
        actions={
          finished ? (
            i.dryRun ? (
              <ApplyDryRunButton imp={i} />
            ) : (
              <ReverseImportButton imp={i} />
            )
          ) : null
        }
      />
      <Stack gap="lg">
        <Paper withBorder p="md">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <div style={{ minWidth: 260, flex: 1 }} data-testid="import-status">
              <ImportStatus i={i} />
            </div>
            <ImportFileLinks i={i} />
          </Group>
          {i.dryRun && finished ? (
            <Text size="sm" c="dimmed" mt="sm">
              A dry run changes nothing: the figures below say what applying this file would do now.
            </Text>
          ) : null}
          {i.reversedAt ? (
            <Alert color="grape" mt="sm" title="Reversed">
              Reversed {formatDateTime(i.reversedAt)} by {formatActor(i.reversedBy ?? '')}:
              everything this import redeemed was given back.
            </Alert>
          ) : null}
          {i.error ? (
            <Alert color="red" mt="sm" title="The import failed">
              {i.error}
            </Alert>
          ) : null}
        </Paper>
        {i.summary ? <ImportSummaryView summary={i.summary} dryRun={i.dryRun} /> : null}
        <ImportRowsTable imp={i} />
      </Stack>
    </>
  );
}
