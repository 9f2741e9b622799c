/** Create Report: type, optional unit and program, format; the file is made in the background. */
import {
  Alert,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { EXPORT_TYPE, usePrograms, useUnits, useCreateReport } from '../../api/reporting';
import { useSignedIn } from '../../api/session';

export function CreateReportForm() {
  const session = useSignedIn();
  const units = useUnits();
  const programs = usePrograms();
  const create = useCreateReport();
  const [unit, setUnit] = useState<string | null>(null);
  const [programId, setProgramId] = useState<string | null>(null);
  const [format, setFormat] = useState<'CSV' | 'XLSX'>('CSV');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ format, unit, programId });
  };
  const loadProblem = units.error ?? programs.error;

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit}>
        <Stack>
          <Title order={3} size="h4">
            Create Report
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label="Report"
              data={[{ value: EXPORT_TYPE, label: 'Available reward balances by user' }]}
              value={EXPORT_TYPE}
              allowDeselect={false}
              onChange={() => undefined}
            />
            <Select
              label="Reward unit"
              placeholder={units.isPending ? 'Loading units…' : 'All units'}
              data={(units.data?.items ?? []).map((u) => ({
                value: u.code,
                label: `${u.name} (${u.code})`,
              }))}
              value={unit}
              onChange={setUnit}
              clearable
              disabled={units.isPending}
            />
            <Select
              label="Program"
              placeholder={programs.isPending ? 'Loading programs…' : 'All programs'}
              data={(programs.data?.items ?? []).map((p) => ({
                value: p.programId,
                label: p.name,
              }))}
              value={programId}
              onChange={setProgramId}
              clearable
              searchable
              disabled={programs.isPending}
            />
          </SimpleGrid>
          <div>
            <Text size="sm" fw={500} mb={4} id="format-label">
              Format
            </Text>
            <SegmentedControl
              aria-labelledby="format-label"
              value={format}
              onChange={(v) => setFormat(v as 'CSV' | 'XLSX')}
              data={[
                { value: 'CSV', label: 'CSV' },
                { value: 'XLSX', label: 'Excel (.xlsx)' },
              ]}
            />
          </div>
          {loadProblem ? (
            <Alert color="red">Could not load the choices: {loadProblem.message}</Alert>
          ) : null}
          {create.error ? (
            <Alert color="red" role="alert">
              {create.error.message}
            </Alert>
          ) : null}
          {create.isSuccess ? (
            <Alert color="green" title="Report requested" role="status">
              The report is being created. When it is ready, a download link will be emailed to{' '}
              {create.data.notifyEmail ?? session.admin.email}
              {session.smtpConfigured ? '' : ' (find it in the Outbox)'}; it also appears in the
              list below.
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" loading={create.isPending}>
              Create Report
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
