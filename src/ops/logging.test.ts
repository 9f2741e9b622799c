import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { buildServer } from '../http/server.js';
import { buildTenant, testConfig } from '../http/testing.js';
import { censorUrl, CENSORED } from './logging.js';

describeEachDb('server log', (get) => {
  const lines: string[] = [];
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    app = await buildServer({
      handle: get().handle,
      config: testConfig({ logLevel: 'info' }),
      logStream: { write: (line) => void lines.push(line) },
    });
  });
  afterAll(() => app?.close());

  it('logs requests with their headers, and never an API key, cookie or link signature', async () => {
    const { apiKey } = await buildTenant(get().handle.db);
    const unknownKey = 'rbk_unknownKeyThatMustNotBeLogged0123';
    const cookie = 'rb_session=sessionTokenThatMustNotBeLogged';
    const sig = 'linkSignatureThatMustNotBeLogged';
    const send = (url: string, headers: Record<string, string>) =>
      app!.inject({ url, headers: { 'user-agent': 'log-test/1', ...headers } });
    const ok = await send('/api/v1/units', { authorization: `Bearer ${apiKey}`, cookie });
    expect(ok.statusCode).toBe(200);
    const refused = await send('/api/v1/units', { authorization: `Bearer ${unknownKey}` });
    expect(refused.statusCode).toBe(401);
    await send(`/api/v1/units?sig=${sig}&tenant=1`, { 'x-api-key': apiKey });

    const log = lines.join('');
    for (const secret of [apiKey, unknownKey, 'sessionTokenThatMustNotBeLogged', sig]) {
      expect(log).not.toContain(secret);
    }
    const incoming = lines
      .map((line) => JSON.parse(line))
      .filter((entry) => entry.msg === 'incoming request');
    expect(incoming).toHaveLength(3);
    expect(incoming[0].req.headers).toMatchObject({
      'user-agent': 'log-test/1',
      authorization: CENSORED,
      cookie: CENSORED,
    });
    expect(incoming[2].req.headers['x-api-key']).toBe(CENSORED);
    expect(incoming[2].req.url).toBe(`/api/v1/units?sig=${CENSORED}&tenant=1`);
  });
});

it('censors only the signature of a link URL', () => {
  expect(censorUrl('/dl?resource=file%3A1&tenant=2&expires=3&sig=abc_-')).toBe(
    `/dl?resource=file%3A1&tenant=2&expires=3&sig=${CENSORED}`,
  );
  expect(censorUrl('/dl?sig=abc#x')).toBe(`/dl?sig=${CENSORED}#x`);
  expect(censorUrl('/api/v1/units?design=1')).toBe('/api/v1/units?design=1');
});
