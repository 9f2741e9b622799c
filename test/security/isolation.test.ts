/**
 * Tenant isolation, route by route: tenant B, by API key and by admin session, tries every
 * route on tenant A's records and gets nothing: not A's data, not a different answer from the
 * one for records that do not exist (which would tell that A's exist), no change to A.
 */
import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases.js';
import { ledgerCounts, useServer, type Reply } from '../../src/http/testing.js';
import { NOT_TENANT_SCOPED, ROUTE_PROBES, type Spec } from './routeProbes.js';
import { listRoutes, routeKey } from './routes.js';
import { buildWorld, call, MISSING, type Credential, type Ids, type World } from './world.js';

/**
 * `value` with each of `ids`' values as `<ID>`: in text as a whole word, and as a number under a
 * key naming an id (`id`, `importId`), so that counts and indexes of 1 stay what they are.
 */
function scrub(value: unknown, ids: Ids, key = ''): unknown {
  const values = Object.values(ids);
  if (typeof value === 'number') return /id$/i.test(key) && values.includes(value) ? '<ID>' : value;
  if (typeof value === 'string') {
    let text = value;
    for (const id of values) {
      const escaped = String(id).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      text = text.replace(new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`, 'g'), '<ID>');
    }
    return text;
  }
  if (Array.isArray(value)) return value.map((item) => scrub(item, ids, key));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, ids, k)]));
  }
  return value;
}

function normalised(reply: Reply, ids: Ids): { status: number; body: unknown } {
  return { status: reply.status, body: scrub(reply.body, ids) };
}

function label(who: Credential, key: string, i: number): string {
  return `${key} #${i + 1} by ${who.via}`;
}

async function tryRoute(world: World, app: Parameters<typeof call>[0], key: string, spec: Spec) {
  for (const who of world.b.credentials) {
    const theirs = spec.probes(world.ids);
    const nobody = spec.probes(MISSING);
    for (const [i, probe] of theirs.entries()) {
      const at = label(who, key, i);
      const reply = await call(app, who, probe);
      expect(reply.status, `${at}: ${JSON.stringify(reply.body)}`).toBeLessThan(500);
      // What B sent may come back (`No participant acct-…`), and what B creates may be named
      // after it (`Unit_…`); anything else of A's may not.
      if (spec.kind !== 'own') {
        expect(JSON.stringify(normalised(reply, world.ids).body), at).not.toContain(world.marker);
      }
      if (spec.kind === 'list') {
        const items = (reply.body?.items ?? []) as { id?: number }[];
        const forbidden = spec.idsOf?.(world.ids) ?? [];
        expect(
          items.filter((item) => forbidden.includes(item.id ?? -1)),
          at,
        ).toEqual([]);
        continue;
      }
      const missing = await call(app, who, nobody[i] as (typeof nobody)[number]);
      if (spec.kind === 'refused') {
        const allowed = who.via === 'api-key' ? [403, 404] : [404];
        expect(allowed, `${at}: ${JSON.stringify(reply.body)}`).toContain(reply.status);
      }
      if (spec.kind === 'own' && spec.compare === 'status') {
        expect([reply.status, reply.body?.error?.code], at).toEqual([
          missing.status,
          missing.body?.error?.code,
        ]);
      } else {
        expect(normalised(reply, world.ids), at).toEqual(normalised(missing, MISSING));
      }
    }
  }
}

describeEachDb('tenant isolation on every route', (get) => {
  const { server } = useServer(get);

  it('knows how to try every route the server answers', async () => {
    const unknown = listRoutes(server())
      .map(routeKey)
      .filter((key) => !key.startsWith('GET /api/docs'))
      .filter((key) => !(key in ROUTE_PROBES) && !(key in NOT_TENANT_SCOPED));
    expect(unknown, 'add these routes to ROUTE_PROBES in test/security/routeProbes.ts').toEqual([]);
    const gone = Object.keys(ROUTE_PROBES).filter(
      (key) => !listRoutes(server()).some((r) => routeKey(r) === key),
    );
    expect(gone, 'these probed routes no longer exist').toEqual([]);
  });

  it("answers tenant B, by API key and by session, nothing of tenant A's on any route", async () => {
    const app = server();
    const world = await buildWorld(app, get().handle);
    const db = get().handle.db;
    const before = await ledgerCounts(db, world.a.tenant.id);
    const entries = Object.entries(ROUTE_PROBES);
    // Upserts last: once B has a participant or unit of A's name, B's reads find B's own.
    const order = [
      ...entries.filter(([, s]) => s.kind !== 'own'),
      ...entries.filter(([, s]) => s.kind === 'own'),
    ];
    for (const [key, spec] of order) await tryRoute(world, app, key, spec);
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).not.toContain(world.marker);

    expect(await ledgerCounts(db, world.a.tenant.id)).toEqual(before);
    const asA = world.a.credentials[0] as Credential;
    const reward = await call(app, asA, {
      method: 'GET',
      url: `/api/v1/rewards/${world.ids.rewardId}`,
    });
    expect([reward.status, reward.body.status, reward.body.availableAmount]).toEqual([
      200,
      'AVAILABLE',
      '17.00',
    ]);
    const redemption = await call(app, asA, {
      method: 'GET',
      url: `/api/v1/redemptions/${world.ids.redemptionId}`,
    });
    expect(redemption.body.reversedById).toBeNull();
    const imported = await call(app, asA, {
      method: 'GET',
      url: `/api/v1/imports/${world.ids.importId}`,
    });
    expect([imported.body.status, imported.body.reversedAt]).toEqual(['succeeded', null]);
    const exported = await call(app, asA, {
      method: 'GET',
      url: `/api/v1/exports/${world.ids.exportId}`,
    });
    expect(exported.body.status).toBe('succeeded');
    const admins = await call(app, world.a.credentials[1] as Credential, {
      method: 'GET',
      url: '/api/v1/admins',
    });
    expect(admins.body.items.map((x: { id: number }) => x.id)).toEqual([world.ids.adminId]);
    const keys = await call(app, world.a.credentials[1] as Credential, {
      method: 'GET',
      url: '/api/v1/api-keys',
    });
    expect(keys.body.items.map((x: { revokedAt: unknown }) => x.revokedAt)).toEqual([null]);
  });
});
