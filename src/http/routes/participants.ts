import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../db/database.js';
import { getBalances } from '../../ledger/getBalances.js';
import { listParticipants } from '../../ledger/listParticipants.js';
import {
  findParticipant,
  requireParticipant,
  upsertParticipant,
  type ParticipantRow,
} from '../../ledger/participants.repository.js';
import { authOf } from '../auth.js';
import type { ApiRouteOptions } from '../routeOptions.js';
import {
  getParticipantSchema,
  listParticipantsSchema,
  putParticipantSchema,
  type ParticipantBody,
  type ParticipantParams,
} from '../schemas/participants.js';

async function presentWithBalances(db: Db, tenantId: number, p: ParticipantRow) {
  const balances = await getBalances(db, tenantId, { accountId: p.account_id, userId: p.user_id });
  return {
    accountId: p.account_id,
    userId: p.user_id,
    email: p.email,
    firstName: p.first_name,
    lastName: p.last_name,
    balances,
  };
}

export const participantRoutes: FastifyPluginAsync<ApiRouteOptions> = async (app, { db }) => {
  app.get<{ Querystring: { q?: string; cursor?: string; limit?: number } }>(
    '/participants',
    { schema: listParticipantsSchema },
    async (request) => listParticipants(db, authOf(request).tenantId, request.query),
  );

  app.get<{ Params: ParticipantParams }>(
    '/participants/:accountId/:userId',
    { schema: getParticipantSchema },
    async (request) => {
      const { tenantId } = authOf(request);
      const { accountId, userId } = request.params;
      const participant = await requireParticipant(db, tenantId, accountId, userId);
      return presentWithBalances(db, tenantId, participant);
    },
  );

  app.put<{ Params: ParticipantParams; Body: ParticipantBody | null }>(
    '/participants/:accountId/:userId',
    { schema: putParticipantSchema },
    async (request, reply) => {
      const { tenantId } = authOf(request);
      const { accountId, userId } = request.params;
      const existed = await findParticipant(db, tenantId, accountId.trim(), userId.trim());
      const participant = await upsertParticipant(db, tenantId, {
        accountId,
        userId,
        ...(request.body ?? {}),
      });
      const view = await presentWithBalances(db, tenantId, participant);
      return reply.status(existed ? 200 : 201).send(view);
    },
  );
};
