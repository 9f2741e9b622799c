import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors.js';
import { matchHeader, pickFields } from './header.js';

function failure(columns: string[]): AppError {
  try {
    matchHeader(columns);
  } catch (error) {
    if (error instanceof AppError) return error;
  }
  throw new Error('expected matchHeader to refuse the header');
}

describe('matchHeader', () => {
  it('finds the columns of the report by name, in its order', () => {
    const header = matchHeader([
      'firstName',
      'lastName',
      'email',
      'userId',
      'accountId',
      'programId',
      'unit',
      'unitName',
      'currency',
      'availableValue',
      'totalRedeemedValue',
      'rewardCount',
      'nextExpiry',
      'valueToRedeem',
    ]);
    expect(header.index).toEqual({
      accountId: 4,
      userId: 3,
      unit: 6,
      valueToRedeem: 13,
      programId: 5,
      availableValue: 9,
    });
  });

  it('ignores case, surrounding spaces, order and extra columns', () => {
    const columns = [' note ', 'VALUETOREDEEM', ' Unit', 'accountid ', 'notes', '\tUserId\t'];
    const header = matchHeader(columns);
    expect(header.columns).toEqual(columns);
    expect(header.index).toEqual({
      accountId: 3,
      userId: 5,
      unit: 2,
      valueToRedeem: 1,
      programId: null,
      availableValue: null,
    });
  });

  it('names every missing required column in one error', () => {
    const error = failure(['accountId', 'unit', 'programId']);
    expect(error.code).toBe('UNREADABLE_FILE');
    expect(error.message).toBe(
      'The file has no header row with the columns accountId, userId, unit and valueToRedeem; ' +
        'missing: userId, valueToRedeem. ' +
        'Export the "Available reward balances by user" report and fill its valueToRedeem column.',
    );
    expect(error.details).toMatchObject({ missing: ['userId', 'valueToRedeem'] });
  });

  it('refuses a column named twice, saying where, together with what is missing', () => {
    const error = failure(['userId', 'accountId', 'USERID ', 'unit']);
    expect(error.message).toContain('missing: valueToRedeem.');
    expect(error.message).toContain(
      'The column userId appears 2 times (columns 1 and 3); keep only one.',
    );
    expect(error.details).toMatchObject({ missing: ['valueToRedeem'], repeated: ['userId'] });
  });

  it('refuses a repeated optional column too: which one counts would be a guess', () => {
    const error = failure([
      'userId',
      'accountId',
      'unit',
      'valueToRedeem',
      'programId',
      'programid',
    ]);
    expect(error.message).toMatch(/^The column programId appears 2 times \(columns 5 and 6\)/);
  });
});

describe('pickFields', () => {
  it('picks the named cells as uploaded, null for absent optional columns', () => {
    const header = matchHeader(['unit', 'valueToRedeem', 'accountId', 'userId', 'availableValue']);
    const record = { recordNumber: 1, cells: ['CASH/USD', ' 10.5 ', 'acct-1', '000123', '25.00'] };
    expect(pickFields(header, record)).toEqual({
      accountId: 'acct-1',
      userId: '000123',
      unit: 'CASH/USD',
      valueToRedeem: ' 10.5 ',
      programId: null,
      availableValue: '25.00',
    });
  });
});
