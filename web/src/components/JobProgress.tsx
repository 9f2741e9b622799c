/** A live progress bar for a queued or running job, with words for screen readers. */
import { Group, Progress, Text } from '@mantine/core';

export function JobProgress({
  status,
  percent,
  label,
}: {
  status: string;
  percent: number | null;
  label?: string;
}) {
  const running = status === 'running' || status === 'queued';
  const value = status === 'queued' ? 0 : (percent ?? 0);
  const text = status === 'queued' ? 'Waiting to start' : (label ?? `${Math.floor(value)}%`);
  return (
    <Group gap="xs" wrap="nowrap" miw={140}>
      <Progress
        value={running && percent === null ? 100 : value}
        animated={running}
        striped={running}
        size="lg"
        style={{ flex: 1 }}
        aria-label={`Progress: ${text}`}
        role="progressbar"
        aria-valuenow={Math.floor(value)}
        aria-valuemin={0}
        aria-valuemax={100}
      />
      <Text size="xs" c="dimmed" miw={40} ta="right">
        {text}
      </Text>
    </Group>
  );
}
