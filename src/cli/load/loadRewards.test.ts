import { expect, it } from 'vitest';
import { describeEachDb } from '../../../test/helpers/databases.js';
import { iterateRewards } from '../../ledger/listRewards.js';
import { createTenant } from '../../tenants/createTenant.js';
import { readCsvRecords } from './csvParser.js';
import { loadRewards, type RefusedRow } from './loadRewards.js';

async function load(
  db: Parameters<typeof loadRewards>[0],
  tenantId: number,
  text: string,
  batchSize = 2,
) {
  const refused: RefusedRow[] = [];
  const summary = await loadRewards(db, tenantId, readCsvRecords([text]), {
    batchSize,
    onRefused: (r) => refused.push(r),
  });
  return { summary, refused };
}

describeEachDb('loadRewards', (get) => {
  let tenantId = 0;

  it('finds columns by name in any order and case, ignoring extra columns', async () => {
    const { db } = get().handle;
    tenantId = (await createTenant(db, { slug: 'load' })).tenant.id;
    const text = [
      ' Amount ,UNIT,note,userid,AccountId,rewardID',
      '1.50,CASH/USD,ignored,u1,a1,x-1',
      '',
      '7,POINT,,u1,a1,x-2',
      '',
    ].join('\r\n');
    const { summary, refused } = await load(db, tenantId, text);
    expect(refused).toEqual([]);
    expect(summary).toEqual({ created: 2, existing: 0, refused: 0 });
    const rewards = [];
    for await (const r of iterateRewards(db, tenantId))
      rewards.push([r.rewardId, r.unit, r.amount]);
    expect(rewards).toEqual([
      ['x-1', 'CASH/USD', '1.50'],
      ['x-2', 'POINT', '7'],
    ]);
  });

  it('numbers refused rows as a spreadsheet does, across batches', async () => {
    const { db } = get().handle;
    const text = [
      'rewardId,accountId,userId,unit,amount',
      'x-1,a1,u1,CASH/USD,1.50',
      'y-1,a1,u1,CASH/USD,abc',
      'y-2,a1,,POINT,3',
      'y-3,a1,u2,POINT,4',
    ].join('\n');
    const { summary, refused } = await load(db, tenantId, text);
    expect(summary).toEqual({ created: 1, existing: 1, refused: 2 });
    expect(refused.map((r) => [r.row, r.rewardId])).toEqual([
      [3, 'y-1'],
      [4, 'y-2'],
    ]);
    expect(refused[0]?.message).toMatch(/"abc" is not a number/);
    expect(refused[1]?.message).toMatch(/userId must not be empty/);
  });

  it('refuses a file without the required columns, naming them', async () => {
    const { db } = get().handle;
    await expect(load(db, tenantId, 'rewardId,userId,amount\nz,u,1\n')).rejects.toThrow(
      /lacks the columns accountId, unit/,
    );
  });

  it('refuses an empty file', async () => {
    const { db } = get().handle;
    await expect(load(db, tenantId, '\n\n')).rejects.toThrow(/The file is empty/);
  });
});
