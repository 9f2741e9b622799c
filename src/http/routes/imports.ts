/**
 * /imports: upload a filled-in balances report (multipart, streamed into the database), follow
 * its progress, page through row outcomes, download its files, and reverse it.
 */
import { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifySchemaCompiler } from 'fastify';
import { AppError } from '../../domain/errors.js';
import { getFile, readFile } from '../../files/index.js';
import { requireImportRow } from '../../imports/imports.repository.js';
import { openOutcomeFile } from '../../imports/outcome/outcomeFile.js';
import { getImportView, listImportRows, listImportViews } from '../../imports/importViews.js';
import { reverseImport } from '../../imports/reverseImport.js';
import { uploadImport } from '../../imports/uploadImport.js';
import { authOf, sourceOf } from '../auth.js';
import type { ApiRouteOptions } from '../routeOptions.js';
import {
  importFileSchema,
  listImportRowsSchema,
  reverseImportSchema,
  type ImportFileKind,
  type RowsQuery,
} from '../schemas/importRows.js';
import {
  getImportSchema,
  listImportsSchema,
  uploadImportSchema,
  type PageQuery,
  type UploadQuery,
} from '../schemas/imports.js';
import { validatorCompiler } from '../validation.js';
import { sendOutcomeFile } from './downloads.js';
import { FORM_OVERHEAD_BYTES, readUploadForm, tooLarge } from './importUpload.js';

/** The multipart body is read by the handler as it streams; its schema only documents it. */
const uploadValidator: FastifySchemaCompiler<object> = (route) =>
  route.httpPart === 'body' ? () => true : validatorCompiler(route);

/** Stored types are what the client claimed: serve only the two a report can be, else bytes. */
function servedType(contentType: string): string {
  const known = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];
  return known.some((t) => contentType.startsWith(t)) ? contentType : 'application/octet-stream';
}

/** An attachment header that survives any file name: an ASCII fallback and the UTF-8 name. */
function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export const importRoutes: FastifyPluginAsync<ApiRouteOptions> = async (app, { db, config }) => {
  await app.register(multipart, {
    limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 10, fieldSize: 1024, parts: 12 },
  });
  // Anything but a form (or JSON, which the root parses) gets a message about this endpoint.
  app.addContentTypeParser('*', (request, _payload, done) => {
    done(
      new AppError(
        'MALFORMED_REQUEST',
        `Content-Type "${request.headers['content-type'] ?? ''}" is not accepted: upload the file as multipart/form-data`,
      ),
    );
  });

  app.post<{ Querystring: UploadQuery }>(
    '/imports',
    { schema: uploadImportSchema, validatorCompiler: uploadValidator },
    async (request, reply) => {
      const { tenantId, actor } = authOf(request);
      const limit = config.uploadLimitBytes;
      // Refused before a byte is read when the client says how big the body is.
      if (Number(request.headers['content-length'] ?? 0) > limit + FORM_OVERHEAD_BYTES) {
        throw tooLarge(limit);
      }
      if (!request.isMultipart()) {
        throw new AppError(
          'MALFORMED_REQUEST',
          'Upload the file as multipart/form-data: the fields type (and optionally dryRun, confirmRepeat, notifyEmail), then the file',
        );
      }
      const form = await readUploadForm(request, request.query, limit);
      const id = await uploadImport(db, config, {
        tenantId,
        actor,
        fileName: form.file.filename,
        contentType: form.file.mimetype,
        source: form.bytes,
        dryRun: form.dryRun,
        confirmRepeat: form.confirmRepeat,
        notifyEmail: form.notifyEmail,
      });
      return reply.status(202).send(await getImportView(db, tenantId, id));
    },
  );

  app.get<{ Querystring: PageQuery }>(
    '/imports',
    { schema: listImportsSchema },
    async (request) => {
      const limit = request.query.limit ?? 50;
      const rows = await listImportViews(db, authOf(request).tenantId, {
        before: request.query.before,
        limit: limit + 1,
      });
      const items = rows.slice(0, limit);
      return { items, nextBefore: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
    },
  );

  app.get<{ Params: { id: number } }>('/imports/:id', { schema: getImportSchema }, (request) =>
    getImportView(db, authOf(request).tenantId, request.params.id),
  );

  app.get<{ Params: { id: number }; Querystring: RowsQuery }>(
    '/imports/:id/rows',
    { schema: listImportRowsSchema },
    (request) =>
      listImportRows(db, authOf(request).tenantId, request.params.id, {
        ...request.query,
        limit: request.query.limit ?? 100,
      }),
  );

  app.get<{ Params: { id: number; kind: ImportFileKind } }>(
    '/imports/:id/files/:kind',
    { schema: importFileSchema },
    async (request, reply) => {
      const { tenantId } = authOf(request);
      const imp = await requireImportRow(db, tenantId, request.params.id);
      const kind = request.params.kind;
      if (kind !== 'original') return sendOutcomeFile(reply, await openOutcomeFile(db, imp, kind));
      const file = await getFile(db, tenantId, imp.file_id);
      return reply
        .header('content-type', servedType(file.contentType))
        .header('x-content-type-options', 'nosniff')
        .header('content-length', file.size)
        .header('content-disposition', attachment(file.name))
        .send(Readable.from(readFile(db, tenantId, imp.file_id)));
    },
  );

  app.post<{ Params: { id: number } }>(
    '/imports/:id/reverse',
    { schema: reverseImportSchema },
    async (request) => {
      const { tenantId, actor } = authOf(request);
      const result = await reverseImport(db, tenantId, request.params.id, {
        source: sourceOf(request),
        actor,
      });
      return {
        reversedRedemptions: result.reversedRedemptions,
        import: await getImportView(db, tenantId, request.params.id),
      };
    },
  );
};
