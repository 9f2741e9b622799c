/**
 * Import: type, a file (button or drag and drop), validate only or apply, Start Import. A file
 * identical to one already applied is only applied again after the admin confirms.
 */
import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  Radio,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { IMPORT_TYPE, useStartImport } from '../../api/reporting';
import { useSignedIn } from '../../api/session';
import { ConfirmModal } from '../../components/ConfirmModal';
import { formatBytes } from '../../format';

const ACCEPT = {
  'text/csv': ['.csv'],
  'text/plain': ['.csv', '.txt'],
  'application/vnd.ms-excel': ['.csv'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
};

export function ImportForm() {
  const session = useSignedIn();
  const navigate = useNavigate();
  const start = useStartImport();
  const openRef = useRef<() => void>(null);
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<'dry-run' | 'apply'>('dry-run');
  const [rejected, setRejected] = useState<string | null>(null);
  const repeat = start.error instanceof ApiError && start.error.code === 'REPEATED_FILE';
  const twinId = start.error instanceof ApiError ? String(start.error.details.importId ?? '') : '';

  const run = (confirmRepeat: boolean) => {
    if (!file) return;
    start.mutate(
      { file, dryRun: mode === 'dry-run', confirmRepeat, notifyEmail: session.admin.email },
      { onSuccess: (created) => void navigate(`/reporting/imports/${created.id}`) },
    );
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run(false);
  };

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit}>
        <Stack>
          <Title order={3} size="h4">
            Import
          </Title>
          <Select
            label="Import type"
            data={[{ value: IMPORT_TYPE, label: 'Update User Reward Balances' }]}
            value={IMPORT_TYPE}
            allowDeselect={false}
            onChange={() => undefined}
            maw={360}
          />
          <div>
            <Text size="sm" fw={500} mb={4}>
              File
            </Text>
            <Dropzone
              openRef={openRef}
              onDrop={(files) => {
                setFile(files[0] ?? null);
                setRejected(null);
                start.reset();
              }}
              onReject={(r) =>
                setRejected(r[0]?.errors[0]?.message ?? 'This file cannot be imported')
              }
              accept={ACCEPT}
              multiple={false}
              activateOnClick={false}
              aria-label="Drop the file here"
              data-testid="import-dropzone"
            >
              <Stack align="center" gap="xs" py="md" style={{ pointerEvents: 'none' }}>
                {file ? (
                  <Text fw={500} data-testid="chosen-file">
                    {file.name} ({formatBytes(file.size)})
                  </Text>
                ) : (
                  <Text>Drag the filled-in report here (CSV or Excel .xlsx)</Text>
                )}
                <Text size="xs" c="dimmed">
                  Only the valueToRedeem column is acted on; other columns identify the balance.
                </Text>
              </Stack>
            </Dropzone>
            <Group mt="xs">
              <Button variant="default" size="xs" onClick={() => openRef.current?.()}>
                {file ? 'Choose another file…' : 'Choose file…'}
              </Button>
            </Group>
            {rejected ? (
              <Text c="red" size="sm" mt={4}>
                {rejected}
              </Text>
            ) : null}
          </div>
          <Radio.Group
            label="What to do"
            value={mode}
            onChange={(v) => setMode(v as 'dry-run' | 'apply')}
          >
            <Stack gap="xs" mt={4}>
              <Radio
                value="dry-run"
                label="Validate only (dry run)"
                description="Checks every row and shows what would be redeemed. Nothing changes."
              />
              <Radio
                value="apply"
                label="Apply"
                description="Redeems the amounts in valueToRedeem from the participants' balances."
              />
            </Stack>
          </Radio.Group>
          {start.error && !repeat ? (
            <Alert color="red" role="alert">
              {start.error.message}
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" disabled={!file} loading={start.isPending && !repeat}>
              Start Import
            </Button>
          </Group>
        </Stack>
      </form>
      <ConfirmModal
        opened={repeat}
        title="This file was already applied"
        confirmLabel="Apply it again"
        color="orange"
        loading={start.isPending}
        onClose={() => start.reset()}
        onConfirm={() => run(true)}
      >
        <Text size="sm">
          <b>{file?.name}</b> is identical to{' '}
          <Anchor component={Link} to={`/reporting/imports/${twinId}`}>
            import #{twinId}
          </Anchor>
          , which was already applied. Applying it again redeems the same amounts a second time.
        </Text>
        <Text size="sm">Do that only if the first import should not count.</Text>
      </ConfirmModal>
    </Paper>
  );
}
