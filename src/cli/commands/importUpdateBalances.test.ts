/** `import update-balances` and `imports list|show|reverse` as scripts run them: real child processes. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../../test/helpers/databases.js';
import { buildTenant, giveRewards } from '../../../test/helpers/ledger.js';
import { getBalances } from '../../ledger/getBalances.js';
import { runCli } from '../testing/runCli.js';

const HEADER = 'userId,accountId,unit,availableValue,valueToRedeem';
const dir = mkdtempSync(join(tmpdir(), 'rewardbook-import-cli-'));

function writeReport(name: string, rows: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, '\uFEFF' + [HEADER, ...rows].join('\r\n') + '\r\n');
  return path;
}

describeEachDb('rewardbook import update-balances', (get) => {
  const run = (...args: string[]) => runCli(args, { DATABASE_URL: get().url });

  async function tenantWithBalances() {
    const { db } = get().handle;
    const tenant = await buildTenant(db);
    await giveRewards(db, tenant.id, [
      { userId: 'u1', amount: '20.00' },
      { userId: 'u2', amount: '5.00' },
    ]);
    const balance = async (userId: string) =>
      (await getBalances(db, tenant.id, { accountId: 'acc-1', userId }))[0]?.available;
    return { slug: tenant.slug, balance };
  }

  const rows = [
    'u1,acc-1,CASH/USD,20.00,10.556',
    'u2,acc-1,CASH/USD,5.00,6',
    'u2,acc-1,CASH/USD,,',
  ];

  it('applies a file, exits 0 with rows in error, and prints the JSON outcome', async () => {
    const { slug, balance } = await tenantWithBalances();
    const file = writeReport('mixed.csv', rows);
    const dry = await run(
      'import',
      'update-balances',
      file,
      '--dry-run',
      '--json',
      '--tenant',
      slug,
    );
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, status: 'succeeded' });
    expect(await balance('u1')).toBe('20.00');

    const result = await run('import', 'update-balances', file, '--json', '--tenant', slug);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const outcome = JSON.parse(result.stdout);
    expect(outcome).toMatchObject({
      status: 'succeeded',
      dryRun: false,
      fileName: 'mixed.csv',
      error: null,
      counts: { rows: 3, redeemed: 1, skipped: 1, errors: 1, warnings: 0 },
      totals: [{ unit: 'CASH/USD', amount: '10.55', rows: 1 }],
      errors: [
        {
          recordNumber: 2,
          message: expect.stringContaining('6.00 is more than the 5.00 CASH/USD available'),
        },
      ],
    });
    expect(typeof outcome.id).toBe('number');
    expect(await balance('u1')).toBe('9.45');
    expect(await balance('u2')).toBe('5.00');
  }, 60_000);

  it('lists, shows and reverses imports', async () => {
    const { slug, balance } = await tenantWithBalances();
    const file = writeReport('listed.csv', rows);
    const applied = await run('import', 'update-balances', file, '--json', '--tenant', slug);
    const outcome = JSON.parse(applied.stdout);
    const listed = await run('imports', 'list', '--json', '--tenant', slug);
    const ids = JSON.parse(listed.stdout).map((i: { id: number }) => i.id);
    expect(ids).toEqual([outcome.id]);
    const shown = await run('imports', 'show', String(outcome.id), '--json', '--tenant', slug);
    expect(JSON.parse(shown.stdout)).toEqual(outcome);
    const text = await run('imports', 'show', String(outcome.id), '--tenant', slug);
    expect(text.stdout).toContain(`Import ${outcome.id} of listed.csv: succeeded`);
    expect(text.stdout).toContain('total CASH/USD: 10.55 in 1 rows');
    expect(text.stdout).toContain('  2: valueToRedeem 6.00 is more than');

    const reversed = await run('imports', 'reverse', String(outcome.id), '--tenant', slug);
    expect(reversed).toMatchObject({
      code: 0,
      stdout: `reversed import ${outcome.id}: 1 redemptions given back\n`,
    });
    expect(await balance('u1')).toBe('20.00');
    const again = await run('imports', 'reverse', String(outcome.id), '--tenant', slug);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already reversed');
  }, 60_000);

  it('refuses a repeated file (exit 1) unless --confirm-repeat', async () => {
    const { slug, balance } = await tenantWithBalances();
    const file = writeReport('repeat.csv', ['u1,acc-1,CASH/USD,20.00,1']);
    expect((await run('import', 'update-balances', file, '--tenant', slug)).code).toBe(0);
    const repeat = await run('import', 'update-balances', file, '--json', '--tenant', slug);
    expect(repeat.code).toBe(1);
    expect(repeat.stdout).toBe('');
    expect(repeat.stderr).toMatch(/^error: This file is identical to import \d+/);
    expect(repeat.stderr).toContain('--confirm-repeat');
    const confirmed = await run(
      'import',
      'update-balances',
      file,
      '--confirm-repeat',
      '--tenant',
      slug,
    );
    expect(confirmed.code).toBe(0);
    expect(confirmed.stdout).toMatch(/^Import \d+ of repeat.csv: succeeded\n/);
    expect(await balance('u1')).toBe('18.00');
  }, 60_000);

  it('exits non-zero for a path it cannot read and for a file that is not a report', async () => {
    const { slug } = await tenantWithBalances();
    const missing = await run('import', 'update-balances', join(dir, 'nope.csv'), '--tenant', slug);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Cannot read');
    const notReport = join(dir, 'names.csv');
    writeFileSync(notReport, 'name,amount\r\nAnn,5\r\n');
    const failed = await run('import', 'update-balances', notReport, '--json', '--tenant', slug);
    expect(failed.code).toBe(1);
    const outcome = JSON.parse(failed.stdout);
    expect(outcome).toMatchObject({ status: 'failed', counts: { rows: 0 }, errors: [] });
    expect(outcome.error).toContain('valueToRedeem');
    expect(failed.stderr).toContain(`error: import ${outcome.id} failed:`);
  }, 60_000);
});
