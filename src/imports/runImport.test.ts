import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { buildTenant, giveRewards, ledgerViolations } from '../../test/helpers/ledger.js';
import { testConfig } from '../http/testing.js';
import { getBalances } from '../ledger/getBalances.js';
import { readImportFile } from './read/readImportFile.js';
import { listImportRows, presentImport } from './importViews.js';
import { bytesOf, importText } from './testing.js';
import { requireImportRow } from './imports.repository.js';
import { openOutcomeFile, type OutcomeFile } from './outcome/outcomeFile.js';

const config = testConfig();
const HEADER =
  'firstName,lastName,email,userId,accountId,programId,unit,unitName,currency,availableValue,totalRedeemedValue,rewardCount,nextExpiry,valueToRedeem';

function csv(rows: string[]): string {
  return '\uFEFF' + [HEADER, ...rows].join('\r\n') + '\r\n';
}

const row = (o: {
  user: string;
  acc?: string;
  unit?: string;
  program?: string;
  available?: string;
  value: string;
  first?: string;
}) =>
  `${o.first ?? 'Ann'},Lee,ann@example.com,${o.user},${o.acc ?? 'acc-1'},${o.program ?? ''},${o.unit ?? 'CASH/USD'},USD,USD,${o.available ?? ''},0.00,1,,${o.value}`;

