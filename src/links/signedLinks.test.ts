import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signLink, signedUrl, verifyLink, type LinkClaims } from './signedLinks.js';

const SECRET = 'k'.repeat(64);
const NOW = Date.UTC(2025, 0, 10, 12, 0);
const claims: LinkClaims = { resource: 'file:12', tenantId: 3, expiresAt: NOW + 7 * 86_400_000 };

function withParam(query: string, name: string, value: string): string {
  const params = new URLSearchParams(query);
  params.set(name, value);
  return params.toString();
}

describe('signed links', () => {
  it('verifies a link it signed, from a string, URLSearchParams or a parsed query', () => {
    const query = signLink(SECRET, claims);
    expect(verifyLink(SECRET, query, NOW)).toEqual(claims);
    expect(verifyLink(SECRET, new URLSearchParams(query), NOW)).toEqual(claims);
    expect(verifyLink(SECRET, Object.fromEntries(new URLSearchParams(query)), NOW)).toEqual(claims);
  });

  it('builds a full URL on the public address', () => {
    const url = new URL(
      signedUrl('https://rb.example.com/', '/api/v1/files/12/download', SECRET, claims),
    );
    expect(url.origin + url.pathname).toBe('https://rb.example.com/api/v1/files/12/download');
    expect(verifyLink(SECRET, url.searchParams, NOW)).toEqual(claims);
  });

  it.each([
    ['resource', 'file:13'],
    ['tenant', '4'],
    ['expires', String(claims.expiresAt + 86_400_000)],
    ['sig', 'A'.repeat(43)],
    ['sig', ''],
    ['tenant', ''],
    ['expires', '1e20'],
  ])('refuses a link whose %s was changed to "%s"', (name, value) => {
    const query = withParam(signLink(SECRET, claims), name, value);
    expect(() => verifyLink(SECRET, query, NOW)).toThrow(
      expect.objectContaining({ code: 'LINK_INVALID' }),
    );
  });

  it('refuses a signature with a stray character or different spare bits', () => {
    const query = signLink(SECRET, claims);
    const sig = new URLSearchParams(query).get('sig')!;
    const last = sig.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sameBits = alphabet[alphabet.indexOf(last) ^ 1]!; // differs only in ignored low bits
    for (const forged of [`${sig}=`, `${sig}.`, sig.slice(0, -1) + sameBits]) {
      expect(Buffer.from(forged, 'base64url').equals(Buffer.from(sig, 'base64url'))).toBe(true);
      expect(() => verifyLink(SECRET, withParam(query, 'sig', forged), NOW)).toThrow(
        expect.objectContaining({ code: 'LINK_INVALID' }),
      );
    }
  });

  it('refuses any altered claim, and a link signed with another key', () => {
    const query = signLink(SECRET, claims);
    fc.assert(
      fc.property(
        fc.constantFrom('resource', 'tenant', 'expires', 'sig'),
        fc.string({ minLength: 1, maxLength: 50 }),
        (name, value) => {
          fc.pre(new URLSearchParams(query).get(name) !== value);
          expect(() => verifyLink(SECRET, withParam(query, name, value), NOW)).toThrow(
            expect.objectContaining({ code: 'LINK_INVALID' }),
          );
        },
      ),
    );
    expect(() => verifyLink('x'.repeat(64), query, NOW)).toThrow(
      expect.objectContaining({ code: 'LINK_INVALID' }),
    );
  });

  it('refuses an authentic link after it expired, saying when', () => {
    const query = signLink(SECRET, { ...claims, expiresAt: Date.UTC(2025, 0, 3, 9, 30) });
    expect(() => verifyLink(SECRET, query, NOW)).toThrow(
      expect.objectContaining({
        code: 'LINK_EXPIRED',
        message: 'This download link expired on 2025-01-03 09:30 UTC; ask for a new report.',
      }),
    );
  });

  it('refuses to sign a resource that could blur the signed message', () => {
    expect(() => signLink(SECRET, { ...claims, resource: 'file:1\n4' })).toThrow('letters, digits');
  });
});
