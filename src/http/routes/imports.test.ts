import { expect, it } from 'vitest';
import { describeEachDb } from '../../../test/helpers/databases.js';
import { runJobs } from '../../imports/testing.js';
import { giveRewards, ledgerViolations, testConfig, useServer } from '../testing.js';
import { reportCsv, storedCounts, uploadFile } from './importsTesting.js';

const config = testConfig();

describeEachDb('HTTP imports', (get) => {
  const { setUp } = useServer(get);
  const run = () => runJobs(get().handle, config);

  async function withBalances() {
    const ctx = await setUp();
    await giveRewards(ctx.db, ctx.tenant.id, [
      { userId: 'u1', amount: '20.00' },
      { userId: 'u2', amount: '5.00' },
      { userId: 'u3', amount: '7', unit: 'POINT' },
    ]);
    const balance = async (userId: string) =>
      (await ctx.client.get(`/balances?accountId=acct-1&userId=${userId}`)).body.items[0]
        ?.available as string | undefined;
    return { ...ctx, balance };
  }

  const mixed = reportCsv([
    { userId: 'u1', value: '10.556', available: '20.00' }, // 1 redeems 10.55
    { userId: 'u2', value: '' }, // 2 skipped
    { userId: 'u2', value: '6.00' }, // 3 more than available
    { userId: 'u3', unit: 'POINT', value: '2', available: '9' }, // 4 redeemed, stale availableValue
    { userId: 'nobody', value: '1' }, // 5 unknown participant
    { userId: 'u2', value: '1.00' }, // 6 redeemed
  ]);

  it('runs a dry run that changes nothing, then applies the same file', async () => {
    const { app, apiKey, client, balance } = await withBalances();
    const dry = await uploadFile(app, apiKey, { content: mixed }, { dryRun: 'true' });
    expect(dry.status).toBe(202);
    expect(dry.body).toMatchObject({
      type: 'UPDATE_USER_REWARD_BALANCES',
      dryRun: true,
      status: 'queued',
      fileName: 'balances.csv',
      actor: 'api-key:test-key',
      progress: { done: 0, total: 6 }, // a CSV is counted as it uploads
      summary: null,
    });
    await run();
    const finished = await client.get(`/imports/${dry.body.id}`);
    expect(finished.body).toMatchObject({
      status: 'succeeded',
      progress: { done: 6, total: 6 },
      summary: {
        rows: 6,
        redeemed: 3,
        skipped: 1,
        errors: 2,
        warnings: 1,
        totals: [
          { unit: 'CASH/USD', amount: '11.55', rows: 2 },
          { unit: 'POINT', amount: '2', rows: 1 },
        ],
      },
    });
    expect(await balance('u1')).toBe('20.00');

    const applied = await uploadFile(app, apiKey, { content: mixed });
    expect(applied.status).toBe(202);
    expect(applied.body.dryRun).toBe(false);
    await run();
    const done = await client.get(`/imports/${applied.body.id}`);
    expect(done.body.summary).toEqual(finished.body.summary);
    expect(await balance('u1')).toBe('9.45');
    expect(await balance('u2')).toBe('4.00');
    expect(await balance('u3')).toBe('5');
    const list = await client.get('/imports?limit=1');
    expect(list.body.items.map((i: { id: number }) => i.id)).toEqual([applied.body.id]);
    const next = await client.get(`/imports?limit=1&before=${list.body.nextBefore}`);
    expect(next.body).toMatchObject({ items: [{ id: dry.body.id }], nextBefore: null });
  });

  it('pages through row outcomes and filters them by outcome', async () => {
    const { app, apiKey, client } = await withBalances();
    const { body } = await uploadFile(app, apiKey, { content: mixed });
    await run();
    const seen: number[] = [];
    let page = await client.get(`/imports/${body.id}/rows?limit=4`);
    seen.push(...page.body.items.map((r: { recordNumber: number }) => r.recordNumber));
    expect(page.body.nextAfter).toBe(4);
    page = await client.get(`/imports/${body.id}/rows?limit=4&after=4`);
    seen.push(...page.body.items.map((r: { recordNumber: number }) => r.recordNumber));
    expect(page.body.nextAfter).toBeNull();
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);

    const errors = await client.get(`/imports/${body.id}/rows?outcome=error`);
    expect(errors.body.items).toMatchObject([
      { recordNumber: 3, outcome: 'error', userId: 'u2', valueToRedeem: '6.00' },
      { recordNumber: 5, outcome: 'error', userId: 'nobody' },
    ]);
    expect(errors.body.items[0].message).toContain('more than the 5.00 CASH/USD available');
    const warned = await client.get(`/imports/${body.id}/rows?outcome=warning`);
    expect(warned.body.items).toMatchObject([{ recordNumber: 4, amountRedeemed: '2' }]);
    expect(warned.body.items[0].warnings[0]).toContain('availableValue in the file is 9');
    const skipped = await client.get(`/imports/${body.id}/rows?outcome=skipped`);
    expect(skipped.body.items.map((r: { recordNumber: number }) => r.recordNumber)).toEqual([2]);
    const bad = await client.get(`/imports/${body.id}/rows?outcome=failed`);
    expect([bad.status, bad.body.error.code]).toEqual([422, 'VALIDATION_FAILED']);
  });

  it('serves the original, error and results files as attachments', async () => {
    const { app, apiKey, client } = await withBalances();
    const { body } = await uploadFile(app, apiKey, { content: mixed, filename: 'May payouts.csv' });
    await run();
    const original = await client.get(`/imports/${body.id}/files/original`);
    expect(original.status).toBe(200);
    expect(original.body).toBe(mixed);
    expect(original.headers['content-disposition']).toBe(
      `attachment; filename="May payouts.csv"; filename*=UTF-8''May%20payouts.csv`,
    );
    const errors = await client.get(`/imports/${body.id}/files/errors`);
    expect(errors.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(errors.headers['content-disposition']).toContain('May payouts-errors.csv');
    const lines = (errors.body as string).replace('\uFEFF', '').trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]?.endsWith(',valueToRedeem,recordNumber,error')).toBe(true);
    expect(lines[1]).toMatch(/^Ann,Lee,ann@example.com,u2,acct-1,.*,6.00,3,valueToRedeem 6.00/);
    expect(lines[2]).toMatch(/,nobody,.*,5,"No participant with accountId ""acct-1""/);
    const results = await client.get(`/imports/${body.id}/files/results`);
    expect((results.body as string).trimEnd().split('\r\n')).toHaveLength(7);

    const clean = await uploadFile(app, apiKey, {
      content: reportCsv([{ userId: 'u1', value: '1' }]),
    });
    const early = await client.get(`/imports/${clean.body.id}/files/results`);
    expect([early.status, early.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect(early.body.error.message).toContain('it is queued');
    await run();
    const none = await client.get(`/imports/${clean.body.id}/files/errors`);
    expect(none.status).toBe(404);
    expect(none.body.error.message).toContain('none of its rows failed');
    expect((await client.get(`/imports/${clean.body.id}/files/bogus`)).status).toBe(422);
  });

  it('emails signed links that download the error and results files without signing in', async () => {
    const { db, tenant, app, apiKey } = await withBalances();
    const { body } = await uploadFile(
      app,
      apiKey,
      { content: mixed },
      { notifyEmail: 'payouts@example.com' },
    );
    await run();
    const email = await db
      .selectFrom('emails')
      .select('text_body')
      .where('tenant_id', '=', tenant.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const links = [...email.text_body.matchAll(/https?:\/\/\S+\/download\?\S+/g)].map((m) => {
      const url = new URL(m[0]);
      return url.pathname + url.search;
    });
    const errorsLink = links.find((l) => l.includes(`import%3A${body.id}%3Aerrors`));
    const resultsLink = links.find((l) => l.includes(`import%3A${body.id}%3Aresults`));
    const errors = await app.inject({ method: 'GET', url: errorsLink! });
    expect(errors.statusCode).toBe(200);
    expect(errors.headers['content-disposition']).toContain('balances-errors.csv');
    expect(errors.body.replace('\uFEFF', '').split('\r\n')[0]).toMatch(/,recordNumber,error$/);
    const results = await app.inject({ method: 'GET', url: resultsLink! });
    expect(results.body.trimEnd().split('\r\n')).toHaveLength(7);
    // The signature covers the kind: an error link changed into a results link is refused.
    const altered = errorsLink!.replace('%3Aerrors', '%3Aresults');
    const refused = await app.inject({ method: 'GET', url: altered });
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'LINK_INVALID']);
  });

  it('reverses an applied import once, restoring the balances exactly', async () => {
    const { db, tenant, app, apiKey, client, balance } = await withBalances();
    const dry = await uploadFile(app, apiKey, { content: mixed }, { dryRun: 'true' });
    const { body } = await uploadFile(app, apiKey, { content: mixed });
    const early = await client.post(`/imports/${body.id}/reverse`);
    expect([early.status, early.body.error.code]).toEqual([409, 'CONFLICT']);
    await run();
    expect(await balance('u1')).toBe('9.45');
    const reversed = await client.post(`/imports/${body.id}/reverse`);
    expect(reversed.status).toBe(200);
    expect(reversed.body.reversedRedemptions).toBe(3);
    expect(reversed.body.import.reversedBy).toBe('api-key:test-key');
    expect(await balance('u1')).toBe('20.00');
    expect(await balance('u2')).toBe('5.00');
    expect(await balance('u3')).toBe('7');
    const again = await client.post(`/imports/${body.id}/reverse`);
    expect([again.status, again.body.error.code]).toEqual([409, 'ALREADY_REVERSED']);
    const ofDry = await client.post(`/imports/${dry.body.id}/reverse`);
    expect([ofDry.status, ofDry.body.error.code]).toEqual([409, 'CONFLICT']);
    expect(ofDry.body.error.message).toContain('dry run');
    expect(await ledgerViolations(db, tenant.id)).toEqual([]);
  });

  it('refuses a file identical to an applied one unless the repeat is confirmed', async () => {
    const { db, tenant, app, apiKey, balance } = await withBalances();
    const file = reportCsv([{ userId: 'u1', value: '1.00' }]);
    const first = await uploadFile(app, apiKey, { content: file });
    await run();
    const before = await storedCounts(db, tenant.id);
    const repeat = await uploadFile(app, apiKey, { content: file, filename: 'again.csv' });
    expect([repeat.status, repeat.body.error.code]).toEqual([409, 'REPEATED_FILE']);
    expect(repeat.body.error.message).toContain(`identical to import ${first.body.id}`);
    expect(repeat.body.error.message).toContain('confirmRepeat=true');
    expect(await storedCounts(db, tenant.id)).toEqual(before);
    const confirmed = await uploadFile(app, apiKey, { content: file }, { confirmRepeat: 'true' });
    expect(confirmed.status).toBe(202);
    await run();
    expect(await balance('u1')).toBe('18.00');
  });
});