async function outcomeText(file: OutcomeFile) {
  const chunks: Buffer[] = [];
  for await (const chunk of file.bytes) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

describeEachDb('import: Update User Reward Balances', (get) => {
  it('applies every rule per row and reports outcomes, totals, error and results files', async () => {
    const { handle } = get();
    const { db } = handle;
    const t = await buildTenant(db);
    await giveRewards(db, t.id, [
      { userId: '000123', amount: '20.00' },
      { userId: 'u2', amount: '5.00' },
      { userId: 'u3', amount: '3.00', programId: 'spring' },
      { userId: 'u3', amount: '4.00' },
      { userId: 'u4', unit: 'CASH/KWD', amount: '1.000' },
      { userId: 'u5', unit: 'POINT', amount: '10' },
    ]);
    const imp = await importText(
      handle,
      config,
      t.id,
      csv([
        row({ user: '000123', value: '10.556', available: '20.00', first: 'Edited' }), // 1 truncates
        row({ user: 'u2', value: '' }), // 2 skipped
        row({ user: 'u2', value: '5.01', available: '5' }), // 3 more than available
        row({ user: '123', value: '1' }), // 4 leading zeros dropped
        row({ user: '1.23457E+17', value: '1' }), // 5 scientific notation
        row({ user: 'u3', program: 'spring', value: '3' }), // 6 program narrowed
        row({ user: 'u3', value: '4.00', available: '7.00' }), // 7 stale availableValue
        row({ user: 'u4', unit: 'CASH/KWD', value: '0.5' }), // 8 KWD 3 decimals
        row({ user: 'u5', unit: 'POINT', value: '7.9' }), // 9 POINT truncates
        row({ user: 'u5', unit: 'POINT', value: '3.5' }), // 10 second row, same balance: 3 left
        row({ user: 'u2', value: '"1,5"' }), // 11 decimal comma
        row({ user: 'u2', unit: 'CASH/EUR', value: '1' }), // 12 unknown unit
        row({ user: 'u2', value: '0.00' }), // 13 zero: skipped
      ]),
    );
    expect(imp.status).toBe('succeeded');
    const view = presentImport(imp);
    expect(view.summary).toEqual({
      rows: 13,
      redeemed: 6,
      skipped: 2,
      errors: 5,
      warnings: 1,
      totals: [
        { unit: 'CASH/KWD', amount: '0.500', rows: 1 },
        { unit: 'CASH/USD', amount: '17.55', rows: 3 },
        { unit: 'POINT', amount: '10', rows: 2 },
      ],
    });
    const { items } = await listImportRows(db, t.id, imp.id, {});
    const by = new Map(items.map((r) => [r.recordNumber, r]));
    expect(by.get(1)).toMatchObject({ outcome: 'redeemed', amountRedeemed: '10.55', warnings: [] });
    expect(by.get(2)).toMatchObject({ outcome: 'skipped' });
    expect(by.get(3)?.message).toContain('5.01 is more than the 5.00 CASH/USD available');
    expect(by.get(4)?.message).toContain('"000123" exists');
    expect(by.get(5)?.message).toContain('scientific notation');
    expect(by.get(6)).toMatchObject({ outcome: 'redeemed', amountRedeemed: '3.00' });
    expect(by.get(7)).toMatchObject({ outcome: 'redeemed', amountRedeemed: '4.00' });
    expect(by.get(7)?.warnings[0]).toContain(
      'availableValue in the file is 7.00 but the balance is now 4.00',
    );
    expect(by.get(8)).toMatchObject({ outcome: 'redeemed', amountRedeemed: '0.500' });
    expect(by.get(9)).toMatchObject({ outcome: 'redeemed', amountRedeemed: '7' });
    expect(by.get(10)).toMatchObject({ outcome: 'redeemed', amountRedeemed: '3' });
    expect(by.get(11)?.message).toContain('decimal comma');
    expect(by.get(12)?.message).toContain('Unknown unit "CASH/EUR"');
    expect(by.get(13)).toMatchObject({ outcome: 'skipped' });

    const balance = async (userId: string, unit = 'CASH/USD') =>
      (await getBalances(db, t.id, { accountId: 'acc-1', userId, unit }))[0]?.available;
    expect(await balance('000123')).toBe('9.45');
    expect(await balance('u2')).toBe('5.00');
    expect(await balance('u3')).toBe('0.00');
    expect(await balance('u4', 'CASH/KWD')).toBe('0.500');
    expect(await balance('u5', 'POINT')).toBe('0');
    expect(await ledgerViolations(db)).toEqual([]);

    // Only valueToRedeem acts: the edited first name changed nothing.
    const names = await db
      .selectFrom('participants')
      .select('first_name')
      .where('tenant_id', '=', t.id)
      .execute();
    expect(names.map((n) => n.first_name)).not.toContain('Edited');

    const stored = await requireImportRow(db, t.id, imp.id);
    const errorFile = await outcomeText(await openOutcomeFile(db, stored, 'errors'));
    const lines = errorFile.replace('\uFEFF', '').trimEnd().split('\r\n');
    expect(lines[0]).toBe(`${HEADER},recordNumber,error`);
    expect(lines).toHaveLength(6);
    expect(lines[1]).toMatch(
      /^Ann,Lee,ann@example.com,u2,acc-1,,CASH\/USD,USD,USD,5,0.00,1,,5.01,3,/,
    );
    // The error file imports again as it is: its extra columns are ignored.
    const again = await readImportFile(() => bytesOf(errorFile));
    expect(again.header.index.valueToRedeem).toBe(13);

    const results = (await outcomeText(await openOutcomeFile(db, stored, 'results')))
      .trimEnd()
      .split('\r\n');
    expect(results).toHaveLength(14);
    expect(results[1]).toContain(',1,redeemed,10.55,');

    const email = await db
      .selectFrom('emails')
      .selectAll()
      .where('tenant_id', '=', t.id)
      .executeTakeFirstOrThrow();
    expect(email).toMatchObject({ to_address: 'admin@example.com', status: 'kept' });
    expect(email.subject).toBe('Import of balances.csv finished');
    expect(email.text_body).toContain('Errors');
    expect(email.text_body).toMatch(/\/download\?resource=import%3A\d+%3Aerrors&/);
  });

  it('prices a dry run exactly as applying would, changing nothing, across chunks', async () => {
    const { handle } = get();
    const { db } = handle;
    const t = await buildTenant(db);
    await giveRewards(db, t.id, [
      { userId: 'a', amount: '10.00' },
      { userId: 'b', amount: '10.00' },
    ]);
    const rows = [
      row({ user: 'a', value: '4' }),
      row({ user: 'b', value: '1' }),
      row({ user: 'b', value: '1' }),
      row({ user: 'a', value: '4' }),
      row({ user: 'a', value: '4' }), // the third 4.00 from a exceeds what is left, in a later chunk
    ];
    const dry = await importText(handle, config, t.id, csv(rows), { dryRun: true, chunkRows: 2 });
    expect(presentImport(dry).summary).toMatchObject({ redeemed: 4, errors: 1 });
    const dryRows = (await listImportRows(db, t.id, dry.id, {})).items;
    expect(dryRows[4]?.message).toContain('more than the 2.00 CASH/USD available');
    expect((await getBalances(db, t.id, { accountId: 'acc-1', userId: 'a' }))[0]?.available).toBe(
      '10.00',
    );
    expect(
      await db.selectFrom('redemptions').select('id').where('import_id', '=', dry.id).execute(),
    ).toEqual([]);

    const applied = await importText(handle, config, t.id, csv(rows), { chunkRows: 2 });
    const appliedRows = (await listImportRows(db, t.id, applied.id, {})).items;
    expect(appliedRows.map((r) => [r.outcome, r.amountRedeemed, r.message])).toEqual(
      dryRows.map((r) => [r.outcome, r.amountRedeemed, r.message]),
    );
    expect((await getBalances(db, t.id, { accountId: 'acc-1', userId: 'a' }))[0]?.available).toBe(
      '2.00',
    );
  });

  it('refuses a file identical to one applied unless the repeat is confirmed', async () => {
    const { handle } = get();
    const { db } = handle;
    const t = await buildTenant(db);
    await giveRewards(db, t.id, [{ userId: 'a', amount: '10.00' }]);
    const file = csv([row({ user: 'a', value: '1' })]);
    await importText(handle, config, t.id, file);
    await expect(importText(handle, config, t.id, file)).rejects.toMatchObject({
      code: 'REPEATED_FILE',
      message: expect.stringContaining('confirm the repeat'),
    });
    const filesBefore = await db
      .selectFrom('files')
      .select('id')
      .where('tenant_id', '=', t.id)
      .execute();
    await importText(handle, config, t.id, file, { dryRun: true });
    const repeated = await importText(handle, config, t.id, file, { confirmRepeat: true });
    expect(repeated.status).toBe('succeeded');
    expect((await getBalances(db, t.id, { accountId: 'acc-1', userId: 'a' }))[0]?.available).toBe(
      '8.00',
    );
    expect(filesBefore.length).toBeGreaterThan(0);
  });

  it('fails as a whole, with one message, for a file that cannot be read', async () => {
    const { handle } = get();
    const t = await buildTenant(handle.db);
    const imp = await importText(handle, config, t.id, 'name,amount\r\nAnn,5\r\n');
    expect(imp.status).toBe('failed');
    expect(imp.error).toContain('missing');
    expect(imp.error).toContain('valueToRedeem');
    const email = await handle.db
      .selectFrom('emails')
      .selectAll()
      .where('tenant_id', '=', t.id)
      .executeTakeFirstOrThrow();
    expect(email.subject).toContain('failed');
  });
});
