/** Raw requests for the hostile API tests, the error shape they must get, and ledger totals. */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Db } from '../../src/db/database.js';
import type { Reply } from '../../src/http/testing.js';

/** Sends `payload` as it is (text or bytes), with an API key and the given content type. */
export async function sendRaw(
  app: FastifyInstance,
  apiKey: string | null,
  method: string,
  url: string,
  payload: string | Buffer | undefined,
  contentType = 'application/json',
  headers: Record<string, string> = {},
): Promise<Reply> {
  const response = await app.inject({
    method: method as 'POST',
    url,
    headers: {
      ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
      ...(payload === undefined ? {} : { 'content-type': contentType }),
      ...headers,
    },
    ...(payload === undefined ? {} : { payload }),
  });
  let body: unknown = response.body;
  if (response.headers['content-type']?.toString().includes('json') && response.body) {
    body = JSON.parse(response.body);
  }
  return { status: response.statusCode, headers: response.headers, body };
}

/** A 4xx whose body is exactly `{ error: { code, message, details } }`. */
export function expectErrorShape(reply: Reply, at: string): void {
  expect(reply.status, `${at}: ${JSON.stringify(reply.body)}`).toBeGreaterThanOrEqual(400);
  expect(reply.status, `${at}: ${JSON.stringify(reply.body)}`).toBeLessThan(500);
  expect(Object.keys(reply.body ?? {}), at).toEqual(['error']);
  const { error } = reply.body as { error: Record<string, unknown> };
  expect(Object.keys(error).sort(), at).toEqual(['code', 'details', 'message']);
  expect(error.code, at).toMatch(/^[A-Z_]+$/);
  expect(typeof error.message === 'string' && error.message.length > 10, at).toBe(true);
  expect(typeof error.details === 'object' && error.details !== null, at).toBe(true);
}

/** What the ledger holds across all tenants: refused requests must leave it as it was. */
export async function ledgerTotals(db: Db) {
  const count = async (table: 'rewards' | 'redemptions' | 'redemption_lines') => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const redeemed = await db
    .selectFrom('rewards')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('redeemed'), eb.lit(0)).as('n'))
    .executeTakeFirstOrThrow();
  return {
    rewards: await count('rewards'),
    redemptions: await count('redemptions'),
    lines: await count('redemption_lines'),
    redeemed: Number(redeemed.n),
  };
}
