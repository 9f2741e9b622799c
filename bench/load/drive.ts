/**
 * Drives the redeem and balance endpoints from `clients` concurrent keep-alive clients. Each
 * client sends one request at a time until the time or the request budget runs out; requests
 * started during the warm-up are sent but not measured.
 */
import { send, keepAliveAgent } from './client.js';
import { accountOf, userOf } from './seed.js';
import { Latencies } from './stats.js';

export interface DriveOptions {
  origin: string;
  apiKey: string;
  participants: number;
  clients: number;
  warmupSeconds: number;
  seconds: number;
  maxRequests: number;
  /** Share of requests that read a balance, in percent; the rest redeem. */
  readPercent: number;
  /** Share of redemptions sent with an Idempotency-Key, in percent. */
  keyPercent: number;
  /** Share of redemptions asking for more than any balance holds (409 expected), in percent. */
  overdrawPercent: number;
}

export interface DriveResult {
  seconds: number;
  redeem: Latencies;
  balance: Latencies;
  /** Over the whole run, warm-up included: what the database must hold afterwards. */
  redeemedTotal: number;
  /** In the measured window. */
  redeemed: number;
  refused: number;
  errors: number;
  errorSamples: string[];
}

/** A small fast PRNG (mulberry32), seeded per client so that runs are comparable. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function drive(o: DriveOptions): Promise<DriveResult> {
  const agent = keepAliveAgent(o.clients);
  const auth = { authorization: `Bearer ${o.apiKey}` };
  const result: DriveResult = {
    seconds: o.seconds,
    redeem: new Latencies(),
    balance: new Latencies(),
    redeemedTotal: 0,
    redeemed: 0,
    refused: 0,
    errors: 0,
    errorSamples: [],
  };
  const error = (what: string) => {
    result.errors++;
    if (result.errorSamples.length < 5) result.errorSamples.push(what);
  };
  const start = performance.now();
  const measureFrom = start + o.warmupSeconds * 1000;
  const end = measureFrom + o.seconds * 1000;
  let issued = 0;

  async function client(id: number): Promise<void> {
    const next = random(id + 1);
    for (let n = 0; performance.now() < end && issued < o.maxRequests; n++) {
      issued++;
      const measured = performance.now() >= measureFrom;
      const p = Math.floor(next() * o.participants);
      const who = `accountId=${accountOf(p)}&userId=${userOf(p)}`;
      try {
        if (next() * 100 < o.readPercent) {
          const path = `/api/v1/balances?${who}&unit=CASH%2FUSD`;
          const answer = await send(agent, o.origin, 'GET', path, auth);
          if (answer.status !== 200) error(`balance ${answer.status} ${answer.body.slice(0, 200)}`);
          else if (measured) result.balance.add(answer.ms);
          continue;
        }
        const overdraw = next() * 100 < o.overdrawPercent;
        const amount = overdraw
          ? '1000000.00'
          : `0.${String(1 + Math.floor(next() * 99)).padStart(2, '0')}`;
        const headers =
          next() * 100 < o.keyPercent ? { ...auth, 'idempotency-key': `load-${id}-${n}` } : auth;
        const body = { accountId: accountOf(p), userId: userOf(p), unit: 'CASH/USD', amount };
        const answer = await send(agent, o.origin, 'POST', '/api/v1/redemptions', headers, body);
        if (answer.status === 201) {
          result.redeemedTotal++;
          if (measured) result.redeemed++;
        } else if (answer.status === 409 && overdraw) {
          if (measured) result.refused++;
        } else {
          error(`redeem ${answer.status} ${answer.body.slice(0, 200)}`);
          continue;
        }
        if (measured) result.redeem.add(answer.ms);
      } catch (e) {
        error(`network: ${(e as Error).message}`);
      }
    }
  }

  await Promise.all(Array.from({ length: o.clients }, (_, id) => client(id)));
  // The budget may end the run before the clock does.
  result.seconds = Math.min(o.seconds, (performance.now() - measureFrom) / 1000);
  agent.destroy();
  return result;
}
