/** Emails rewardbook sent, or kept because no SMTP server is configured. */
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { OutboxEntry, OutboxMessage } from './types';

export function useOutbox() {
  return useQuery({
    queryKey: ['outbox'],
    queryFn: () => api<{ items: OutboxEntry[]; nextCursor: number | null }>('outbox?limit=100'),
    refetchInterval: 5000,
  });
}

export function useOutboxMessage(id: number | null) {
  return useQuery({
    queryKey: ['outbox', id],
    queryFn: () => api<OutboxMessage>(`outbox/${id}`),
    enabled: id !== null,
  });
}
