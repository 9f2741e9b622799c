import { describe, expect, it } from 'vitest';
import { priceRow, type ImportReward, type PricingContext } from './planRows.js';
import { toIntent, type RowIntent } from './rowIntent.js';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const DAY = 86_400_000;

function reward(id: number, amount: number, o: Partial<ImportReward> = {}): ImportReward {
  return {
    id,
    amount,
    redeemed: 0,
    status: 'AVAILABLE',
    dateGiven: NOW - DAY,
    dateExpires: null,
    programId: null,
    dateRedeemed: null,
    ...o,
  };
}

function context(rewards: ImportReward[]): PricingContext {
  return {
    now: NOW,
    units: new Map([
      ['CASH/USD', { id: 1, code: 'CASH/USD', decimals: 2 }],
      ['POINT', { id: 2, code: 'POINT', decimals: 0 }],
    ]),
    programs: new Map([['spring', 7]]),
    participants: new Map([['acc\u0000000123', 10]]),
    zeroStripped: new Map([['acc\u0000123', { accountId: 'acc', userId: '000123' }]]),
    rewards: new Map([['10:1', rewards]]),
  };
}

function intent(o: Partial<RowIntent>): RowIntent {
  return {
    recordNumber: 1,
    accountId: 'acc',
    userId: '000123',
    unit: 'CASH/USD',
    programId: null,
    valueText: '',
    availableText: null,
    ...o,
  };
}

describe('priceRow', () => {
  it('redeems the truncated amount and changes the reward states for later rows', () => {
    const ctx = context([reward(1, 1000), reward(2, 1000)]);
    const first = priceRow(intent({ valueText: '10.556' }), ctx);
    expect(first).toMatchObject({ outcome: 'redeemed', amount: 1055, warnings: [] });
    const second = priceRow(intent({ recordNumber: 2, valueText: '9.45' }), ctx);
    expect(second.outcome).toBe('redeemed');
    const third = priceRow(intent({ recordNumber: 3, valueText: '0.01' }), ctx);
    expect(third).toMatchObject({ outcome: 'error' });
    expect(third.message).toContain('nothing is left to redeem');
  });

  it('skips empty and zero values', () => {
    const ctx = context([reward(1, 1000)]);
    for (const valueText of ['', '0', '0.00']) {
      expect(priceRow(intent({ valueText }), ctx).outcome).toBe('skipped');
    }
  });

  it('refuses more than available with how much there is, and warns on a stale availableValue', () => {
    const ctx = context([reward(1, 2500, { redeemed: 500 })]);
    const row = priceRow(intent({ valueText: '25', availableText: '25' }), ctx);
    expect(row.outcome).toBe('error');
    expect(row.message).toContain('valueToRedeem 25.00 is more than the 20.00 CASH/USD available');
    expect(row.message).toContain('enter at most 20.00');
    expect(row.warnings[0]).toContain(
      'availableValue in the file is 25.00 but the balance is now 20.00',
    );
  });

  it('accepts an availableValue the spreadsheet reformatted', () => {
    const ctx = context([reward(1, 310)]);
    expect(priceRow(intent({ valueText: '1', availableText: '3.1' }), ctx).warnings).toEqual([]);
  });

  it('names bad amounts, unknown units, programs and participants', () => {
    const ctx = context([reward(1, 1000)]);
    expect(priceRow(intent({ valueText: '1,5' }), ctx).message).toContain('decimal comma');
    expect(priceRow(intent({ valueText: '-1' }), ctx).message).toMatch(
      /^valueToRedeem "-1" is negative/,
    );
    expect(priceRow(intent({ unit: 'EUR', valueText: '1' }), ctx).message).toBe(
      'Unknown unit "EUR"; this tenant\'s units are: CASH/USD, POINT',
    );
    expect(priceRow(intent({ programId: 'x', valueText: '1' }), ctx).message).toContain(
      'Unknown programId "x"',
    );
    expect(priceRow(intent({ userId: '999', valueText: '1' }), ctx).message).toContain(
      'No participant',
    );
  });

  it('says when a spreadsheet dropped leading zeros, naming the id that exists', () => {
    const ctx = context([reward(1, 1000)]);
    const row = priceRow(intent({ userId: '123', valueText: '1' }), ctx);
    expect(row.outcome).toBe('error');
    expect(row.message).toContain('"000123" exists');
    expect(row.message).toContain('leading zeros');
  });

  it('narrows to the program on the row', () => {
    const ctx = context([reward(1, 1000, { programId: 7 }), reward(2, 1000)]);
    const row = priceRow(intent({ programId: 'spring', valueText: '10.01' }), ctx);
    expect(row.message).toContain('available in program spring');
    expect(
      priceRow(intent({ programId: 'spring', valueText: '10' }), ctx).redemption?.lines,
    ).toEqual([{ rewardId: 1, amount: 1000, exhausts: true }]);
  });
});

describe('toIntent', () => {
  const fields = (o: Record<string, string | null>) => ({
    accountId: 'acc',
    userId: 'u',
    unit: 'POINT',
    valueToRedeem: '5',
    programId: null,
    availableValue: null,
    ...o,
  });

  it('refuses ids a spreadsheet turned into scientific notation', () => {
    const result = toIntent(4, fields({ userId: '1.23456789012346E+017' }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('scientific notation');
  });

  it('refuses missing identifiers but lets empty rows be skipped', () => {
    expect(toIntent(1, fields({ accountId: ' ' })).ok).toBe(false);
    expect(toIntent(1, fields({ accountId: '', valueToRedeem: '' })).ok).toBe(true);
  });

  it('trims every field', () => {
    const result = toIntent(
      1,
      fields({ accountId: ' acc ', programId: ' ', valueToRedeem: ' 5 ' }),
    );
    expect(result.ok && result.intent).toMatchObject({
      accountId: 'acc',
      programId: null,
      valueText: '5',
    });
  });
});
