/**
 * Headless Chromium for the browser tests: Debian's `chromium` driven by playwright-core. In CI
 * a missing browser fails the tests; elsewhere they are skipped with a message.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
export const chromiumPresent = existsSync(CHROMIUM);
export const SCREENSHOTS = join(process.cwd(), 'test-artifacts', 'screenshots');

export function launchBrowser(): Promise<Browser> {
  if (!chromiumPresent) {
    throw new Error(
      `Chromium is required for the browser tests but ${CHROMIUM} is missing: apt-get install -y chromium`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Keeps a screenshot of what the window shows as a test artifact. */
export async function screenshot(page: Page, name: string, scrollTo?: Locator): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await scrollTo?.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}
