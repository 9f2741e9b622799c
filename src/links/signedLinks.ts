/**
 * Signed download links: a link names a resource of one tenant and an expiry, and carries an
 * HMAC-SHA256 of them, so it works without signing in (from an email) yet cannot be altered to
 * reach another file, another tenant, or a later expiry.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../domain/errors.js';

export interface LinkClaims {
  /** What the link opens, such as `file:12` or `export:5`. */
  resource: string;
  tenantId: number;
  /** Epoch ms after which the link is refused. */
  expiresAt: number;
}

const RESOURCE = /^[A-Za-z0-9._:/-]{1,200}$/;
const DIGITS = /^\d{1,16}$/;

// The secret key also serves other purposes; sign links with a key derived for this one only.
function linkKey(secretKey: string): Buffer {
  return createHmac('sha256', secretKey).update('rewardbook download link v1').digest();
}

function signature(secretKey: string, claims: LinkClaims): Buffer {
  const message = `v1\n${claims.resource}\n${claims.tenantId}\n${claims.expiresAt}`;
  return createHmac('sha256', linkKey(secretKey)).update(message).digest();
}

/** The query string (without `?`) of a link to `claims.resource`. */
export function signLink(secretKey: string, claims: LinkClaims): string {
  if (!RESOURCE.test(claims.resource)) {
    throw new Error(`A link resource is letters, digits and ._:/- only; got "${claims.resource}"`);
  }
  if (!Number.isSafeInteger(claims.tenantId) || !Number.isSafeInteger(claims.expiresAt)) {
    throw new Error('A link needs a whole-number tenantId and expiresAt');
  }
  const query = new URLSearchParams({
    resource: claims.resource,
    tenant: String(claims.tenantId),
    expires: String(claims.expiresAt),
    sig: signature(secretKey, claims).toString('base64url'),
  });
  return query.toString();
}

/** A full URL: `baseUrl` (PUBLIC_URL) + `path` + the signed query. */
export function signedUrl(baseUrl: string, path: string, secretKey: string, claims: LinkClaims) {
  return `${baseUrl.replace(/\/+$/, '')}${path}?${signLink(secretKey, claims)}`;
}

function invalid(): AppError {
  return new AppError(
    'LINK_INVALID',
    'This download link is not valid: it was changed or cut short. Open the link from the ' +
      'email again, or ask for a new report.',
  );
}

/**
 * Checks a link's query and returns what it grants. Throws LINK_INVALID when any part was
 * altered, LINK_EXPIRED when it is authentic but past its expiry.
 */
export function verifyLink(
  secretKey: string,
  query: URLSearchParams | string | Record<string, unknown>,
  now = Date.now(),
): LinkClaims {
  const params =
    query instanceof URLSearchParams
      ? query
      : typeof query === 'string'
        ? new URLSearchParams(query)
        : new URLSearchParams(
            Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string'),
          );
  const resource = params.get('resource') ?? '';
  const tenant = params.get('tenant') ?? '';
  const expires = params.get('expires') ?? '';
  const sig = params.get('sig') ?? '';
  if (!RESOURCE.test(resource) || !DIGITS.test(tenant) || !DIGITS.test(expires)) throw invalid();
  const claims = { resource, tenantId: Number(tenant), expiresAt: Number(expires) };
  // Compare the text, not the decoded bytes: base64 decoding ignores stray characters and the
  // spare low bits of the last one, so several texts would decode to one signature.
  const expected = Buffer.from(signature(secretKey, claims).toString('base64url'));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  if (claims.expiresAt <= now) {
    const on = new Date(claims.expiresAt).toISOString().slice(0, 16).replace('T', ' ');
    throw new AppError(
      'LINK_EXPIRED',
      `This download link expired on ${on} UTC; ask for a new report.`,
      { expiredAt: claims.expiresAt },
    );
  }
  return claims;
}
