/** Settings → Admins: list, add (password shown once) and remove the tenant's admins. */
import type { FastifyPluginAsync } from 'fastify';
import { addAdmin, type AddAdminInput } from '../../admins/addAdmin.js';
import { listActiveAdmins, presentAdmin } from '../../admins/admins.repository.js';
import { removeAdmin } from '../../admins/removeAdmin.js';
import type { ApiRouteOptions } from '../routeOptions.js';
import { addAdminSchema, listAdminsSchema, removeAdminSchema } from '../session/schemas.js';
import { requireAdminSession } from '../session/sessionAuthenticator.js';

export const adminRoutes: FastifyPluginAsync<ApiRouteOptions> = async (app, { db }) => {
  app.get('/admins', { schema: listAdminsSchema }, async (request) => {
    const session = requireAdminSession(request);
    return { items: (await listActiveAdmins(db, session.tenantId)).map(presentAdmin) };
  });

  app.post<{ Body: AddAdminInput }>(
    '/admins',
    { schema: addAdminSchema },
    async (request, reply) => {
      const session = requireAdminSession(request);
      reply.header('Cache-Control', 'no-store');
      return reply.status(201).send(await addAdmin(db, session.tenantId, request.body));
    },
  );

  app.delete<{ Params: { id: number } }>(
    '/admins/:id',
    { schema: removeAdminSchema },
    async (request, reply) => {
      const session = requireAdminSession(request);
      await removeAdmin(db, session.tenantId, request.params.id, { adminId: session.adminId });
      return reply.status(204).send();
    },
  );
};
