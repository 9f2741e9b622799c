import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../domain/errors.js';
import { cancelExport } from '../../exports/cancelExport.js';
import { createExport } from '../../exports/createExport.js';
import { exportNotFound } from '../../exports/cancelExport.js';
import { findExport } from '../../exports/exports.repository.js';
import { getExportView, listExports, toExportView } from '../../exports/exportViews.js';
import { authOf } from '../auth.js';
import type { ApiRouteOptions } from '../routeOptions.js';
import {
  cancelExportSchema,
  createExportSchema,
  downloadExportSchema,
  getExportSchema,
  listExportsSchema,
  type CreateExportBody,
  type ExportListQuery,
} from '../schemas/exports.js';
import { sendStoredFile } from './downloads.js';

export const exportRoutes: FastifyPluginAsync<ApiRouteOptions> = async (app, { db }) => {
  app.post<{ Body: CreateExportBody }>(
    '/exports',
    { schema: createExportSchema },
    async (request, reply) => {
      const { tenantId, actor } = authOf(request);
      const created = await createExport(db, { ...request.body, tenantId, actor });
      return reply.status(201).send(await getExportView(db, tenantId, created.id));
    },
  );

  app.get<{ Querystring: ExportListQuery }>(
    '/exports',
    { schema: listExportsSchema },
    async (request) => listExports(db, authOf(request).tenantId, request.query),
  );

  app.get<{ Params: { id: number } }>(
    '/exports/:id',
    { schema: getExportSchema },
    async (request) => getExportView(db, authOf(request).tenantId, request.params.id),
  );

  app.post<{ Params: { id: number } }>(
    '/exports/:id/cancel',
    { schema: cancelExportSchema },
    async (request, reply) => {
      const { outcome, record } = await cancelExport(
        db,
        authOf(request).tenantId,
        request.params.id,
      );
      return reply.status(outcome === 'cancelled' ? 200 : 202).send(toExportView(record));
    },
  );

  app.get<{ Params: { id: number } }>(
    '/exports/:id/download',
    { schema: downloadExportSchema },
    async (request, reply) => {
      const { tenantId } = authOf(request);
      const id = request.params.id;
      const record = await findExport(db, tenantId, id);
      if (!record) throw exportNotFound(id);
      if (record.file_id === null) {
        const state =
          record.status === 'queued' || record.status === 'running'
            ? `is still ${record.status}; download it once it has succeeded (GET /api/v1/exports/${id} shows its progress)`
            : `${record.status === 'cancelled' ? 'was cancelled' : record.status} and has no report; ask for a new one`;
        throw new AppError('CONFLICT', `Export ${id} ${state}.`, {
          exportId: id,
          status: record.status,
        });
      }
      return sendStoredFile(reply, db, tenantId, record.file_id);
    },
  );
};
