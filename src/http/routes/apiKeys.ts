/** Settings → API keys: list, create (the key is shown once) and revoke the tenant's keys. */
import type { FastifyPluginAsync } from 'fastify';
import { createApiKey, listApiKeys, revokeApiKey, type ApiKeyInfo } from '../../auth/apiKeys.js';
import { toIso } from '../../domain/dates.js';
import { AppError } from '../../domain/errors.js';
import type { ApiRouteOptions } from '../routeOptions.js';
import { createApiKeySchema, listApiKeysSchema, revokeApiKeySchema } from '../session/schemas.js';
import { requireAdminSession } from '../session/sessionAuthenticator.js';

function presentKey(info: ApiKeyInfo) {
  return {
    id: info.id,
    name: info.name,
    prefix: info.prefix,
    createdAt: toIso(info.createdAt),
    revokedAt: toIso(info.revokedAt),
  };
}

export const apiKeyRoutes: FastifyPluginAsync<ApiRouteOptions> = async (app, { db }) => {
  app.get('/api-keys', { schema: listApiKeysSchema }, async (request) => {
    const { tenantId } = requireAdminSession(request);
    return { items: (await listApiKeys(db, tenantId)).map(presentKey) };
  });

  app.post<{ Body: { name: string } }>(
    '/api-keys',
    { schema: createApiKeySchema },
    async (request, reply) => {
      const { tenantId } = requireAdminSession(request);
      const { key, info } = await createApiKey(db, tenantId, request.body.name.trim());
      reply.header('Cache-Control', 'no-store');
      return reply.status(201).send({ ...presentKey(info), key });
    },
  );

  app.post<{ Params: { id: number } }>(
    '/api-keys/:id/revoke',
    { schema: revokeApiKeySchema },
    async (request) => {
      const { tenantId } = requireAdminSession(request);
      await revokeApiKey(db, tenantId, request.params.id);
      const info = (await listApiKeys(db, tenantId)).find((k) => k.id === request.params.id);
      if (!info) throw new AppError('NOT_FOUND', `No API key ${request.params.id} in this tenant`);
      return presentKey(info);
    },
  );
};
