/**
 * Every API endpoint that takes a body, against bodies no client should send: random JSON and
 * non-JSON, 100,000 levels of nesting, bodies past the size limit, other content types and
 * encodings. Each answer is a 4xx in the one error shape (or, for random JSON an endpoint's
 * schema happens to accept, a 2xx), never a 5xx; the ledger is unchanged and the server
 * still serves a normal request afterwards.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases.js';
import { apiRoutes, fillPath, takesJsonBody, type ServerRoute } from '../security/routes.js';
import { giveRewards, useServer } from '../../src/http/testing.js';
import { expectErrorShape, ledgerTotals, sendRaw } from './http.js';

/** Path parameters that name nothing, so no random body can act on a real record. */
const NOWHERE = {
  accountId: 'no-such-account',
  userId: 'no-such-user',
  rewardId: 'no-such-reward',
  id: '987654321',
  code: 'NO_SUCH_UNIT',
  kind: 'errors',
};

const HOSTILE_TYPES = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
];

function bodyRoutes(routes: ServerRoute[]): ServerRoute[] {
  return routes.filter((r) => r.method !== 'GET');
}

const anyBody = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.anything().map((value) => {
    try {
      return JSON.stringify(value) ?? 'undefined';
    } catch {
      return String(value);
    }
  }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
);

describeEachDb('API on hostile bodies', (get) => {
  const { server, setUp } = useServer(get);

  it('answers random bodies on every endpoint with a 4xx in the error shape, or an accepted 2xx', async () => {
    const { client, apiKey } = await setUp();
    const routes = bodyRoutes(apiRoutes(server()));
    expect(routes.length).toBeGreaterThan(15);
    const before = await ledgerTotals(get().handle.db);
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), anyBody, async (route, body) => {
        const reply = await sendRaw(
          server(),
          apiKey,
          route.method,
          fillPath(route.path, NOWHERE),
          body,
        );
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        if (reply.status >= 300) expectErrorShape(reply, `${route.method} ${route.path}`);
      }),
      { numRuns: 400 },
    );
    expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
    expect(await ledgerTotals(get().handle.db)).toEqual(before);
    expect((await client.get('/units')).status).toBe(200);
  });

  it('refuses 100,000 levels of nesting, bodies past the limit and foreign content types', async () => {
    const { apiKey } = await setUp();
    const before = await ledgerTotals(get().handle.db);
    const nested = [
      '['.repeat(100_000) + ']'.repeat(100_000),
      `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`,
    ];
    const tooLarge = `{"a":"${'x'.repeat(33 << 20)}"}`;
    const invalidUtf8 = Buffer.concat([
      Buffer.from('{"name":"M'),
      Buffer.from([0xfc]),
      Buffer.from('ller"}'),
    ]);
    for (const route of bodyRoutes(apiRoutes(server()))) {
      const url = fillPath(route.path, NOWHERE);
      const at = `${route.method} ${route.path}`;
      for (const body of nested) {
        const reply = await sendRaw(server(), apiKey, route.method, url, body);
        // An endpoint without a JSON body (sign-out) reads no further than that it is JSON.
        if (takesJsonBody(server(), route) || reply.status >= 300) expectErrorShape(reply, at);
      }
      const large = await sendRaw(server(), apiKey, route.method, url, tooLarge);
      expect([large.status, large.body.error.code], at).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      for (const type of HOSTILE_TYPES) {
        expectErrorShape(
          await sendRaw(server(), apiKey, route.method, url, '{}', type),
          `${at} as ${type}`,
        );
      }
      const utf16 = Buffer.from('{"name":"x"}', 'utf16le');
      const json16 = await sendRaw(
        server(),
        apiKey,
        route.method,
        url,
        utf16,
        'application/json; charset=utf-16',
      );
      expect([json16.status, json16.body.error.code], at).toEqual([400, 'MALFORMED_REQUEST']);
      const bytes = await sendRaw(server(), apiKey, route.method, url, invalidUtf8);
      expect([bytes.status, bytes.body.error.code], at).toEqual([400, 'MALFORMED_REQUEST']);
      expect(bytes.body.error.message).toMatch(
        /^The request body is not valid UTF-8; send JSON encoded as UTF-8/,
      );
    }
    expect(await ledgerTotals(get().handle.db)).toEqual(before);
  });

  it('keeps serving normal requests after the barrage', async () => {
    const { db, tenant, client } = await setUp();
    await giveRewards(db, tenant.id, [{ amount: '5.00' }]);
    const redeem = { accountId: 'acct-1', userId: 'user-1', unit: 'CASH/USD', amount: '1.25' };
    expect((await client.post('/redemptions', redeem)).status).toBe(201);
    expect(
      (await client.get('/balances?accountId=acct-1&userId=user-1')).body.items[0].available,
    ).toBe('3.75');
    expect((await server().inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });
});
