/** The command line as scripts use it: the real binary in a child process, on both dialects. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { authenticateApiKey } from '../auth/apiKeys.js';
import { runCli } from './testing/runCli.js';

const HEADER =
  'rewardId,accountId,userId,email,firstName,lastName,programId,unit,amount,redeemedAmount,status,dateGiven,dateExpires';
const ROWS = [
  'r-1,acc-1,000123,jose@example.com,José,García,,CASH/USD,10.50,,AVAILABLE,2026-01-15,',
  'r-2,acc-1,000123,,,,spring,POINT,100,,,2026-01-16T08:30:00Z,2099-12-31',
  'r-3,acc-1,u-2,,,,,CASH/USD,10.555,,AVAILABLE,2026-01-15,',
  'r-4,acc-1,u-2,,,,,bad unit,5,,AVAILABLE,2026-01-15,',
  'r-5,acc-2,123456789012345678,,"Smith, Jr.","O""Brien",loyalty,CENTS,500,200,AVAILABLE,2026-02-01,',
  'r-6,acc-2,u-3,,,,,POINT,5,,BOGUS,2026-01-15,',
  'r-7,acc-2,u-3,,,,,POINT,40,,REDEEMED,2026-01-15,',
  ',acc-2,u-3,,,,,POINT,5,,AVAILABLE,2026-01-15,',
];
const LIST_FIELDS = [
  'rewardId',
  'accountId',
  'userId',
  'programId',
  'unit',
  'amount',
  'redeemedAmount',
  'status',
  'dateGiven',
  'dateExpires',
  'dateRedeemed',
];

function writeFixture(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rewardbook-cli-')), 'rewards.csv');
  writeFileSync(file, '\uFEFF' + [HEADER, ...ROWS].join('\r\n') + '\r\n');
  return file;
}

describeEachDb('rewardbook CLI', (get) => {
  const run = (...args: string[]) => runCli(args, { DATABASE_URL: get().url });
  const file = writeFixture();

  it('migrate says the schema is up to date', async () => {
    const result = await run('migrate');
    expect(result).toMatchObject({ code: 0, stdout: 'database schema is up to date\n' });
  });

  it('tenants create prints the admin password once', async () => {
    const result = await run(
      'tenants',
      'create',
      'acme',
      '--name',
      'Acme',
      '--admin-email',
      'ops@acme.test',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^created tenant acme \(Acme\)\nadmin: +ops@acme\.test\npassword: +\S{12,}\n/,
    );
  });

  it('rewards load creates the good rows and names each refused one (exit 1)', async () => {
    const result = await run('rewards', 'load', file, '--batch', '3');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('loaded: 4 created, 0 already existed, 4 refused\n');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^row 4 \(rewardId r-3\): "10.555" has more than 2 decimals/);
    expect(lines[1]).toMatch(/^row 5 \(rewardId r-4\): Unit "bad unit" is not a valid unit code/);
    expect(lines[2]).toMatch(/^row 7 \(rewardId r-6\): status "BOGUS" is not a reward status/);
    expect(lines[3]).toMatch(/^row 9 \(rewardId \(empty\)\): rewardId must be 1 to 200 characters/);
  });

  it('loading the same file again changes nothing', async () => {
    const result = await run('rewards', 'load', file);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('loaded: 0 created, 4 already existed, 4 refused\n');
  });

  it('rewards list --format json gives exactly the contract fields and values', async () => {
    const result = await run('rewards', 'list', '--format', 'json');
    expect(result.code).toBe(0);
    const rewards = JSON.parse(result.stdout) as Record<string, unknown>[];
    for (const r of rewards) expect(Object.keys(r)).toEqual(LIST_FIELDS);
    const base = {
      dateExpires: null,
      dateRedeemed: null,
      redeemedAmount: '0',
      status: 'AVAILABLE',
    };
    expect(rewards).toEqual([
      {
        ...base,
        rewardId: 'r-1',
        accountId: 'acc-1',
        userId: '000123',
        programId: null,
        unit: 'CASH/USD',
        amount: '10.50',
        redeemedAmount: '0.00',
        dateGiven: '2026-01-15T00:00:00.000Z',
      },
      {
        ...base,
        rewardId: 'r-2',
        accountId: 'acc-1',
        userId: '000123',
        programId: 'spring',
        unit: 'POINT',
        amount: '100',
        dateGiven: '2026-01-16T08:30:00.000Z',
        dateExpires: '2099-12-31T00:00:00.000Z',
      },
      {
        ...base,
        rewardId: 'r-5',
        accountId: 'acc-2',
        userId: '123456789012345678',
        programId: 'loyalty',
        unit: 'CENTS',
        amount: '500',
        redeemedAmount: '200',
        dateGiven: '2026-02-01T00:00:00.000Z',
      },
      {
        ...base,
        rewardId: 'r-7',
        accountId: 'acc-2',
        userId: 'u-3',
        programId: null,
        unit: 'POINT',
        amount: '40',
        redeemedAmount: '40',
        status: 'REDEEMED',
        dateGiven: '2026-01-15T00:00:00.000Z',
        dateRedeemed: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      },
    ]);
  });

  it('rewards list --format csv quotes nothing it need not and keeps identifiers as text', async () => {
    const result = await run('rewards', 'list', '--format', 'csv');
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe(LIST_FIELDS.join(','));
    expect(lines[3]).toBe(
      'r-5,acc-2,123456789012345678,loyalty,CENTS,500,200,AVAILABLE,2026-02-01T00:00:00.000Z,,',
    );
  });

  it('balances --format json has one object per balance with something available', async () => {
    const result = await run('balances', '--format', 'json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { accountId: 'acc-1', userId: '000123', unit: 'CASH/USD', availableValue: '10.50' },
      { accountId: 'acc-1', userId: '000123', unit: 'POINT', availableValue: '100' },
      { accountId: 'acc-2', userId: '123456789012345678', unit: 'CENTS', availableValue: '300' },
    ]);
  });

  it('api-keys create prints a working key once, with a curl example', async () => {
    const result = await run('api-keys', 'create', '--name', 'ci');
    expect(result.code).toBe(0);
    const key = /rbk_\S+/.exec(result.stdout)?.[0] ?? '';
    expect(result.stdout).toContain(
      `curl -H "Authorization: Bearer ${key}" http://localhost:3000/api/v1/rewards`,
    );
    expect(await authenticateApiKey(get().handle.db, key)).toMatchObject({ name: 'ci' });
    const quiet = await run('api-keys', 'create', '--quiet');
    expect(quiet.stdout).toMatch(/^rbk_\S+\n$/);
    const listed = await run('api-keys', 'list');
    expect(listed.stdout).toMatch(/ci +rbk_/);
  });

  it('api-keys revoke makes a key unusable', async () => {
    const key = (await run('api-keys', 'create', '--quiet')).stdout.trim();
    const auth = await authenticateApiKey(get().handle.db, key);
    const result = await run('api-keys', 'revoke', String(auth?.keyId));
    expect(result.code).toBe(0);
    expect(await authenticateApiKey(get().handle.db, key)).toBeNull();
    expect((await run('api-keys', 'revoke', String(auth?.keyId))).stderr).toMatch(
      /^error: No active API key/,
    );
  });

  it('units set and list', async () => {
    const set = await run('units', 'set', 'GEMS', '--name', 'Gems', '--decimals', '1');
    expect(set).toMatchObject({ code: 0, stdout: 'unit GEMS: name "Gems", 1 decimals\n' });
    const refused = await run('units', 'set', 'CASH/USD', '--decimals', '3');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: Unit CASH\/USD already has rewards/);
    expect((await run('units', 'list')).stdout).toMatch(/CENTS +Cents +0\nGEMS +Gems +1\n/);
  });

  it('with two tenants and no --tenant, a command stops and lists both', async () => {
    expect((await run('tenants', 'create', 'beta')).code).toBe(0);
    const result = await run('rewards', 'list', '--format', 'json');
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toBe(
      'error: There are several tenants; choose one with --tenant SLUG: acme, beta\n',
    );
    expect((await run('rewards', 'list', '--format', 'json', '--tenant', 'beta')).stdout).toBe(
      '[]\n',
    );
    expect((await run('balances', '--tenant', 'acme', '--format', 'json')).code).toBe(0);
    const unknown = await run('programs', 'list', '--tenant', 'nope');
    expect(unknown.stderr).toBe(
      'error: No tenant "nope"; choose one with --tenant SLUG: acme, beta\n',
    );
  });
});

describeEachDb('rewardbook demo', (get) => {
  const run = (...args: string[]) => runCli(args, { DATABASE_URL: get().url });

  it('seeds the demo tenant and prints how to sign in and the API key', async () => {
    const result = await run('demo');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('admin@demo.rewardbook.local  /  demo-admin');
    expect(result.stdout).toMatch(/API key +rbk_\S+/);
    const statuses = await get()
      .handle.db.selectFrom('rewards')
      .select('status')
      .distinct()
      .execute();
    expect(statuses.map((s) => s.status).sort()).toEqual([
      'AVAILABLE',
      'CANCELLED',
      'EXPIRED',
      'PENDING',
      'REDEEMED',
    ]);
  });

  it('refuses when a demo tenant exists', async () => {
    const result = await run('demo');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: This database already has a "demo" tenant/);
  });
});
