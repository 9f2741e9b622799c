/**
 * Security headers on every kind of answer (API data, API errors, refusals before any route,
 * downloads, the web app's pages), and the web app's file serving kept inside its folder.
 */
import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases.js';
import { useServer } from '../../src/http/testing.js';

const EVERY_ANSWER = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };

describeEachDb('security headers', (get) => {
  const { server, setUp } = useServer(get);

  const fetch = (url: string, headers: Record<string, string> = {}) =>
    server().inject({ method: 'GET', url, headers });

  it('sets nosniff and no-referrer on data, errors, refusals and downloads', async () => {
    const { apiKey } = await setUp();
    const auth = { authorization: `Bearer ${apiKey}` };
    const answers = [
      await fetch('/api/v1/units', auth),
      await fetch('/api/v1/units'),
      await fetch('/api/v1/rewards/nope', auth),
      await fetch('/api/v1/nowhere', auth),
      await fetch('/health'),
      await fetch('/download?resource=file:1&tenant=1&expires=1&sig=x'),
      await fetch('/api/v1/%zz', auth),
      await fetch('/%E0%A4%A.txt'),
    ];
    for (const answer of answers) {
      expect(answer.headers, answer.raw.req.url).toMatchObject(EVERY_ANSWER);
    }
  });

  it('answers a URL whose escapes do not decode in the one error shape', async () => {
    for (const url of ['/api/v1/%zz', '/%E0%A4%A.txt', '/api/v1/rewards/%C3%28']) {
      const reply = await fetch(url);
      expect(reply.statusCode, url).toBe(400);
      expect(reply.json(), url).toEqual({
        error: {
          code: 'MALFORMED_REQUEST',
          message: expect.stringMatching(
            /^The URL is not valid \(.*\); write a special character as the %XX escapes/,
          ),
          details: {},
        },
      });
    }
  });

  it("gives the web app's pages a content security policy and forbids framing them", async () => {
    for (const url of ['/', '/participants/acct-1/user-1']) {
      const page = await fetch(url);
      expect(page.headers['content-type'], url).toMatch(/^text\/html/);
      expect(page.headers, url).toMatchObject({ ...EVERY_ANSWER, 'x-frame-options': 'DENY' });
      expect(page.headers['content-security-policy'], url).toMatch(
        /default-src 'self'.*script-src 'self'.*frame-ancestors 'none'/,
      );
    }
  });

  it('never serves a file from outside the web app folder', async () => {
    const attempts = [
      '/..%2f..%2fpackage.json',
      '/assets/..%2F..%2F..%2Fpackage.json',
      '/assets/%2e%2e/%2e%2e/%2e%2e/package.json',
      '/....//....//package.json',
      '/%2e%2e/%2e%2e/src/config/config.ts',
      '/..%5c..%5cpackage.json',
    ];
    for (const url of attempts) {
      const reply = await fetch(url);
      expect(reply.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(reply.body, url).not.toMatch(/devDependencies|secretKey/);
    }
  });

  it('keeps sign-in answers out of caches', async () => {
    const reply = await server().inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'nobody@example.com', password: 'wrong password' },
    });
    expect(reply.statusCode).toBe(401);
    expect(reply.headers['cache-control']).toBe('no-store');
  });
});
