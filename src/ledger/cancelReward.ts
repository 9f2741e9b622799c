import type { Db } from '../db/database.js';
import { AppError } from '../domain/errors.js';
import { lockParticipant } from './participants.repository.js';
import { requireReward } from './rewards.repository.js';
import { presentReward, type RewardView } from './views.js';

/**
 * Cancels a reward. Refused once anything of it is redeemed: cancelling would silently drop a
 * payout already made; reverse the redemptions first. Cancelling twice is harmless.
 */
export async function cancelReward(
  db: Db,
  tenantId: number,
  rewardId: string,
): Promise<RewardView> {
  await db.transaction().execute(async (trx) => {
    const located = await requireReward(trx, tenantId, rewardId);
    await lockParticipant(trx, located.participantId);
    const reward = await requireReward(trx, tenantId, rewardId);
    if (reward.status === 'CANCELLED') return;
    if (reward.redeemed > 0) {
      throw new AppError(
        'REWARD_NOT_CANCELLABLE',
        `Reward ${rewardId} has redeemed amounts, so it cannot be cancelled; reverse its redemptions first`,
        { rewardId },
      );
    }
    await trx
      .updateTable('rewards')
      .set({ status: 'CANCELLED', date_cancelled: Date.now() })
      .where('id', '=', reward.id)
      .execute();
  });
  return presentReward(await requireReward(db, tenantId, rewardId), Date.now());
}
