/**
 * The import upload (multipart/form-data) on forms no browser sends: cut short, without a
 * boundary, with a boundary too long for the parser, with a prototype-polluting field name.
 * Each is a 400 in the error shape, and nothing is stored.
 */
import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases.js';
import { useServer } from '../../src/http/testing.js';
import { expectErrorShape, sendRaw } from './http.js';

const TYPE_FIELD =
  'Content-Disposition: form-data; name="type"\r\n\r\nUPDATE_USER_REWARD_BALANCES\r\n';
const FILE_HEAD = 'Content-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n';
const CSV = 'accountId,userId,unit,valueToRedeem\r\nacct-1,user-1,CASH/USD,1\r\n';
const LONG = 'b'.repeat(300);

const FORMS: { why: string; type: string; body: string; message: RegExp }[] = [
  {
    why: 'no boundary',
    type: 'multipart/form-data',
    body: '{}',
    message: /^The multipart form cannot be read \(Multipart: Boundary not found\)/,
  },
  {
    why: 'a 300-character boundary',
    type: `multipart/form-data; boundary=${LONG}`,
    body: `--${LONG}\r\n${TYPE_FIELD}--${LONG}--\r\n`,
    message:
      /^The multipart form cannot be read \(The needle cannot have a length bigger than 256\.\)/,
  },
  {
    why: 'cut before its end',
    type: 'multipart/form-data; boundary=x',
    body: `--x\r\n${TYPE_FIELD}`,
    message: /^The multipart form cannot be read \(Unexpected end of multipart data\)/,
  },
  {
    why: 'cut inside the file',
    type: 'multipart/form-data; boundary=x',
    body: `--x\r\n${TYPE_FIELD}--x\r\n${FILE_HEAD}${CSV}`,
    message:
      /^The multipart form cannot be read \(Unexpected end of multipart data\): it was cut short/,
  },
  {
    why: 'a field named __proto__',
    type: 'multipart/form-data; boundary=x',
    body: `--x\r\nContent-Disposition: form-data; name="__proto__"\r\n\r\nx\r\n--x--\r\n`,
    message: /^prototype property is not allowed as field name$/,
  },
];

describeEachDb('import upload on malformed forms', (get) => {
  const { server, setUp } = useServer(get);

  const stored = async () => {
    const row = await get()
      .handle.db.selectFrom('files')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it.each(FORMS)('refuses a form with $why as MALFORMED_REQUEST, storing nothing', async (form) => {
    const { apiKey } = await setUp();
    const before = await stored();
    const reply = await sendRaw(server(), apiKey, 'POST', '/api/v1/imports', form.body, form.type);
    expectErrorShape(reply, form.why);
    expect([reply.status, reply.body.error.code]).toEqual([400, 'MALFORMED_REQUEST']);
    expect(reply.body.error.message).toMatch(form.message);
    expect(await stored()).toBe(before);
  });

  it('still takes a whole form afterwards', async () => {
    const { apiKey } = await setUp();
    const body = `--x\r\n${TYPE_FIELD}--x\r\n${FILE_HEAD}${CSV}\r\n--x--\r\n`;
    const reply = await sendRaw(
      server(),
      apiKey,
      'POST',
      '/api/v1/imports',
      body,
      'multipart/form-data; boundary=x',
    );
    expect([reply.status, reply.body.status]).toEqual([202, 'queued']);
  });
});
