/**
 * Signed links for emails: `GET /download?resource=file:<id>&…` (a stored file, such as a report)
 * or `resource=import:<id>:errors|results` (an import's error or results file) works without
 * signing in until the link expires (LINK_EXPIRY_DAYS).
 */
import type { Config } from '../config/config.js';
import { signedUrl } from '../links/signedLinks.js';

export const DOWNLOAD_PATH = '/download';
const DAY_MS = 86_400_000;

export interface DownloadLink {
  url: string;
  /** Epoch ms after which the link is refused. */
  expiresAt: number;
}

/** The resource a file's link names. */
export function fileResource(fileId: number): string {
  return `file:${fileId}`;
}

/** The file id a link's resource names, or null when it names something else. */
export function fileIdOfResource(resource: string): number | null {
  const match = /^file:([1-9]\d{0,15})$/.exec(resource);
  return match?.[1] ? Number(match[1]) : null;
}

export type ImportFileKind = 'errors' | 'results';

/** The resource of an import's error or results file (built as it downloads, never stored). */
export function importFileResource(importId: number, kind: ImportFileKind): string {
  return `import:${importId}:${kind}`;
}

/** The import file a link's resource names, or null when it names something else. */
export function importFileOfResource(
  resource: string,
): { importId: number; kind: ImportFileKind } | null {
  const match = /^import:([1-9]\d{0,15}):(errors|results)$/.exec(resource);
  if (!match?.[1] || !match[2]) return null;
  return { importId: Number(match[1]), kind: match[2] as ImportFileKind };
}

type LinkConfig = Pick<Config, 'publicUrl' | 'secretKey' | 'linkExpiryDays'>;

/** When a link signed at `now` expires (epoch ms): LINK_EXPIRY_DAYS later. */
export function linkExpiry(config: Pick<Config, 'linkExpiryDays'>, now: number): number {
  return now + config.linkExpiryDays * DAY_MS;
}

/** A signed link to a tenant's resource on the public address, expiring after linkExpiryDays. */
export function signedDownloadUrl(
  config: LinkConfig,
  tenantId: number,
  resource: string,
  now = Date.now(),
): DownloadLink {
  const expiresAt = linkExpiry(config, now);
  const claims = { resource, tenantId, expiresAt };
  return { url: signedUrl(config.publicUrl, DOWNLOAD_PATH, config.secretKey, claims), expiresAt };
}

/** A signed link to a tenant's stored file. */
export function downloadUrlFor(
  config: LinkConfig,
  tenantId: number,
  fileId: number,
  now = Date.now(),
): DownloadLink {
  return signedDownloadUrl(config, tenantId, fileResource(fileId), now);
}
