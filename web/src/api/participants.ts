/** Participants, their balances, rewards and redemptions, and the changes the app makes to them. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from './client';
import type {
  Page,
  ParticipantView,
  ParticipantWithBalances,
  RedemptionView,
  RewardView,
} from './types';

export interface ParticipantKey {
  accountId: string;
  userId: string;
}

const enc = encodeURIComponent;

export function useParticipantSearch(q: string) {
  return useInfiniteQuery({
    queryKey: ['participants', 'search', q],
    queryFn: ({ pageParam }) =>
      api<Page<ParticipantView>>(`participants${query({ q, limit: 50, cursor: pageParam })}`),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
}

export function useParticipant({ accountId, userId }: ParticipantKey) {
  return useQuery({
    queryKey: ['participant', accountId, userId],
    queryFn: () => api<ParticipantWithBalances>(`participants/${enc(accountId)}/${enc(userId)}`),
  });
}

export function useRewards({ accountId, userId }: ParticipantKey) {
  return useInfiniteQuery({
    queryKey: ['participant', accountId, userId, 'rewards'],
    queryFn: ({ pageParam }) =>
      api<Page<RewardView>>(
        `rewards${query({ accountId, userId, limit: 200, cursor: pageParam })}`,
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useRedemptions({ accountId, userId }: ParticipantKey) {
  return useInfiniteQuery({
    queryKey: ['participant', accountId, userId, 'redemptions'],
    queryFn: ({ pageParam }) =>
      api<{ items: RedemptionView[]; nextBefore: number | null }>(
        `redemptions${query({ accountId, userId, limit: 50, before: pageParam || undefined })}`,
      ),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
}

/** A random key per attempt, so a retried request never redeems twice. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Every change to a participant refreshes all that is shown of them. */
function useRefreshParticipant(key: ParticipantKey) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['participant', key.accountId, key.userId] });
}

export function useRedeemBalance(key: ParticipantKey) {
  const refresh = useRefreshParticipant(key);
  return useMutation({
    mutationFn: (input: { unit: string; amount: string; idempotencyKey: string }) =>
      api<RedemptionView>('redemptions', {
        method: 'POST',
        body: { ...key, unit: input.unit, amount: input.amount },
        headers: { 'idempotency-key': input.idempotencyKey },
      }),
    onSuccess: refresh,
  });
}

export function useRedeemReward(key: ParticipantKey) {
  const refresh = useRefreshParticipant(key);
  return useMutation({
    mutationFn: (input: { rewardId: string; amount: string | null; idempotencyKey: string }) =>
      api<RedemptionView>(`rewards/${enc(input.rewardId)}/redeem`, {
        method: 'POST',
        body: { amount: input.amount },
        headers: { 'idempotency-key': input.idempotencyKey },
      }),
    onSuccess: refresh,
  });
}

export function useCancelReward(key: ParticipantKey) {
  const refresh = useRefreshParticipant(key);
  return useMutation({
    mutationFn: (rewardId: string) =>
      api<RewardView>(`rewards/${enc(rewardId)}/cancel`, { method: 'POST' }),
    onSuccess: refresh,
  });
}

export function useReverseRedemption(key: ParticipantKey) {
  const refresh = useRefreshParticipant(key);
  return useMutation({
    mutationFn: (id: number) =>
      api<RedemptionView>(`redemptions/${id}/reverse`, { method: 'POST' }),
    onSuccess: refresh,
  });
}
