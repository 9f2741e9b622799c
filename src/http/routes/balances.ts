import type { FastifyPluginAsync } from 'fastify';
import { getBalances, type BalanceQuery } from '../../ledger/getBalances.js';
import { authOf } from '../auth.js';
import type { ApiRouteOptions } from '../routeOptions.js';
import { getBalancesSchema } from '../schemas/participants.js';

export const balanceRoutes: FastifyPluginAsync<ApiRouteOptions> = async (app, { db }) => {
  app.get<{ Querystring: BalanceQuery }>(
    '/balances',
    { schema: getBalancesSchema },
    async (request) => ({ items: await getBalances(db, authOf(request).tenantId, request.query) }),
  );
};
