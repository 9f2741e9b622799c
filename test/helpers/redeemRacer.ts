/**
 * Run as a separate process by concurrency tests: redeems `count` times `amount` from one
 * balance, all at once, and prints the outcome codes as JSON.
 * Usage: node --import tsx test/helpers/redeemRacer.ts URL TENANT_ID COUNT AMOUNT
 */
import { openDatabase } from '../../src/db/database.js';
import { redeemBalance } from '../../src/ledger/redeemBalance.js';

const [url, tenantId, count, amount] = process.argv.slice(2);
const handle = openDatabase(url as string);
const outcomes = await Promise.all(
  Array.from({ length: Number(count) }, () =>
    redeemBalance(handle.db, Number(tenantId), {
      accountId: 'acc-1',
      userId: 'user-1',
      unit: 'CASH/USD',
      amount: amount as string,
      source: 'API',
      actor: `racer-${process.pid}`,
    }).then(
      () => 'ok',
      (e: { code?: string; message?: string }) => e.code ?? String(e.message),
    ),
  ),
);
await handle.close();
process.stdout.write(JSON.stringify(outcomes));
