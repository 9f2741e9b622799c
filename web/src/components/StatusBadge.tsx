/** A job's or reward's status as a coloured badge with words a person uses. */
import { Badge } from '@mantine/core';

const JOB: Record<string, [string, string]> = {
  queued: ['Queued', 'gray'],
  running: ['Running', 'blue'],
  succeeded: ['Done', 'green'],
  failed: ['Failed', 'red'],
  cancelled: ['Cancelled', 'gray'],
};

const REWARD: Record<string, string> = {
  AVAILABLE: 'green',
  PENDING: 'yellow',
  REDEEMED: 'blue',
  EXPIRED: 'gray',
  CANCELLED: 'red',
};

export function JobStatusBadge({ status }: { status: string }) {
  const [label, color] = JOB[status] ?? [status, 'gray'];
  return (
    <Badge color={color} variant="light">
      {label}
    </Badge>
  );
}

export function RewardStatusBadge({ status }: { status: string }) {
  return (
    <Badge color={REWARD[status] ?? 'gray'} variant="light">
      {status.charAt(0) + status.slice(1).toLowerCase()}
    </Badge>
  );
}
