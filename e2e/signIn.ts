/** Signing in as the demo tenant's admin, as a person does it on the sign-in page. */
import type { Page } from 'playwright-core';
import { screenshot } from './browser.js';

export const DEMO_ADMIN = { email: 'admin@demo.rewardbook.local', password: 'demo-admin' };

export async function signIn(page: Page, url: string, tag: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.waitForURL(/\/signin/);
  await page.getByRole('textbox', { name: 'Email' }).fill(DEMO_ADMIN.email);
  await page.getByRole('textbox', { name: 'Password' }).fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'Email or password is wrong' }).waitFor();
  await screenshot(page, `${tag}-01-sign-in-refused`);
  await page.getByRole('textbox', { name: 'Password' }).fill(DEMO_ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Participants' }).waitFor();
  await page.getByRole('table', { name: 'Participants' }).waitFor();
  await screenshot(page, `${tag}-02-participants`);
}

/** Signs in unless this browser already is (each test can then run on its own). */
export async function ensureSignedIn(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/participants`);
  const signInButton = page.getByRole('button', { name: 'Sign in' });
  const heading = page.getByRole('heading', { name: 'Participants' });
  await signInButton.or(heading).first().waitFor();
  if (await heading.isVisible()) return;
  await page.getByRole('textbox', { name: 'Email' }).fill(DEMO_ADMIN.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(DEMO_ADMIN.password);
  await signInButton.click();
  await heading.waitFor();
}
