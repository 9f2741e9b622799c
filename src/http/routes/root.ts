import type { FastifyPluginAsync } from 'fastify';

/**
 * `GET /` until the web app exists: the web app will own `/` and replace this module.
 */
export const rootRoutes: FastifyPluginAsync = async (app) => {
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/api/docs'));
};
