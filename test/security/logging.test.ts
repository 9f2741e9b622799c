/**
 * Secrets never reach the server log, even at its most talkative level: API keys (right or
 * wrong), passwords, session tokens, signed links' signatures, and the keys and passwords the
 * settings routes show once.
 */
import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases.js';
import { createApiKey } from '../../src/auth/apiKeys.js';
import { downloadUrlFor } from '../../src/exports/downloadUrl.js';
import { writeFile } from '../../src/files/index.js';
import { buildServer } from '../../src/http/server.js';
import { ADMIN_PASSWORD, buildTenantWithAdmin, send } from '../../src/http/session/testing.js';
import { testConfig } from '../../src/http/testing.js';
import { bytesOf } from '../../src/imports/testing.js';

describeEachDb('server log', (get) => {
  it('holds no secret of any request, at trace level', async () => {
    const lines: string[] = [];
    const config = testConfig({ logLevel: 'trace' });
    const app = await buildServer({
      handle: get().handle,
      config,
      logStream: { write: (line) => void lines.push(line) },
    });
    try {
      const db = get().handle.db;
      const { tenant, email } = await buildTenantWithAdmin(db);
      const { key } = await createApiKey(db, tenant.id, 'logged');
      const wrongKey = `rbk_${'W'.repeat(32)}`;
      const secrets: string[] = [key, wrongKey, ADMIN_PASSWORD, 'a guess at the password'];

      const api = (authorization: string, url = '/api/v1/units') =>
        app.inject({ method: 'GET', url, headers: { authorization } });
      await api(`Bearer ${key}`);
      await api(`Bearer ${key}`, '/api/v1/rewards/nope');
      await api(`Bearer ${wrongKey}`);
      await api(`Basic ${Buffer.from(`x:${ADMIN_PASSWORD}`).toString('base64')}`);
      await send(app, 'POST', '/api/session', {
        body: { email, password: 'a guess at the password' },
      });
      const signedIn = await send(app, 'POST', '/api/session', {
        body: { email, password: ADMIN_PASSWORD },
      });
      const cookie = String(signedIn.headers['set-cookie']).split(';')[0] ?? '';
      const session = { cookie, csrf: signedIn.body.csrfToken as string };
      secrets.push(cookie.split('=')[1] ?? '');
      const created = await send(app, 'POST', 'api-keys', {
        ...session,
        body: { name: 'shown once' },
      });
      const added = await send(app, 'POST', 'admins', {
        ...session,
        body: { email: 'new-admin@example.com' },
      });
      secrets.push(created.body.key, added.body.password);
      await send(app, 'GET', 'units', { cookie });
      await send(app, 'DELETE', '/api/session', session);

      const file = await writeFile(
        db,
        {
          tenantId: tenant.id,
          purpose: 'report',
          name: 'r.csv',
          contentType: 'text/csv',
          expiresAt: null,
        },
        bytesOf('x'),
      );
      const link = new URL(downloadUrlFor(config, tenant.id, file.id).url);
      expect(
        (await app.inject({ method: 'GET', url: `${link.pathname}${link.search}` })).statusCode,
      ).toBe(200);
      secrets.push(link.searchParams.get('sig') ?? '');

      expect(lines.length).toBeGreaterThan(20);
      const log = lines.join('');
      // Headers are logged (so a secret would show) with the credentials censored.
      expect(log).toContain('"authorization":"[redacted]"');
      expect(log).toContain('"cookie":"[redacted]"');
      for (const secret of secrets) {
        expect(secret.length).toBeGreaterThan(8);
        expect(log, `the log holds ${secret.slice(0, 6)}…`).not.toContain(secret);
      }
    } finally {
      await app.close();
    }
  });
});
