import type { Command } from 'commander';
import { createApiKey } from '../../auth/apiKeys.js';
import { AppError } from '../../domain/errors.js';
import { tenantOption, withTenant, type TenantOptions } from '../context.js';
import { line } from '../output.js';

interface Options extends TenantOptions {
  name: string;
  quiet?: boolean;
}

export function registerApiKeysCreate(apiKeys: Command): void {
  apiKeys
    .command('create')
    .description('create an API key for programs and scripts (shown only once)')
    .option('--name <name>', 'what the key is for, to tell keys apart', 'cli')
    .option('--quiet', 'print only the key, for scripts: KEY=$(rewardbook api-keys create --quiet)')
    .addOption(tenantOption())
    .action((options: Options) =>
      withTenant(options, async ({ db, config }, tenant) => {
        const name = options.name.trim();
        if (!name) throw new AppError('VALIDATION_FAILED', '--name must not be empty');
        const { key, info } = await createApiKey(db, tenant.id, name);
        if (options.quiet) return line(key);
        await line(`created API key ${info.id} "${info.name}" for tenant ${tenant.slug}:`);
        await line();
        await line(`  ${key}`);
        await line();
        await line('It is shown only this once; keep it somewhere safe. Use it as a bearer token:');
        await line(`  curl -H "Authorization: Bearer ${key}" ${config.publicUrl}/api/v1/rewards`);
      }),
    );
}
