/**
 * Signed links to stored files, for emails: `GET /download?resource=file:<id>&…` works without
 * signing in until the link expires (LINK_EXPIRY_DAYS). Reports use it, and so can any feature
 * that emails a file (an import's error file).
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

/** A signed link to a tenant's file on the public address, expiring after config.linkExpiryDays. */
export function downloadUrlFor(
  config: Pick<Config, 'publicUrl' | 'secretKey' | 'linkExpiryDays'>,
  tenantId: number,
  fileId: number,
  now = Date.now(),
): DownloadLink {
  const expiresAt = now + config.linkExpiryDays * DAY_MS;
  const claims = { resource: fileResource(fileId), tenantId, expiresAt };
  return { url: signedUrl(config.publicUrl, DOWNLOAD_PATH, config.secretKey, claims), expiresAt };
}
