import type { Command } from 'commander';
import { listApiKeys } from '../../auth/apiKeys.js';
import { toIso } from '../../domain/dates.js';
import { tenantOption, withTenant, type TenantOptions } from '../context.js';
import { writeTable } from '../table.js';

export function registerApiKeysList(apiKeys: Command): void {
  apiKeys
    .command('list')
    .description("list the tenant's API keys (their beginnings only; keys are stored hashed)")
    .addOption(tenantOption())
    .action((options: TenantOptions) =>
      withTenant(options, async ({ db }, tenant) => {
        const keys = await listApiKeys(db, tenant.id);
        await writeTable(
          ['ID', 'NAME', 'STARTS WITH', 'CREATED', 'REVOKED'],
          keys.map((k) => [k.id, k.name, `${k.prefix}…`, toIso(k.createdAt), toIso(k.revokedAt)]),
          '(no API keys yet: run `rewardbook api-keys create`)',
        );
      }),
    );
}
