/** The load benchmark's printed outcome: one table, CPU use, and the ledger check per database. */
import type { DriveResult } from './drive.js';
import type { LedgerCheck } from './ledgerCheck.js';

export interface Run {
  label: string;
  result: DriveResult;
  ledger: LedgerCheck;
  /** CPU seconds the server process used in the measured window (not the database's). */
  serverCpu: number;
  /** Seconds the server's event loop was ready to run but waited for a CPU (other processes). */
  serverWait: number;
  /** CPU seconds of the PostgreSQL backends serving the run (0 for SQLite, inside the server). */
  databaseCpu: number;
  /** CPU seconds this process (the clients) used in the measured window. */
  clientCpu: number;
}

const f1 = (ms: number) => ms.toFixed(1);
export const n0 = (n: number) => Math.round(n).toLocaleString('en');

function printTable(runs: readonly Run[]): void {
  const head = ['database', 'endpoint', 'req/s', 'ok/s', 'p50 ms', 'p99 ms', 'max ms', '409'];
  const rows: string[][] = [[...head, 'errors']];
  for (const { label, result: r } of runs) {
    const redeem = r.redeem.summary();
    const balance = r.balance.summary();
    const perSecond = (n: number) => n0(n / r.seconds);
    rows.push([label, 'POST /redemptions', perSecond(redeem.count), perSecond(r.redeemed)]);
    rows.at(-1)!.push(f1(redeem.p50), f1(redeem.p99), f1(redeem.max), n0(r.refused), n0(r.errors));
    rows.push(['', 'GET /balances', perSecond(balance.count), perSecond(balance.count)]);
    rows.at(-1)!.push(f1(balance.p50), f1(balance.p99), f1(balance.max), '0', '');
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  for (const row of rows) {
    const cells = row.map((cell, i) =>
      i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!),
    );
    console.log(cells.join('  '));
  }
}

/** Prints everything; returns whether the books are sound and whether the target was met. */
export function printReport(runs: readonly Run[]): { sound: boolean; met: boolean } {
  printTable(runs);
  let sound = true;
  let met = true;
  for (const { label, result, serverCpu, serverWait, databaseCpu, clientCpu } of runs) {
    const requests = result.redeem.count + result.balance.count;
    const share = (seconds: number) => `${((seconds / result.seconds) * 100).toFixed(0)}%`;
    const cpu = (seconds: number) =>
      `${share(seconds)} of a core, ${((seconds * 1000) / requests).toFixed(2)} ms per request`;
    console.log(
      `CPU ${label}: server ${cpu(serverCpu)}, waited for a CPU ${share(serverWait)} of the time; ` +
        `${databaseCpu > 0 ? `database ${cpu(databaseCpu)}; ` : ''}clients ${cpu(clientCpu)}`,
    );
  }
  for (const { label, ledger, result } of runs) {
    const pass = ledger.violations === 0 && ledger.redemptions === result.redeemedTotal;
    sound &&= pass && result.errors === 0;
    met &&=
      result.redeemed / result.seconds >= 1000 &&
      result.redeem.summary().p99 < 50 &&
      result.errors === 0;
    console.log(
      `ledger check ${label}: ${n0(ledger.rewards)} rewards, ${ledger.violations} violations; ` +
        `${n0(ledger.redemptions)} redemptions stored for ${n0(result.redeemedTotal)} answered 201 ` +
        `(${(ledger.redeemedMinor / 100).toFixed(2)} USD): ${pass ? 'pass' : 'FAIL'}`,
    );
  }
  console.log(`target (>= 1,000 redemptions/s, p99 < 50 ms, no errors): ${met ? 'met' : 'missed'}`);
  return { sound, met };
}
