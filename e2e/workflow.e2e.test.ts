/**
 * The bulk redemption workflow, end to end, in a real browser against a real server on each
 * database: sign in, create a report, find its email in the outbox, download the file from the
 * email's link, fill valueToRedeem (one truncating, one above the balance), dry run, apply, read
 * the summary and the error row, download the error file, see the participant's balance and
 * history, reverse the import, see the balance restored. Screenshots go to test-artifacts/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../test/helpers/databases.js';
import { chromiumPresent, CHROMIUM, IN_CI, launchBrowser, screenshot } from './browser.js';
import { parseCsv, writeCsv } from './csv.js';
import { ensureWebBuilt, startServer, type RunningServer } from './server.js';
import { DEMO_ADMIN, ensureSignedIn, signIn } from './signIn.js';
import { steps } from './workflowSteps.js';

/** A 2-decimal amount less some cents, in integers as the ledger does it. */
function minus(amount: string, cents: number): string {
  const left = Math.round(Number(amount) * 100) - cents;
  return `${Math.floor(left / 100)}.${String(left % 100).padStart(2, '0')}`;
}

const runBrowserTests = chromiumPresent || IN_CI;
if (!runBrowserTests) {
  console.warn(
    `Browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium); with CI=true they fail instead.`,
  );
}

