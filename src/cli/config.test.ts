/** A bad setting stops any command with one line naming the variable, and exit code 2. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './testing/runCli.js';

const sqliteUrl = () => `sqlite:${join(mkdtempSync(join(tmpdir(), 'rewardbook-cfg-')), 'x.db')}`;

describe('rewardbook configuration errors', () => {
  it.each([
    ['PORT', { PORT: 'abc' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost/x' }],
    ['DATABASE_URL', { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nothing' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
  ])('%s: %j', async (variable, env) => {
    const result = await runCli(['migrate'], { DATABASE_URL: sqliteUrl(), ...env });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^error: ${variable}\\b[^\\n]*\\n$`));
  });

  it('a fresh database is migrated, listing what was applied', async () => {
    const result = await runCli(['migrate'], { DATABASE_URL: sqliteUrl() });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^applied 001_ledger\n(applied \d{3}_\w+\n)+$/);
  });

  it('an unknown command is refused by commander with exit 1', async () => {
    const result = await runCli(['frobnicate'], { DATABASE_URL: sqliteUrl() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it('--help lists the commands and exits 0', async () => {
    const result = await runCli(['--help'], {});
    expect(result.code).toBe(0);
    for (const command of [
      'serve',
      'migrate',
      'demo',
      'tenants',
      'api-keys',
      'rewards',
      'balances',
    ]) {
      expect(result.stdout).toContain(`  ${command}`);
    }
  });
});
