import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import { tenantOption, withTenant, type TenantOptions } from '../context.js';
import { readCsvRecords } from '../load/csvParser.js';
import { loadRewards } from '../load/loadRewards.js';
import { LOAD_COLUMNS } from '../load/rewardColumns.js';
import { line } from '../output.js';
import { createProgress } from '../progress.js';

interface Options extends TenantOptions {
  batch: string;
}

function parseBatch(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < 1 || n > 100_000) {
    throw new AppError(
      'VALIDATION_FAILED',
      `--batch "${text}" must be a whole number from 1 to 100000, such as 2000`,
    );
  }
  return n;
}

async function openFile(path: string) {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a file');
    return { size: info.size, stream: createReadStream(path, { encoding: 'utf8' }) };
  } catch {
    throw new AppError('UNREADABLE_FILE', `Cannot read "${path}"; give the path of a CSV file`, {
      path,
    });
  }
}

export function registerRewardsLoad(rewards: Command): void {
  rewards
    .command('load')
    .description(`load rewards from a CSV file with the header ${LOAD_COLUMNS.join(', ')}`)
    .argument('<file>', 'CSV file (UTF-8); loading the same rewardId again changes nothing')
    .option('--batch <rows>', 'rows per transaction', '2000')
    .addOption(tenantOption())
    .action((file: string, options: Options) =>
      withTenant(options, async ({ db }, tenant) => {
        const batchSize = parseBatch(options.batch);
        const { size, stream } = await openFile(file);
        const progress = createProgress({ label: 'rows' });
        const summary = await loadRewards(db, tenant.id, readCsvRecords(stream), {
          batchSize,
          onRefused: ({ row, rewardId, message }) => {
            process.stderr.write(`row ${row} (rewardId ${rewardId || '(empty)'}): ${message}\n`);
          },
          onProgress: (rows) => progress.update(rows, size > 0 ? stream.bytesRead / size : 1),
        });
        progress.finish();
        await line(
          `loaded: ${summary.created} created, ${summary.existing} already existed, ${summary.refused} refused`,
        );
        if (summary.refused > 0) process.exitCode = 1;
      }),
    );
}