for (const dialect of testDialects) {
  describe.runIf(runBrowserTests)(`admin app workflow [${dialect}]`, () => {
    let database: TestDatabase;
    let server: RunningServer;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    const problems: string[] = [];

    beforeAll(async () => {
      ensureWebBuilt();
      database = await createTestDatabase(dialect);
      server = await startServer(database.url);
      browser = await launchBrowser();
      context = await browser.newContext({
        acceptDownloads: true,
        reducedMotion: 'reduce',
        viewport: { width: 1280, height: 900 },
      });
      page = await context.newPage();
      // Script errors and Content-Security-Policy refusals would mean a broken screen somewhere.
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (message) => {
        if (/Content.Security.Policy|Refused to/i.test(message.text()))
          problems.push(message.text());
      });
    }, 120_000);

    afterAll(async () => {
      expect(problems).toEqual([]);
      await browser?.close();
      await server?.stop();
      await database?.drop();
    });

    it('exports, edits, dry-runs, applies and reverses an import, as an admin would', async () => {
      const s = steps(page, server.url, dialect);
      await signIn(page, server.url, dialect);
      const csv = await s.createReportAndDownloadFromEmail();
      const rows = parseCsv(csv);
      const header = rows[0]!;
      const col = (name: string) => header.indexOf(name);
      expect(header.at(-1)).toBe('valueToRedeem');
      // Three USD balances: one redeems 1.239 (truncated to 1.23), one asks for more than it
      // holds, one redeems 0.50.
      const usd = rows
        .slice(1)
        .filter((r) => r[col('unit')] === 'CASH/USD' && Number(r[col('availableValue')]) >= 2);
      expect(usd.length).toBeGreaterThanOrEqual(3);
      const [truncating, tooMuch, plain] = usd as [string[], string[], string[]];
      truncating[col('valueToRedeem')] = '1.239';
      tooMuch[col('valueToRedeem')] = (Number(tooMuch[col('availableValue')]) + 100).toFixed(2);
      plain[col('valueToRedeem')] = '0.50';
      const who = { accountId: truncating[col('accountId')]!, userId: truncating[col('userId')]! };
      const before = truncating[col('availableValue')]!;
      const edited = Buffer.from(writeCsv(rows), 'utf8');

      const dryRunId = await s.uploadImport(edited, 'dry-run');
      await s.expectSummary({ redeemed: 2, errors: 1, total: '1.73' });
      await screenshot(page, `${dialect}-05-dry-run`);
      const appliedId = await s.applyDryRun(dryRunId);
      await s.expectSummary({ redeemed: 2, errors: 1, total: '1.73' });
      await screenshot(page, `${dialect}-06-applied`);
      const errorRow = await s.showErrorRows();
      expect(errorRow).toContain('available');
      await screenshot(
        page,
        `${dialect}-07-error-rows`,
        page.getByRole('table', { name: 'Row outcomes' }),
      );
      const errorFile = await s.downloadErrorFile();
      const errorRows = parseCsv(errorFile);
      expect(errorRows[0]).toContain('error');
      expect(errorRows).toHaveLength(2);
      expect(errorRows[1]).toContain(tooMuch[col('userId')]);
      await s.refuseRepeat(edited);

      const history = page.getByRole('table', { name: 'Redemption history' });
      await s.openParticipant(who.userId, who.accountId);
      await s.expectBalance('CASH/USD', minus(before, 123));
      await history.getByText(`Import #${appliedId}, row`).first().waitFor();
      await screenshot(page, `${dialect}-08-participant-after-import`, history);

      await s.reverseImport(appliedId, '1.73 CASH/USD');
      await screenshot(page, `${dialect}-09-reversed`);
      await s.openParticipant(who.userId, who.accountId);
      await s.expectBalance('CASH/USD', before);
      await history.getByText('Reversal of').first().waitFor();
      await screenshot(page, `${dialect}-10-participant-restored`, history);

      await s.redeemInApp('0.019', '0.01');
      await s.expectBalance('CASH/USD', minus(before, 1));
      await history.getByText('App', { exact: true }).first().waitFor();
      await screenshot(page, `${dialect}-11-redeemed-in-app`, history);
    }, 240_000);

    it('manages API keys and admins in Settings, secrets shown once', async () => {
      await ensureSignedIn(page, server.url);
      await page.goto(`${server.url}/settings`);
      await page.getByRole('table', { name: 'API keys' }).waitFor();
      // Signing in again elsewhere (another tab) gives this browser a new session and CSRF
      // token; the page's next change still goes through, with the new token.
      const again = await page.request.post(`${server.url}/api/session`, { data: DEMO_ADMIN });
      expect(again.status()).toBe(200);
      await page.getByRole('button', { name: 'Create API key…' }).click();
      const keyDialog = page.getByRole('dialog', { name: 'Create API key' });
      await keyDialog.getByRole('textbox', { name: 'Name' }).fill('payroll-sync');
      await keyDialog.getByRole('button', { name: 'Create' }).click();
      const key = await keyDialog.getByTestId('secret').innerText();
      expect(key).toMatch(/^rbk_/);
      const withKey = await page.request.get(`${server.url}/api/v1/units`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(withKey.status()).toBe(200);
      await screenshot(page, `${dialect}-14-api-key-shown-once`);
      await keyDialog.getByRole('button', { name: 'Done' }).click();
      await page.getByRole('button', { name: 'Revoke payroll-sync' }).click();
      await page
        .getByRole('dialog', { name: 'Revoke API key' })
        .getByRole('button', { name: 'Revoke' })
        .click();
      await page
        .getByRole('table', { name: 'API keys' })
        .getByText(/^Revoked/)
        .waitFor();
      const revoked = await page.request.get(`${server.url}/api/v1/units`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(revoked.status()).toBe(401);

      await page.getByRole('button', { name: 'Add admin…' }).click();
      const adminDialog = page.getByRole('dialog', { name: 'Add admin' });
      await adminDialog.getByRole('textbox', { name: 'Email' }).fill('grace@example.com');
      await adminDialog.getByRole('button', { name: 'Add admin' }).click();
      expect(await adminDialog.getByTestId('secret').innerText()).toMatch(/^\S{16}$/);
      await adminDialog.getByRole('button', { name: 'Done' }).click();
      await page.getByRole('button', { name: 'Remove grace@example.com' }).click();
      await page
        .getByRole('dialog', { name: 'Remove admin' })
        .getByRole('button', { name: 'Remove' })
        .click();
      await page
        .getByRole('table', { name: 'Admins' })
        .getByText('grace@example.com')
        .waitFor({ state: 'detached' });
    }, 60_000);

    it('shows the main screens at tablet width, and signs out', async () => {
      await ensureSignedIn(page, server.url);
      await page.setViewportSize({ width: 768, height: 1024 });
      await page.goto(`${server.url}/reporting?tab=imports`);
      await page.getByRole('heading', { name: 'Imports & Exports' }).waitFor();
      await page.getByRole('button', { name: 'Start Import' }).waitFor();
      await screenshot(page, `${dialect}-12-tablet-imports`);
      await page.getByRole('button', { name: 'Open navigation' }).click();
      await screenshot(page, `${dialect}-12a-tablet-navigation`);
      await page
        .getByRole('navigation', { name: 'Main navigation' })
        .getByRole('link', { name: 'Settings' })
        .click();
      await page.getByRole('table', { name: 'Admins' }).waitFor();
      await screenshot(page, `${dialect}-13-tablet-settings`);
      await page.getByRole('button', { name: /^Account/ }).click();
      await page.getByRole('menuitem', { name: 'Sign out' }).click();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await page.goto(`${server.url}/participants`);
      await page.waitForURL(/\/signin/);
      const reply = await page.request.get(`${server.url}/api/v1/units`);
      expect(reply.status()).toBe(401);
    }, 60_000);
  });
}
