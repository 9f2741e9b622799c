import type { FastifyPluginAsync } from 'fastify';
import { AppError, type ErrorCode } from '../../domain/errors.js';
import { cancelReward } from '../../ledger/cancelReward.js';
import { createRewards, type CreateRewardResult } from '../../ledger/createRewards.js';
import { hashRequest } from '../../ledger/idempotency.js';
import { listRewards } from '../../ledger/listRewards.js';
import { requireProgram } from '../../ledger/programs.repository.js';
import { redeemRewardOutcome } from '../../ledger/redeemReward.js';
import { requireReward } from '../../ledger/rewards.repository.js';
import { requireUnit } from '../../ledger/units.repository.js';
import { presentReward } from '../../ledger/views.js';
import { authOf, sourceOf } from '../auth.js';
import type { ApiRouteOptions } from '../routeOptions.js';
import { sendRedemption, withIdempotencyKey } from '../idempotency.js';
import { redeemRewardSchema, type IdempotencyHeaders } from '../schemas/redemptions.js';
import {
  bulkRewardsSchema,
  cancelRewardSchema,
  createRewardSchema,
  getRewardSchema,
  listRewardsSchema,
  type RewardInputBody,
  type RewardQuery,
} from '../schemas/rewards.js';

// Ten thousand rewards of a few hundred bytes each, with room to spare.
const BULK_BODY_LIMIT = 32 * 1024 * 1024;

function countOf(results: readonly CreateRewardResult[], status: CreateRewardResult['status']) {
  return results.filter((r) => r.status === status).length;
}

export const rewardRoutes: FastifyPluginAsync<ApiRouteOptions> = async (app, { db }) => {
  const options = (actor: string) => ({ createMissing: false, source: 'API' as const, actor });

  app.post<{ Body: RewardInputBody }>(
    '/rewards',
    { schema: createRewardSchema },
    async (request, reply) => {
      const { tenantId, actor } = authOf(request);
      const body = request.body;
      // Checked first so that an unknown unit or program is reported with the known ones.
      await requireUnit(db, tenantId, body.unit.trim());
      if (body.programId?.trim()) await requireProgram(db, tenantId, body.programId.trim());
      const [result] = await createRewards(db, tenantId, [body], options(actor));
      if (!result) throw new AppError('INTERNAL', 'The reward was neither created nor refused');
      if (result.status === 'error') {
        throw new AppError(result.code as ErrorCode, result.message, { rewardId: result.rewardId });
      }
      const reward = await requireReward(db, tenantId, result.rewardId);
      return reply
        .status(result.status === 'created' ? 201 : 200)
        .send(presentReward(reward, Date.now()));
    },
  );

  app.post<{ Body: { rewards: RewardInputBody[] } }>(
    '/rewards/bulk',
    { schema: bulkRewardsSchema, bodyLimit: BULK_BODY_LIMIT },
    async (request) => {
      const { tenantId, actor } = authOf(request);
      const results = await createRewards(db, tenantId, request.body.rewards, options(actor));
      return {
        count: results.length,
        created: countOf(results, 'created'),
        existing: countOf(results, 'existing'),
        errors: countOf(results, 'error'),
        results,
      };
    },
  );

  app.get<{ Querystring: RewardQuery }>(
    '/rewards',
    { schema: listRewardsSchema },
    async (request) => listRewards(db, authOf(request).tenantId, request.query),
  );

  app.get<{ Params: { rewardId: string } }>(
    '/rewards/:rewardId',
    { schema: getRewardSchema },
    async (request) => {
      const reward = await requireReward(db, authOf(request).tenantId, request.params.rewardId);
      return presentReward(reward, Date.now());
    },
  );

  app.post<{ Params: { rewardId: string } }>(
    '/rewards/:rewardId/cancel',
    { schema: cancelRewardSchema },
    async (request) => cancelReward(db, authOf(request).tenantId, request.params.rewardId),
  );

  app.post<{
    Params: { rewardId: string };
    Body: { amount?: string | null } | null;
    Headers: IdempotencyHeaders;
  }>('/rewards/:rewardId/redeem', { schema: redeemRewardSchema }, async (request, reply) => {
    const { tenantId, actor } = authOf(request);
    const { rewardId } = request.params;
    const key = request.headers['idempotency-key'];
    const amount = request.body?.amount ?? null;
    const outcome = await withIdempotencyKey(db, tenantId, key, () =>
      redeemRewardOutcome(db, tenantId, {
        rewardId,
        amount,
        source: sourceOf(request),
        actor,
        idempotencyKey: key,
        // The reward is part of the request: one key must not redeem from two rewards.
        requestHash: key ? hashRequest({ rewardId, amount }) : undefined,
      }),
    );
    return sendRedemption(reply, outcome);
  });
};
