/** Seeds the load benchmark's tenant: an API key from the CLI, rewards through the bulk API. */
import type http from 'node:http';
import { send } from './client.js';
import { cli } from './server.js';

const BULK = 5000;
const REWARDS_EACH = 3;

export const accountOf = (p: number) => `acct-${p % 100}`;
export const userOf = (p: number) => `user-${p}`;

/** Creates tenant `load` with an API key (returned) and a unit; the server must be running. */
export async function createTenantAndKey(databaseUrl: string): Promise<string> {
  await cli(databaseUrl, ['tenants', 'create', 'load']);
  return (
    await cli(databaseUrl, ['api-keys', 'create', '--quiet', '--tenant', 'load', '--name', 'load'])
  ).trim();
}

/** Gives each participant three rewards of 50.00 USD, one of them expiring (consumed first). */
export async function seedRewards(
  agent: http.Agent,
  origin: string,
  key: string,
  participants: number,
): Promise<number> {
  const auth = { authorization: `Bearer ${key}` };
  const unit = await send(agent, origin, 'PUT', '/api/v1/units/CASH%2FUSD', auth, {});
  if (unit.status >= 300) throw new Error(`creating the unit: ${unit.status} ${unit.body}`);
  const rewards = [];
  for (let p = 0; p < participants; p++) {
    for (let n = 0; n < REWARDS_EACH; n++) {
      rewards.push({
        rewardId: `load-${p}-${n}`,
        accountId: accountOf(p),
        userId: userOf(p),
        unit: 'CASH/USD',
        amount: '50.00',
        ...(n === 1 ? { dateExpires: '2099-01-01' } : {}),
      });
    }
  }
  for (let start = 0; start < rewards.length; start += BULK) {
    const batch = rewards.slice(start, start + BULK);
    const reply = await send(agent, origin, 'POST', '/api/v1/rewards/bulk', auth, {
      rewards: batch,
    });
    const created =
      reply.status === 200 ? (JSON.parse(reply.body) as { created: number }).created : -1;
    if (created !== batch.length)
      throw new Error(`bulk rewards: ${reply.status} ${reply.body.slice(0, 300)}`);
  }
  return rewards.length;
}
