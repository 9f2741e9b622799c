import type { FastifyPluginAsync } from 'fastify';
import { hashRequest } from '../../ledger/idempotency.js';
import { redeemBalanceOutcome } from '../../ledger/redeemBalance.js';
import { getRedemptionView, listRedemptionViews } from '../../ledger/redemptionViews.js';
import { reverseRedemption } from '../../ledger/reverseRedemption.js';
import { authOf, sourceOf } from '../auth.js';
import type { ApiRouteOptions } from '../routeOptions.js';
import { sendRedemption, withIdempotencyKey } from '../idempotency.js';
import {
  getRedemptionSchema,
  listRedemptionsSchema,
  redeemBalanceSchema,
  reverseRedemptionSchema,
  type IdempotencyHeaders,
  type RedeemBalanceBody,
  type RedemptionQuery,
} from '../schemas/redemptions.js';

export const redemptionRoutes: FastifyPluginAsync<ApiRouteOptions> = async (app, { db }) => {
  app.post<{ Body: RedeemBalanceBody; Headers: IdempotencyHeaders }>(
    '/redemptions',
    { schema: redeemBalanceSchema },
    async (request, reply) => {
      const { tenantId, actor } = authOf(request);
      const key = request.headers['idempotency-key'];
      const outcome = await withIdempotencyKey(db, tenantId, key, () =>
        redeemBalanceOutcome(db, tenantId, {
          ...request.body,
          source: sourceOf(request),
          actor,
          idempotencyKey: key,
          requestHash: key ? hashRequest(request.body) : undefined,
        }),
      );
      return sendRedemption(reply, outcome);
    },
  );

  app.get<{ Querystring: RedemptionQuery }>(
    '/redemptions',
    { schema: listRedemptionsSchema },
    async (request) => {
      const limit = request.query.limit ?? 100;
      const rows = await listRedemptionViews(db, authOf(request).tenantId, {
        ...request.query,
        limit: limit + 1,
      });
      const items = rows.slice(0, limit);
      return { items, nextBefore: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
    },
  );

  app.get<{ Params: { id: number } }>(
    '/redemptions/:id',
    { schema: getRedemptionSchema },
    async (request) => getRedemptionView(db, authOf(request).tenantId, request.params.id),
  );

  app.post<{ Params: { id: number } }>(
    '/redemptions/:id/reverse',
    { schema: reverseRedemptionSchema },
    async (request, reply) => {
      const { tenantId, actor } = authOf(request);
      const reversal = await reverseRedemption(db, tenantId, request.params.id, {
        source: sourceOf(request),
        actor,
      });
      return reply.status(201).send(reversal);
    },
  );
};
