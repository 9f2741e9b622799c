/**
 * The API fuzzing target of bench/fuzz.bench.ts: random and hostile bodies sent to every
 * endpoint that takes one, on a server over a fresh SQLite database. A failure is a 5xx, an
 * error outside the one shape, or a change to the ledger.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { buildServer } from '../../src/http/server.js';
import { buildTenant, testConfig } from '../../src/http/testing.js';
import { apiRoutes, fillPath } from '../security/routes.js';
import type { TargetResult } from './fuzzTargets.js';
import { expectErrorShape, ledgerTotals, sendRaw } from './http.js';

const NOWHERE = {
  accountId: 'no-such-account',
  userId: 'no-such-user',
  rewardId: 'no-such-reward',
  id: '987654321',
  code: 'NO_SUCH_UNIT',
  kind: 'errors',
};

const TYPES = [
  'application/json',
  'application/json',
  'application/json',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/xml',
];

const body = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.anything().map((value) => {
    try {
      return JSON.stringify(value) ?? 'undefined';
    } catch {
      return String(value);
    }
  }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  fc.integer({ min: 1000, max: 200_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
);

export async function apiBarrage(runs: number, seed: number): Promise<TargetResult> {
  const dir = mkdtempSync(join(tmpdir(), 'rewardbook-fuzz-'));
  const handle = openDatabase(`sqlite:${join(dir, 'fuzz.db')}`);
  const result: TargetResult = { inputs: 0, recordsChecked: 0, outcomes: {}, failures: [] };
  try {
    await migrateToLatest(handle);
    const app = await buildServer({ handle, config: testConfig(), logger: false });
    const { apiKey } = await buildTenant(handle.db);
    const routes = apiRoutes(app).filter((route) => route.method !== 'GET');
    const before = await ledgerTotals(handle.db);
    const inputs = fc.tuple(fc.constantFrom(...routes), body, fc.constantFrom(...TYPES));
    // Small batches: a body nested 200,000 deep is 400 KB, and a batch is held whole.
    for (let done = 0; done < runs; done += 100) {
      const batch = fc.sample(inputs, { numRuns: Math.min(100, runs - done), seed: seed + done });
      for (const [route, payload, type] of batch) {
        result.inputs++;
        const at = `${route.method} ${route.path} as ${type}`;
        const reply = await sendRaw(
          app,
          apiKey,
          route.method,
          fillPath(route.path, NOWHERE),
          payload,
          type,
        );
        const label = `${reply.status} ${reply.body?.error?.code ?? ''}`.trim();
        result.outcomes[label] = (result.outcomes[label] ?? 0) + 1;
        try {
          if (reply.status >= 300) expectErrorShape(reply, at);
        } catch (error) {
          result.failures.push(`${at}: ${(error as Error).message}`.slice(0, 400));
        }
      }
    }
    const after = await ledgerTotals(handle.db);
    if (JSON.stringify(after) !== JSON.stringify(before)) {
      result.failures.push(
        `the ledger changed: ${JSON.stringify(before)} → ${JSON.stringify(after)}`,
      );
    }
    const health = await app.inject({ method: 'GET', url: '/health' });
    if (health.statusCode !== 200)
      result.failures.push(`/health answered ${health.statusCode} afterwards`);
    await app.close();
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}
