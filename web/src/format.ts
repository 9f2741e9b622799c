/** How the app writes dates, people and sources for a person to read. */

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** An ISO 8601 time or epoch milliseconds, in the reader's locale and time zone. */
export function formatDateTime(time: string | number | null | undefined): string {
  return time === null || time === undefined || time === '' ? '—' : dateTime.format(new Date(time));
}

/** Reward dates are calendar dates kept as UTC midnight. */
export function formatDate(iso: string | null | undefined): string {
  return iso ? dateOnly.format(new Date(iso)) : '—';
}

/** `admin:ada@example.com` → ada@example.com; `api-key:sync` → API key "sync". */
export function formatActor(actor: string): string {
  if (actor.startsWith('admin:')) return actor.slice('admin:'.length);
  if (actor.startsWith('api-key:')) return `API key "${actor.slice('api-key:'.length)}"`;
  if (actor === 'cli' || actor === 'CLI') return 'command line';
  return actor;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function participantName(p: {
  firstName: string | null;
  lastName: string | null;
  email?: string | null;
  userId: string;
}): string {
  const name = [p.firstName, p.lastName].filter(Boolean).join(' ');
  return name || p.email || p.userId;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

/** For identifiers and amounts in tables: never broken across lines. */
export const NOWRAP = { whiteSpace: 'nowrap' } as const;
