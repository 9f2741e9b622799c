/** The columns of a rewards load file, found by header name (case and spaces ignored). */
import { AppError } from '../../domain/errors.js';
import type { RewardInput } from '../../ledger/rewardInput.js';

export const LOAD_COLUMNS = [
  'rewardId',
  'accountId',
  'userId',
  'email',
  'firstName',
  'lastName',
  'programId',
  'unit',
  'amount',
  'redeemedAmount',
  'status',
  'dateGiven',
  'dateExpires',
] as const;

export type LoadColumn = (typeof LOAD_COLUMNS)[number];

const REQUIRED: readonly LoadColumn[] = ['rewardId', 'accountId', 'userId', 'unit', 'amount'];

export type ColumnIndex = Partial<Record<LoadColumn, number>>;

/** Where each known column is; extra columns are ignored, missing required ones refused. */
export function indexColumns(header: readonly string[]): ColumnIndex {
  const byName = new Map<string, number>();
  header.forEach((name, i) => {
    const key = name.trim().toLowerCase();
    if (!byName.has(key)) byName.set(key, i);
  });
  const index: ColumnIndex = {};
  for (const column of LOAD_COLUMNS) {
    const at = byName.get(column.toLowerCase());
    if (at !== undefined) index[column] = at;
  }
  const missing = REQUIRED.filter((c) => index[c] === undefined);
  if (missing.length > 0) {
    throw new AppError(
      'UNREADABLE_FILE',
      `The file's header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; a rewards file needs a header row with ${LOAD_COLUMNS.join(', ')}`,
      { missing },
    );
  }
  return index;
}

/** One record as the ledger's reward input; absent cells read as empty. */
export function toRewardInput(record: readonly string[], index: ColumnIndex): RewardInput {
  const cell = (column: LoadColumn) => {
    const at = index[column];
    return at === undefined ? '' : (record[at] ?? '');
  };
  return {
    rewardId: cell('rewardId'),
    accountId: cell('accountId'),
    userId: cell('userId'),
    email: cell('email'),
    firstName: cell('firstName'),
    lastName: cell('lastName'),
    programId: cell('programId'),
    unit: cell('unit'),
    amount: cell('amount'),
    redeemedAmount: cell('redeemedAmount'),
    status: cell('status'),
    dateGiven: cell('dateGiven'),
    dateExpires: cell('dateExpires'),
  };
}
