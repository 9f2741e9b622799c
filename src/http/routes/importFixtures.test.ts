/**
 * The files a real spreadsheet program wrote (test/fixtures/spreadsheet, see its README.md),
 * uploaded through the API against the participants and balances of the report they came from.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../../test/helpers/databases.js';
import { readImportFile } from '../../imports/read/readImportFile.js';
import { runJobs } from '../../imports/testing.js';
import { giveRewards, testConfig, useServer, type ApiClient } from '../testing.js';
import { uploadFile } from './importsTesting.js';

const FIXTURES = new URL('../../../test/fixtures/spreadsheet/', import.meta.url);
const bytesOf = (name: string) => readFileSync(new URL(name, FIXTURES));

/** One reward per row of the report as exported: its balance is the row's availableValue. */
async function seedFromReport(db: Parameters<typeof giveRewards>[0], tenantId: number) {
  const file = await readImportFile(async function* () {
    yield bytesOf('export-as-written.csv');
  });
  const column = (name: string) => file.header.columns.indexOf(name);
  const rewards = [];
  for await (const batch of file.batches) {
    for (const { cells } of batch) {
      const cell = (name: string) => cells[column(name)] ?? '';
      rewards.push({
        accountId: cell('accountId'),
        userId: cell('userId'),
        unit: cell('unit'),
        amount: cell('availableValue'),
        firstName: cell('firstName'),
        lastName: cell('lastName'),
        email: cell('email'),
        ...(cell('programId') ? { programId: cell('programId') } : {}),
        ...(cell('nextExpiry') ? { dateExpires: cell('nextExpiry') } : {}),
      });
    }
  }
  expect(rewards).toHaveLength(6);
  await giveRewards(db, tenantId, rewards);
}

async function balanceOf(client: ApiClient, accountId: string, userId: string, unit: string) {
  const reply = await client.get(
    `/balances?accountId=${accountId}&userId=${userId}&unit=${encodeURIComponent(unit)}`,
  );
  return reply.body.items[0]?.available as string;
}

describeEachDb('HTTP import of files saved by a spreadsheet program', (get) => {
  const { setUp } = useServer(get);

  async function importFixture(name: string) {
    const { db, tenant, app, apiKey, client } = await setUp();
    await seedFromReport(db, tenant.id);
    const xlsx = name.endsWith('.xlsx');
    const upload = await uploadFile(app, apiKey, {
      content: bytesOf(name),
      filename: name,
      contentType: xlsx
        ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
        : 'text/csv',
    });
    expect(upload.status).toBe(202);
    await runJobs(get().handle, testConfig());
    const view = (await client.get(`/imports/${upload.body.id}`)).body;
    const rows = (await client.get(`/imports/${upload.body.id}/rows`)).body.items;
    return { client, view, rows };
  }

  it('applies the report as exported: truncation, decimals, skipped rows, programs', async () => {
    const { client, view, rows } = await importFixture('export-as-written.csv');
    expect(view.summary).toMatchObject({
      rows: 6,
      redeemed: 5,
      skipped: 1,
      errors: 0,
      warnings: 0,
    });
    expect(rows.map((r: { amountRedeemed: string | null }) => r.amountRedeemed)).toEqual([
      '10.55',
      '700',
      null,
      '3.10',
      '1200',
      '0.500',
    ]);
    expect(await balanceOf(client, 'acct-1', '000123', 'CASH/USD')).toBe('14.45');
    expect(await balanceOf(client, 'acct-2', '123456789012345678', 'POINT')).toBe('800');
    expect(await balanceOf(client, 'acct-3', 'user-3', 'CENTS')).toBe('4200');
    expect(await balanceOf(client, 'acct-4', 'user-4', 'CASH/USD')).toBe('0.00');
    expect(await balanceOf(client, 'acct-6', 'user-6', 'CASH/KWD')).toBe('0.734');
  });

  for (const name of [
    'libreoffice-saved-utf8.csv',
    'libreoffice-saved-semicolon-cp1252.csv',
    'libreoffice-saved.xlsx',
  ]) {
    it(`applies the rows that survived ${name} and names what the spreadsheet did to the rest`, async () => {
      const { client, view, rows } = await importFixture(name);
      expect(view.summary).toMatchObject({
        rows: 6,
        redeemed: 2,
        skipped: 1,
        errors: 3,
        warnings: 0,
      });
      const [ana, jose, zoe, smith, soren, li] = rows;
      expect(ana).toMatchObject({ outcome: 'error', userId: '123' });
      expect(ana.message).toContain('No participant has userId "123", but "000123" exists');
      expect(ana.message).toContain('dropped its leading zeros');
      expect(jose.outcome).toBe('error');
      expect(jose.message).toContain('is in scientific notation');
      expect(zoe.outcome).toBe('skipped');
      expect(smith).toMatchObject({ outcome: 'redeemed', amountRedeemed: '3.10', warnings: [] });
      expect(soren.outcome).toBe('error');
      expect(soren.message).toContain('"0042" exists');
      expect(li).toMatchObject({ outcome: 'redeemed', amountRedeemed: '0.500', warnings: [] });
      expect(await balanceOf(client, 'acct-1', '000123', 'CASH/USD')).toBe('25.00');
      expect(await balanceOf(client, 'acct-2', '123456789012345678', 'POINT')).toBe('1500');
      expect(await balanceOf(client, '0042', '0042', 'CASH/JPY')).toBe('1200');
      expect(await balanceOf(client, 'acct-4', 'user-4', 'CASH/USD')).toBe('0.00');
      expect(await balanceOf(client, 'acct-6', 'user-6', 'CASH/KWD')).toBe('0.734');
      // The error file gives the failed rows back as read, quotes and accents included.
      const errors = await client.get(`/imports/${view.id}/files/errors`);
      const lines = (errors.body as string).replace('\uFEFF', '').trimEnd().split('\r\n');
      expect(lines).toHaveLength(4);
      expect(lines[3]).toMatch(/^Søren,"The ""Boss""",soren@example\.com,42,42,/);
    });
  }
});
