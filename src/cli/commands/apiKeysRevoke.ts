import type { Command } from 'commander';
import { revokeApiKey } from '../../auth/apiKeys.js';
import { AppError } from '../../domain/errors.js';
import { tenantOption, withTenant, type TenantOptions } from '../context.js';
import { line } from '../output.js';

export function registerApiKeysRevoke(apiKeys: Command): void {
  apiKeys
    .command('revoke')
    .description('revoke an API key: requests using it are refused from now on')
    .argument('<id>', 'the key id, as `api-keys list` shows it')
    .addOption(tenantOption())
    .action((id: string, options: TenantOptions) =>
      withTenant(options, async ({ db }, tenant) => {
        if (!/^\d+$/.test(id)) {
          throw new AppError(
            'VALIDATION_FAILED',
            `"${id}" is not a key id; use the number from \`rewardbook api-keys list\``,
          );
        }
        await revokeApiKey(db, tenant.id, Number(id));
        await line(`revoked API key ${id} of tenant ${tenant.slug}`);
      }),
    );
}
