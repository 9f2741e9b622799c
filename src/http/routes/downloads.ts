/**
 * File downloads. `GET /download?resource=file:<id>&tenant=…&expires=…&sig=…` serves any
 * tenant file a signed link names, without signing in: it is the link in report emails
 * (downloadUrlFor); `resource=import:<id>:errors|results` serves an import's error or results
 * file, built as it downloads, the same way. An altered link is
 * 403 LINK_INVALID, an expired one 410 LINK_EXPIRED, a removed file 404.
 */
import { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Db } from '../../db/database.js';
import { AppError } from '../../domain/errors.js';
import {
  DOWNLOAD_PATH,
  fileIdOfResource,
  importFileOfResource,
} from '../../exports/downloadUrl.js';
import { getFile } from '../../files/getFile.js';
import { readFile } from '../../files/readFile.js';
import { requireImportRow } from '../../imports/imports.repository.js';
import { openOutcomeFile, type OutcomeFile } from '../../imports/outcome/outcomeFile.js';
import { verifyLink } from '../../links/signedLinks.js';
import type { ApiRouteOptions } from '../routeOptions.js';
import { errorResponses } from '../schemas/common.js';

/** `attachment` with an ASCII fallback name and the exact name in RFC 5987 form. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^A-Za-z0-9._ -]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Streams a stored file of `tenantId` as an attachment. Errors: NOT_FOUND (gone or expired). */
export async function sendStoredFile(
  reply: FastifyReply,
  db: Db,
  tenantId: number,
  fileId: number,
): Promise<FastifyReply> {
  // Checked before the first byte, so a missing file is a 404 rather than a cut-off download.
  const file = await getFile(db, tenantId, fileId);
  return reply
    .header('Content-Type', file.contentType)
    .header('Content-Length', String(file.size))
    .header('Content-Disposition', contentDisposition(file.name))
    .header('Cache-Control', 'private, no-store')
    .header('X-Content-Type-Options', 'nosniff')
    .send(Readable.from(readFile(db, tenantId, fileId)));
}

/** Streams an import's error or results file, built as it goes (so no Content-Length). */
export function sendOutcomeFile(reply: FastifyReply, file: OutcomeFile): FastifyReply {
  return reply
    .header('Content-Type', file.contentType)
    .header('Content-Disposition', contentDisposition(file.name))
    .header('Cache-Control', 'private, no-store')
    .header('X-Content-Type-Options', 'nosniff')
    .send(Readable.from(file.bytes));
}

const linkText = (description: string) =>
  ({ type: 'string', maxLength: 300, description }) as const;

const downloadSchema = {
  tags: ['downloads'],
  summary: 'Download a file through a signed link',
  description:
    'The link emailed when a report is ready. Needs no API key: the signature grants this one file until the link expires (LINK_EXPIRY_DAYS). 403 LINK_INVALID when any part was changed, 410 LINK_EXPIRED after expiry, 404 when the file is gone.',
  security: [],
  querystring: {
    type: 'object',
    properties: {
      resource: linkText('What the link opens: file:<id>, or import:<id>:errors|results.'),
      tenant: linkText('The tenant the file belongs to.'),
      expires: linkText('Epoch milliseconds after which the link is refused.'),
      sig: linkText('The signature over the other three.'),
    },
  },
  response: {
    200: { description: 'The file.', type: 'string', format: 'binary' },
    ...errorResponses,
  },
} as const;

export const downloadRoutes: FastifyPluginAsync<ApiRouteOptions> = async (app, { db, config }) => {
  app.get(DOWNLOAD_PATH, { schema: downloadSchema }, async (request, reply) => {
    const claims = verifyLink(config.secretKey, request.query as Record<string, unknown>);
    const fileId = fileIdOfResource(claims.resource);
    if (fileId !== null) return sendStoredFile(reply, db, claims.tenantId, fileId);
    const importFile = importFileOfResource(claims.resource);
    if (importFile !== null) {
      const imp = await requireImportRow(db, claims.tenantId, importFile.importId);
      return sendOutcomeFile(reply, await openOutcomeFile(db, imp, importFile.kind));
    }
    throw new AppError(
      'LINK_INVALID',
      'This link does not open a file; open the link from the email again.',
    );
  });
};
