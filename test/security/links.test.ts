/**
 * Signed download links through the server: the link itself is the only authority, so any
 * change to it (another file, another tenant, a later expiry, a forged or missing signature)
 * is 403, an expired one 410, and even a correctly signed link reaches a file only in the
 * tenant it names.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases.js';
import { downloadUrlFor, DOWNLOAD_PATH, fileResource } from '../../src/exports/downloadUrl.js';
import { writeFile } from '../../src/files/index.js';
import { buildTenant, testConfig, useServer } from '../../src/http/testing.js';
import { signLink } from '../../src/links/signedLinks.js';
import { bytesOf } from '../../src/imports/testing.js';

const config = testConfig();

/** What a link's query grants, as the server reads it. */
function claimsOf(query: string) {
  const params = new URLSearchParams(query);
  const number = (name: string) =>
    /^\d+$/.test(params.get(name) ?? '') ? Number(params.get(name)) : params.get(name);
  return [params.getAll('resource'), number('tenant'), number('expires'), params.getAll('sig')];
}

describeEachDb('signed download links', (get) => {
  const { server } = useServer(get);

  async function storedFile() {
    const db = get().handle.db;
    const { tenant } = await buildTenant(db);
    const { tenant: other } = await buildTenant(db);
    const file = await writeFile(
      db,
      {
        tenantId: tenant.id,
        purpose: 'report',
        name: 'report.csv',
        contentType: 'text/csv',
        expiresAt: null,
      },
      bytesOf('secret,report\r\n'),
    );
    const query = new URL(downloadUrlFor(config, tenant.id, file.id).url).search.slice(1);
    return { tenant, other, fileId: file.id, query };
  }

  const download = async (query: string) => {
    const reply = await server().inject({ method: 'GET', url: `${DOWNLOAD_PATH}?${query}` });
    const json = reply.headers['content-type']?.toString().includes('json');
    return { status: reply.statusCode, body: json ? reply.json() : reply.body };
  };

  it('serves the file to an unchanged link, without any credential', async () => {
    const { query } = await storedFile();
    expect(await download(query)).toEqual({ status: 200, body: 'secret,report\r\n' });
  });

  it('refuses a link with any one character changed, added or removed', async () => {
    const { query } = await storedFile();
    const outcomes = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: query.length - 1 }),
        fc.constantFrom('replace', 'insert', 'delete'),
        fc.constantFrom(...'0123456789abcdefABCDEF-_=&%:'.split('')),
        async (at, how, char) => {
          const changed =
            how === 'delete'
              ? query.slice(0, at) + query.slice(at + 1)
              : query.slice(0, at) + char + query.slice(how === 'insert' ? at : at + 1);
          const reply = await download(changed);
          outcomes.set(reply.status, (outcomes.get(reply.status) ?? 0) + 1);
          if (changed === query) return;
          // A change that leaves what the link grants as it was (an empty `&&`, a leading zero
          // in a number) is the same link; any other change is refused.
          const same = JSON.stringify(claimsOf(changed)) === JSON.stringify(claimsOf(query));
          expect(reply.status, changed).toBe(same ? 200 : 403);
          if (!same) expect(reply.body.error.code).toBe('LINK_INVALID');
        },
      ),
      { numRuns: 300 },
    );
    expect(outcomes.get(403)).toBeGreaterThan(200);
  });

  it('refuses a link pointed at another file, tenant or expiry, or signed with another key', async () => {
    const { tenant, other, fileId, query } = await storedFile();
    const params = new URLSearchParams(query);
    const forged = (changes: Record<string, string | null>) => {
      const copy = new URLSearchParams(params);
      for (const [name, value] of Object.entries(changes)) {
        if (value === null) copy.delete(name);
        else copy.set(name, value);
      }
      return copy.toString();
    };
    const expires = Number(params.get('expires'));
    const attempts = [
      forged({ resource: fileResource(fileId + 1) }),
      forged({ tenant: String(other.id) }),
      forged({ expires: String(expires + 86_400_000) }),
      forged({ sig: null }),
      forged({ sig: '' }),
      signLink('another-secret-key-of-at-least-32-chars', {
        resource: fileResource(fileId),
        tenantId: tenant.id,
        expiresAt: expires,
      }),
    ];
    for (const attempt of attempts) {
      const reply = await download(attempt);
      expect([reply.status, reply.body.error?.code], attempt).toEqual([403, 'LINK_INVALID']);
    }
    // A second resource makes the query's resource a list, which its schema refuses.
    const twice = await download(`${query}&resource=${fileResource(fileId + 1)}`);
    expect([twice.status, twice.body.error.code]).toEqual([422, 'VALIDATION_FAILED']);
  });

  it('answers 410 for an expired link, and 404 for a signed link naming another tenant', async () => {
    const { tenant, other, fileId } = await storedFile();
    const claims = {
      resource: fileResource(fileId),
      tenantId: tenant.id,
      expiresAt: Date.now() - 1,
    };
    const expired = await download(signLink(config.secretKey, claims));
    expect([expired.status, expired.body.error.code]).toEqual([410, 'LINK_EXPIRED']);
    const later = Date.now() + 60_000;
    const elsewhere = await download(
      signLink(config.secretKey, { ...claims, tenantId: other.id, expiresAt: later }),
    );
    const nowhere = await download(
      signLink(config.secretKey, {
        ...claims,
        resource: fileResource(fileId + 1000),
        expiresAt: later,
      }),
    );
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error.code).toBe(nowhere.body.error.code);
    expect(elsewhere.body.error.message.replace(/\d+/g, 'N')).toBe(
      nowhere.body.error.message.replace(/\d+/g, 'N'),
    );
  });
});
