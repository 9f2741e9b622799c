import { describe, expect, it } from 'vitest';
import { summarizeBalance } from './balance.js';
import type { RewardState } from './rewards.js';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const DAY = 86_400_000;

const r = (o: Partial<RewardState> & { id: number }): RewardState => ({
  amount: 1000,
  redeemed: 0,
  status: 'AVAILABLE',
  dateGiven: NOW - DAY,
  dateExpires: null,
  ...o,
});

describe('summarizeBalance', () => {
  it('totals every status, treating AVAILABLE past expiry as expired', () => {
    const totals = summarizeBalance(
      [
        r({ id: 1, redeemed: 250, dateExpires: NOW + 3 * DAY }),
        r({ id: 2, status: 'PENDING', amount: 500 }),
        r({ id: 3, status: 'REDEEMED', redeemed: 1000 }),
        r({ id: 4, status: 'EXPIRED', redeemed: 100 }),
        r({ id: 5, dateExpires: NOW - DAY }),
        r({ id: 6, status: 'CANCELLED', amount: 700 }),
        r({ id: 7, dateExpires: NOW + DAY }),
      ],
      NOW,
    );
    expect(totals).toEqual({
      assigned: 5500,
      redeemed: 1350,
      available: 750 + 1000,
      pending: 500,
      expired: 900 + 1000,
      cancelled: 700,
      rewardCount: 7,
      nextExpiry: NOW + DAY,
    });
  });
});
