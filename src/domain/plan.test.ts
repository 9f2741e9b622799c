import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RewardStatus } from '../db/schema.js';
import { applyPlan, availableOf, planRedemption } from './plan.js';
import { compareForRedemption, isRedeemable, remainingOf, type RewardState } from './rewards.js';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const DAY = 86_400_000;

function reward(overrides: Partial<RewardState> & { id: number }): RewardState {
  return {
    amount: 1000,
    redeemed: 0,
    status: 'AVAILABLE',
    dateGiven: NOW - 10 * DAY,
    dateExpires: null,
    ...overrides,
  };
}

describe('planRedemption', () => {
  it('takes soonest expiry first, never-expiring last', () => {
    const rewards = [
      reward({ id: 1, dateExpires: null }),
      reward({ id: 2, dateExpires: NOW + 5 * DAY }),
      reward({ id: 3, dateExpires: NOW + 2 * DAY }),
    ];
    const plan = planRedemption(rewards, 2500, NOW);
    expect(plan.ok && plan.lines).toEqual([
      { rewardId: 3, amount: 1000, exhausts: true },
      { rewardId: 2, amount: 1000, exhausts: true },
      { rewardId: 1, amount: 500, exhausts: false },
    ]);
  });

  it('breaks expiry ties by dateGiven, then creation order', () => {
    const rewards = [
      reward({ id: 5, dateGiven: NOW - DAY }),
      reward({ id: 4, dateGiven: NOW - DAY }),
      reward({ id: 6, dateGiven: NOW - 3 * DAY }),
    ];
    const plan = planRedemption(rewards, 3000, NOW);
    expect(plan.ok && plan.lines.map((l) => l.rewardId)).toEqual([6, 4, 5]);
  });

  it('consumes partly redeemed rewards for what is left only', () => {
    const plan = planRedemption([reward({ id: 1, redeemed: 700 }), reward({ id: 2 })], 500, NOW);
    expect(plan.ok && plan.lines).toEqual([
      { rewardId: 1, amount: 300, exhausts: true },
      { rewardId: 2, amount: 200, exhausts: false },
    ]);
  });

  it('ignores non-AVAILABLE and expired rewards, whatever their stored status', () => {
    const statuses: RewardStatus[] = ['PENDING', 'REDEEMED', 'EXPIRED', 'CANCELLED'];
    const rewards = [
      ...statuses.map((status, i) => reward({ id: i + 1, status })),
      reward({ id: 9, dateExpires: NOW }),
      reward({ id: 10, dateExpires: NOW - DAY }),
      reward({ id: 11, amount: 250 }),
    ];
    expect(availableOf(rewards, NOW)).toBe(250);
    const plan = planRedemption(rewards, 250, NOW);
    expect(plan.ok && plan.lines.map((l) => l.rewardId)).toEqual([11]);
  });

  it('takes all or nothing and says how much was available', () => {
    const plan = planRedemption([reward({ id: 1 }), reward({ id: 2, redeemed: 400 })], 1601, NOW);
    expect(plan).toEqual({ ok: false, available: 1600 });
  });

  it('applies a plan, marking exhausted rewards REDEEMED', () => {
    const rewards = [reward({ id: 1, amount: 300 }), reward({ id: 2 })];
    const plan = planRedemption(rewards, 500, NOW);
    if (!plan.ok) throw new Error('plan failed');
    const after = applyPlan(rewards, plan.lines);
    expect(after.map((r) => [r.redeemed, r.status])).toEqual([
      [300, 'REDEEMED'],
      [200, 'AVAILABLE'],
    ]);
  });
});

const statusArb = fc.constantFrom<RewardStatus>(
  'AVAILABLE',
  'AVAILABLE',
  'AVAILABLE',
  'PENDING',
  'REDEEMED',
  'EXPIRED',
  'CANCELLED',
);

const rewardsArb = fc
  .array(
    fc.record({
      amount: fc.integer({ min: 1, max: 100_000 }),
      redeemedShare: fc.double({ min: 0, max: 1, noNaN: true }),
      status: statusArb,
      dateGiven: fc.integer({ min: NOW - 400 * DAY, max: NOW }),
      dateExpires: fc.option(fc.integer({ min: NOW - 30 * DAY, max: NOW + 400 * DAY })),
    }),
    { maxLength: 30 },
  )
  .map((items) =>
    items.map((r, i): RewardState => ({
      id: i + 1,
      amount: r.amount,
      redeemed: Math.floor(r.amount * r.redeemedShare),
      status: r.status,
      dateGiven: r.dateGiven,
      dateExpires: r.dateExpires,
    })),
  );

describe('planRedemption properties', () => {
  it('takes exactly the amount, never more than a reward has left, in redemption order', () => {
    fc.assert(
      fc.property(rewardsArb, fc.integer({ min: 1, max: 2_000_000 }), (rewards, amount) => {
        const available = availableOf(rewards, NOW);
        const plan = planRedemption(rewards, amount, NOW);
        if (amount > available) {
          expect(plan).toEqual({ ok: false, available });
          return;
        }
        if (!plan.ok) throw new Error('plan should succeed');
        const byId = new Map(rewards.map((r) => [r.id, r]));
        let total = 0;
        const used: RewardState[] = [];
        for (const line of plan.lines) {
          const r = byId.get(line.rewardId) as RewardState;
          expect(isRedeemable(r, NOW)).toBe(true);
          expect(line.amount).toBeGreaterThan(0);
          expect(line.amount).toBeLessThanOrEqual(remainingOf(r));
          expect(line.exhausts).toBe(line.amount === remainingOf(r));
          total += line.amount;
          used.push(r);
        }
        expect(total).toBe(amount);
        for (let i = 1; i < used.length; i++) {
          expect(
            compareForRedemption(used[i - 1] as RewardState, used[i] as RewardState),
          ).toBeLessThan(0);
        }
        // Every line but the last empties its reward: nothing later is touched while an
        // earlier reward still has something left.
        plan.lines.slice(0, -1).forEach((l) => expect(l.exhausts).toBe(true));
        // No redeemable reward that sorts before the last used one is skipped.
        const last = used.at(-1);
        if (last) {
          const skipped = rewards.filter(
            (r) =>
              isRedeemable(r, NOW) &&
              compareForRedemption(r, last) < 0 &&
              !plan.lines.some((l) => l.rewardId === r.id),
          );
          expect(skipped).toEqual([]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('leaves the balance reduced by exactly the amount', () => {
    fc.assert(
      fc.property(rewardsArb, fc.integer({ min: 1, max: 500_000 }), (rewards, amount) => {
        const plan = planRedemption(rewards, amount, NOW);
        if (!plan.ok) return;
        const after = applyPlan(rewards, plan.lines);
        expect(availableOf(after, NOW)).toBe(availableOf(rewards, NOW) - amount);
        after.forEach((r) => expect(r.redeemed).toBeLessThanOrEqual(r.amount));
      }),
    );
  });
});
