/** The steps of the browser workflow, each as a person would do it: by labels, roles and text. */
import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot } from './browser.js';

const JOB_TIMEOUT = 90_000;

async function textOf(download: Download): Promise<string> {
  const path = await download.path();
  return readFile(path, 'utf8');
}

export function steps(page: Page, url: string, tag: string) {
  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name });

  /** Waits on an import's page until it has finished; answers its id. */
  const waitForImport = async (): Promise<number> => {
    await page.waitForURL(/\/reporting\/imports\/\d+$/);
    const id = Number(/imports\/(\d+)$/.exec(page.url())?.[1]);
    await page.getByTestId('import-status').getByText('Done').waitFor({ timeout: JOB_TIMEOUT });
    return id;
  };

  return {
    /** Create Report (CSV, USD), then the email in the outbox, then its link: the file's text. */
    async createReportAndDownloadFromEmail(): Promise<string> {
      await nav('Imports & Exports').click();
      await page.getByRole('heading', { name: 'Create Report' }).waitFor();
      await page.getByRole('combobox', { name: 'Reward unit' }).click();
      await page.getByRole('option', { name: 'US dollars (CASH/USD)' }).click();
      await page.getByText('CSV', { exact: true }).click();
      await page.getByRole('button', { name: 'Create Report' }).click();
      await page.getByText('a download link will be emailed').waitFor();
      await screenshot(page, `${tag}-03-report-requested`);
      const reports = page.getByRole('table', { name: 'Reports' });
      await reports
        .getByRole('link', { name: 'Download' })
        .first()
        .waitFor({ timeout: JOB_TIMEOUT });

      await nav('Outbox').click();
      await page.getByText('Your report is ready').first().click();
      const link = page
        .frameLocator('[data-testid=email-frame]')
        .getByRole('link', { name: 'Download report' });
      await link.waitFor();
      await screenshot(page, `${tag}-04-outbox-email`);
      // The frame may open links and downloads but never run a script of the email's.
      const sandbox = (await page.getByTestId('email-frame').getAttribute('sandbox')) ?? '';
      expect(sandbox.split(' ')).not.toContain('allow-scripts');
      expect(sandbox.split(' ')).not.toContain('allow-same-origin');
      // The link opens a new tab (target=_blank) whose answer is the file: a download of this page.
      const download = page.waitForEvent('download');
      await link.click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/\.csv$/);
      return textOf(file);
    },

    /** Imports tab: chooses the file with the button's file chooser, picks the mode, starts. */
    async uploadImport(content: Buffer, mode: 'dry-run' | 'apply'): Promise<number> {
      await nav('Imports & Exports').click();
      await page.getByRole('tab', { name: 'Imports' }).click();
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Choose file…' }).click();
      await (
        await chooser
      ).setFiles({ name: 'balances-filled.csv', mimeType: 'text/csv', buffer: content });
      await page.getByTestId('chosen-file').getByText('balances-filled.csv').waitFor();
      await page
        .getByRole('radio', { name: mode === 'dry-run' ? 'Validate only (dry run)' : 'Apply' })
        .check();
      await page.getByRole('button', { name: 'Start Import' }).click();
      return waitForImport();
    },

    /** Uploading an applied file again to apply it asks first; this answers Cancel. */
    async refuseRepeat(content: Buffer): Promise<void> {
      await nav('Imports & Exports').click();
      await page.getByRole('tab', { name: 'Imports' }).click();
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Choose file…' }).click();
      await (
        await chooser
      ).setFiles({ name: 'balances-filled.csv', mimeType: 'text/csv', buffer: content });
      await page.getByRole('radio', { name: 'Apply' }).check();
      await page.getByRole('button', { name: 'Start Import' }).click();
      const dialog = page.getByRole('dialog', { name: 'This file was already applied' });
      await dialog.getByRole('link', { name: /^import #\d+$/ }).waitFor();
      await screenshot(page, `${tag}-07b-repeat-asks`);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });
    },

    async expectSummary(expected: { redeemed: number; errors: number; total: string }) {
      await page.getByRole('heading', { name: 'Summary' }).waitFor();
      const stat = (id: string) => page.getByTestId(`stat-${id}`).locator('p').last().innerText();
      const redeemedId = (await page.getByTestId('stat-would-redeem').count())
        ? 'would-redeem'
        : 'redeemed';
      expect(await stat(redeemedId)).toBe(String(expected.redeemed));
      expect(await stat('errors')).toBe(String(expected.errors));
      const total = await page.getByTestId('total-CASH/USD').locator('td').nth(1).innerText();
      expect(total).toBe(expected.total);
    },

    /** "Apply this file" on a finished dry run; answers the new import's id. */
    async applyDryRun(dryRunId: number): Promise<number> {
      await page.getByRole('button', { name: 'Apply this file…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Apply this file' });
      await dialog.getByText('1.73 CASH/USD').waitFor();
      await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
      await page.waitForURL((u) => !u.pathname.endsWith(`/imports/${dryRunId}`));
      return waitForImport();
    },

    /** Filters the rows to errors; answers the error row's text. */
    async showErrorRows(): Promise<string> {
      await page
        .getByRole('radiogroup', { name: 'Show rows' })
        .getByText(/^Errors/)
        .click();
      const rows = page.getByRole('table', { name: 'Row outcomes' }).locator('tbody tr');
      // The unfiltered table holds the error row too: wait for the filter to take effect.
      await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
      await rows.filter({ hasText: 'error' }).first().waitFor();
      return rows.first().innerText();
    },

    async downloadErrorFile(): Promise<string> {
      const download = page.waitForEvent('download');
      await page.getByRole('link', { name: 'Error file' }).click();
      return textOf(await download);
    },

    async openParticipant(userId: string, accountId: string) {
      await nav('Participants').click();
      await page.getByRole('searchbox', { name: 'Search' }).fill(userId);
      const table = page.getByRole('table', { name: 'Participants' });
      const row = table
        .locator('tbody tr')
        .filter({ hasText: accountId })
        .filter({ hasText: userId });
      await row.first().getByRole('link').click();
      await page.getByRole('heading', { name: 'Balances' }).waitFor();
    },

    async expectBalance(unit: string, available: string) {
      await page
        .getByTestId(`balance-${unit}`)
        .getByTestId('available')
        .getByText(available, { exact: true })
        .waitFor();
    },

    /** Reverse import, after checking that the confirmation says what it restores. */
    async reverseImport(importId: number, restores: string) {
      await page
        .getByRole('link', { name: new RegExp(`^Import #${importId}, row`) })
        .first()
        .click();
      await page.getByRole('button', { name: 'Reverse import…' }).click();
      const dialog = page.getByRole('dialog', { name: `Reverse import #${importId}` });
      await dialog.getByTestId('reverse-totals').getByText(restores).waitFor();
      await screenshot(page, `${tag}-09a-reverse-confirm`);
      await dialog.getByRole('button', { name: 'Reverse import' }).click();
      await page.getByText(/^Reversed .* by admin@demo\.rewardbook\.local/).waitFor();
    },

    /** Redeem from the USD balance in the app; the dialog shows the truncated amount first. */
    async redeemInApp(typed: string, redeemed: string) {
      await page.getByRole('button', { name: 'Redeem from CASH/USD balance' }).click();
      const dialog = page.getByRole('dialog', { name: 'Redeem from balance' });
      await dialog.getByRole('textbox', { name: /Amount to redeem/ }).fill(typed);
      await dialog.getByTestId('truncation-notice').getByText(redeemed).waitFor();
      await screenshot(page, `${tag}-11a-redeem-dialog`);
      await dialog.getByRole('button', { name: `Redeem ${redeemed} CASH/USD` }).click();
      await dialog.waitFor({ state: 'hidden' });
    },
  };
}
