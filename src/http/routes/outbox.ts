import type { FastifyPluginAsync } from 'fastify';
import { toIso } from '../../domain/dates.js';
import { getOutboxMessage, listOutbox, type OutboxEntry } from '../../email/outbox.js';
import { authOf } from '../auth.js';
import type { ApiRouteOptions } from '../routeOptions.js';
import {
  getOutboxMessageSchema,
  listOutboxSchema,
  type OutboxListQuery,
} from '../schemas/outbox.js';

function presentEntry<T extends OutboxEntry>(entry: T) {
  return { ...entry, createdAt: toIso(entry.createdAt), sentAt: toIso(entry.sentAt) };
}

export const outboxRoutes: FastifyPluginAsync<ApiRouteOptions> = async (app, { db }) => {
  app.get<{ Querystring: OutboxListQuery }>(
    '/outbox',
    { schema: listOutboxSchema },
    async (request) => {
      const page = await listOutbox(db, authOf(request).tenantId, request.query);
      return { items: page.items.map(presentEntry), nextCursor: page.nextCursor };
    },
  );

  app.get<{ Params: { id: number } }>(
    '/outbox/:id',
    { schema: getOutboxMessageSchema },
    async (request) =>
      presentEntry(await getOutboxMessage(db, authOf(request).tenantId, request.params.id)),
  );
};
