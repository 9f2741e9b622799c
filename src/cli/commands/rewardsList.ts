import { Option, type Command } from 'commander';
import { iterateRewards } from '../../ledger/listRewards.js';
import type { RewardView } from '../../ledger/views.js';
import { tenantOption, withTenant, type TenantOptions } from '../context.js';
import { writeCsv, writeJsonArray } from '../output.js';
import { writeTable } from '../table.js';

/** The fields of `rewards list`, in order: part of the scripting contract, so never renamed. */
const FIELDS = [
  'rewardId',
  'accountId',
  'userId',
  'programId',
  'unit',
  'amount',
  'redeemedAmount',
  'status',
  'dateGiven',
  'dateExpires',
  'dateRedeemed',
] as const;

type ListedReward = Pick<RewardView, (typeof FIELDS)[number]>;

async function* listed(rewards: AsyncIterable<RewardView>): AsyncGenerator<ListedReward> {
  for await (const r of rewards) {
    yield {
      rewardId: r.rewardId,
      accountId: r.accountId,
      userId: r.userId,
      programId: r.programId,
      unit: r.unit,
      amount: r.amount,
      redeemedAmount: r.redeemedAmount,
      status: r.status,
      dateGiven: r.dateGiven,
      dateExpires: r.dateExpires,
      dateRedeemed: r.dateRedeemed,
    };
  }
}

async function* asRows(rewards: AsyncIterable<ListedReward>) {
  for await (const r of rewards) yield FIELDS.map((f) => r[f]);
}

interface Options extends TenantOptions {
  format: 'json' | 'csv' | 'table';
}

export function registerRewardsList(rewards: Command): void {
  rewards
    .command('list')
    .description('list every reward of the tenant, in creation order')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['json', 'csv', 'table'])
        .default('table'),
    )
    .addOption(tenantOption())
    .action((options: Options) =>
      withTenant(options, async ({ db }, tenant) => {
        const items = listed(iterateRewards(db, tenant.id));
        if (options.format === 'json') await writeJsonArray(items);
        else if (options.format === 'csv') await writeCsv(FIELDS, items);
        else await writeTable(FIELDS, asRows(items));
      }),
    );
}
