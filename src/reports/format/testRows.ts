/** Report rows for the writers' tests and benchmark; not used by the application. */
import type { BalanceReportRow } from './columns.js';

export function buildReportRow(overrides: Partial<BalanceReportRow> = {}): BalanceReportRow {
  return {
    firstName: 'Ana',
    lastName: 'Silva',
    email: 'ana@example.com',
    userId: '000123',
    accountId: 'acct-1',
    programId: null,
    unit: 'CASH/USD',
    unitName: 'Cash',
    currency: 'USD',
    decimals: 2,
    available: 2500,
    totalRedeemed: 0,
    rewardCount: 2,
    nextExpiry: Date.UTC(2027, 0, 31),
    ...overrides,
  };
}

const UNITS = [
  { unit: 'CASH/USD', unitName: 'Cash', currency: 'USD', decimals: 2 },
  { unit: 'POINT', unitName: 'Points', currency: null, decimals: 0 },
  { unit: 'CASH/KWD', unitName: 'Cash', currency: 'KWD', decimals: 3 },
] as const;

/** `count` varied rows (names, 18-digit ids, three units, some without expiry) in batches. */
export function* syntheticBatches(
  count: number,
  batchSize = 1000,
): Generator<readonly BalanceReportRow[]> {
  let batch: BalanceReportRow[] = [];
  for (let i = 0; i < count; i++) {
    const unit = UNITS[i % UNITS.length] ?? UNITS[0];
    batch.push({
      firstName: `First${i % 997}`,
      lastName: i % 101 === 0 ? `O'Brien, ${i % 13}` : `Lastname${i % 773}`,
      email: `user${i}@example.com`,
      userId: i % 2 === 0 ? `1${String(i).padStart(17, '0')}` : String(i).padStart(9, '0'),
      accountId: `acct-${i % 5000}`,
      programId: i % 4 === 0 ? `program-${i % 7}` : null,
      ...unit,
      available: 1 + ((i * 7919) % 10_000_000),
      totalRedeemed: (i * 31) % 100_000,
      rewardCount: 1 + (i % 9),
      nextExpiry: i % 3 === 0 ? null : Date.UTC(2027, 0, 1) + (i % 700) * 86_400_000,
    });
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** All the chunks a writer yields, joined. */
export async function collectBytes(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}
