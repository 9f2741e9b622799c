/**
 * One email. Its HTML is shown in a sandboxed frame without scripts (and with the app's CSP),
 * so nothing in it can run; links open in a new tab, outside the sandbox, so they work, and the
 * sandbox allows downloads because a report link answers with the file.
 */
import { Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useOutboxMessage } from '../../api/outbox';
import { QueryState } from '../../components/States';
import { formatDateTime } from '../../format';

export function EmailView({ id }: { id: number }) {
  const message = useOutboxMessage(id);
  const [part, setPart] = useState<'html' | 'text'>('html');
  return (
    <Paper withBorder p="md">
      <QueryState query={message} loadingLabel="Loading email…">
        {(m) => (
          <Stack>
            <Group justify="space-between" align="flex-start" wrap="wrap">
              <div>
                <Title order={3} size="h4">
                  {m.subject}
                </Title>
                <Text size="sm" c="dimmed">
                  To {m.to} · {formatDateTime(m.createdAt)} · {m.status}
                </Text>
                {m.lastError ? (
                  <Text size="sm" c="red">
                    {m.lastError}
                  </Text>
                ) : null}
              </div>
              <SegmentedControl
                size="xs"
                aria-label="Show the email as"
                value={part}
                onChange={(v) => setPart(v as 'html' | 'text')}
                data={[
                  { value: 'html', label: 'Formatted' },
                  { value: 'text', label: 'Plain text' },
                ]}
              />
            </Group>
            {part === 'html' ? (
              <iframe
                title={`Email: ${m.subject}`}
                sandbox="allow-popups allow-popups-to-escape-sandbox allow-downloads"
                srcDoc={`<!doctype html><base target="_blank">${m.html}`}
                style={{
                  width: '100%',
                  height: '60vh',
                  border: '1px solid var(--mantine-color-gray-3)',
                  borderRadius: 4,
                }}
                data-testid="email-frame"
              />
            ) : (
              <Text component="pre" size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {m.text}
              </Text>
            )}
          </Stack>
        )}
      </QueryState>
    </Paper>
  );
}
