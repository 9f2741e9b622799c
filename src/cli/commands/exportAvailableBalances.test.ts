/** `rewardbook export available-balances` and `outbox` as scripts use them: real child processes. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../../test/helpers/databases.js';
import type { Db } from '../../db/database.js';
import { queueEmail } from '../../email/queueEmail.js';
import { buildLedger } from '../../exports/testing.js';
import { buildTenant } from '../../http/testing.js';
import { runCli } from '../testing/runCli.js';

const HEADER =
  'firstName,lastName,email,userId,accountId,programId,unit,unitName,currency,availableValue,totalRedeemedValue,rewardCount,nextExpiry,valueToRedeem';

/** Every case starts several CLI processes, each a few seconds on a busy machine. */
const slow = { timeout: 120_000 };

const exportCount = async (db: Db, tenantId: number) =>
  (await db.selectFrom('exports').select('id').where('tenant_id', '=', tenantId).execute()).length;

describeEachDb('rewardbook export and outbox', (get) => {
  const dir = mkdtempSync(join(tmpdir(), 'rewardbook-export-cli-'));
  const run = (...args: string[]) => runCli(args, { DATABASE_URL: get().url });

  async function tenantWithLedger() {
    const { db } = get().handle;
    const { tenant } = await buildTenant(db);
    await buildLedger(db, tenant.id);
    return { db, tenant };
  }

  it('exports CSV to a file and says how many balances it holds', slow, async () => {
    const { tenant } = await tenantWithLedger();
    const output = join(dir, `${tenant.slug}.csv`);
    const result = await run(
      'export',
      'available-balances',
      '--format',
      'csv',
      '--output',
      output,
      '--tenant',
      tenant.slug,
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(`exported 4 balances to ${output}\n`);
    const text = readFileSync(output, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.slice(1).split('\r\n')).toEqual([
      HEADER,
      'Ana,Silva,ana@example.com,000123,acct-1,,CASH/USD,USD,USD,12.75,3.00,2,2099-01-31,',
      'Ana,Silva,ana@example.com,000123,acct-1,,POINT,Point,,100,0,1,,',
      "'=SUM(A1),'+1,,u-2,acct-1,,CASH/USD,USD,USD,0.01,4.00,1,,",
      ',,,u-4,acct-2,,CASH/KWD,KWD,KWD,1.234,0.000,1,,',
      '',
    ]);
  });

  it('exports Excel for one unit and one program', slow, async () => {
    const { tenant } = await tenantWithLedger();
    const output = join(dir, `${tenant.slug}.xlsx`);
    const result = await run(
      'export',
      'available-balances',
      '--format',
      'XLSX',
      '--unit',
      'CASH/USD',
      '--program',
      'spring',
      '--output',
      output,
      '--tenant',
      tenant.slug,
    );
    expect(result).toMatchObject({ code: 0, stdout: `exported 1 balance to ${output}\n` });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(output) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Balances')!;
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(4).value).toBe('000123');
    expect(sheet.getRow(2).getCell(6).value).toBe('spring');
    expect(sheet.getRow(2).getCell(10).value).toBe(7.5);
  });

  it(
    'refuses an unknown unit, program or format, or an unwritable output, creating nothing',
    slow,
    async () => {
      const { db, tenant } = await tenantWithLedger();
      const output = join(dir, `${tenant.slug}-refused.csv`);
      const base = ['export', 'available-balances', '--tenant', tenant.slug, '--output', output];
      const cases: [string[], string][] = [
        [
          ['--format', 'csv', '--unit', 'CASH/EUR'],
          'error: Unknown unit "CASH/EUR"; this tenant\'s units are: CASH/KWD, CASH/USD, POINT\n',
        ],
        [
          ['--format', 'csv', '--program', 'winter'],
          'error: Unknown program "winter"; this tenant\'s programs are: spring, summer\n',
        ],
        [
          ['--format', 'pdf'],
          'error: Unknown format "pdf"; a report can be exported as CSV or XLSX (Excel)\n',
        ],
      ];
      for (const [args, stderr] of cases) {
        expect(await run(...base, ...args)).toMatchObject({ code: 1, stdout: '', stderr });
      }
      const nowhere = join(dir, 'no-such-folder', 'report.csv');
      const result = await run(
        'export',
        'available-balances',
        '--tenant',
        tenant.slug,
        '--format',
        'csv',
        '--output',
        nowhere,
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('cannot be written: give a file path in an existing folder');
      expect(existsSync(output)).toBe(false);
      expect(await exportCount(db, tenant.id)).toBe(0);
    },
  );

  it('emails the link when asked, and lists and shows the email in the outbox', slow, async () => {
    const { tenant } = await tenantWithLedger();
    const output = join(dir, `${tenant.slug}-mailed.csv`);
    const exported = await run(
      'export',
      'available-balances',
      '--format',
      'csv',
      '--notify-email',
      'ops@example.com',
      '--output',
      output,
      '--tenant',
      tenant.slug,
    );
    expect(exported).toMatchObject({ code: 0, stderr: '' });
    expect(exported.stdout).toBe(
      `exported 4 balances to ${output}\n` +
        'kept the email to ops@example.com in the outbox (no SMTP_URL is set): rewardbook outbox list\n',
    );
    const listed = await run('outbox', 'list', '--tenant', tenant.slug);
    expect(listed.stdout.split('\n')[0]).toMatch(/^ID +TO +SUBJECT +STATUS +CREATED$/);
    const row = new RegExp(
      '^(\\d+) +ops@example\\.com +Your report is ready: Available reward balances by user +kept +\\d{4}-',
      'm',
    ).exec(listed.stdout);
    if (!row?.[1]) throw new Error(`no email listed:\n${listed.stdout}`);
    const shown = await run('outbox', 'show', row[1], '--tenant', tenant.slug);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(
      /^Id: +\d+\nTo: +ops@example\.com\nSubject: +Your report is ready: Available reward balances by user\nStatus: +kept\nCreated: +\S+\n\nYour report is ready\n/,
    );
    expect(shown.stdout).toMatch(
      /Download report: http:\/\/localhost:3000\/download\?resource=file%3A\d+&/,
    );
    const missing = await run('outbox', 'show', '999999', '--tenant', tenant.slug);
    expect(missing).toMatchObject({ code: 1, stderr: 'error: Email 999999 does not exist.\n' });
  });

  it('runs queued jobs with `worker --exit-when-idle`, then stops', slow, async () => {
    const { db } = get().handle;
    const { tenant } = await buildTenant(db);
    const id = await queueEmail(db, {
      tenantId: tenant.id,
      to: 'queued@example.com',
      subject: 'Queued',
      text: 'text',
      html: '<p>html</p>',
    });
    const worker = await runCli(['worker', '--exit-when-idle'], {
      DATABASE_URL: get().url,
      SMTP_URL: '',
    });
    expect(worker.code).toBe(0);
    expect(worker.stderr).toContain('no job is queued, running or waiting for a retry; stopping');
    const listed = await run('outbox', 'list', '--tenant', tenant.slug, '--format', 'json');
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ id, to: 'queued@example.com', status: 'kept' }),
    ]);
  });
});
