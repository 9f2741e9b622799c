import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.js';
import { describeEachDb } from '../../../test/helpers/databases.js';
import { buildTestServer } from '../testing.js';

describeEachDb('GET /health', (get) => {
  it('answers ok with the dialect while the database answers', async () => {
    const app = await buildTestServer(get().handle);
    const reply = await app.inject({ url: '/health' });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({ status: 'ok', database: get().dialect });
    await app.close();
  });
});

describe('GET /health without a database', () => {
  it('answers 500 INTERNAL when the database does not answer', async () => {
    // Port 1 refuses connections at once: a database that is down.
    const handle = openDatabase('postgres://postgres@127.0.0.1:1/none');
    const app = await buildTestServer(handle);
    const reply = await app.inject({ url: '/health' });
    expect(reply.statusCode).toBe(500);
    expect(reply.json().error).toMatchObject({ code: 'INTERNAL' });
    expect(reply.json().error.message).toContain('database did not answer');
    expect(JSON.stringify(reply.json())).not.toContain('ECONNREFUSED');
    await app.close();
    await handle.close();
  });
});
