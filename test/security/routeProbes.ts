/**
 * How tenant B tries each route on tenant A's records. Every route the server answers must be
 * here or in NOT_TENANT_SCOPED (with the reason), so a route added later fails the isolation
 * test until someone says how to try it.
 *
 * - refused: B names A's records and is answered exactly as for records that exist nowhere
 *   (404, or 403 where the caller's kind may not use the route at all).
 * - own: the route acts in B's own namespace (an upsert, a create); B naming A's identifiers gets
 *   what B naming unused ones gets, and A is untouched.
 * - list: what B is shown never holds A's marker, nor A's record ids.
 */
import { EXPORT_TYPE } from '../../src/exports/exportKinds.js';
import { multipartBody } from '../../src/http/routes/importsTesting.js';
import type { Ids, Probe } from './world.js';

export type Spec =
  | { kind: 'refused'; probes: (ids: Ids) => Probe[] }
  | { kind: 'own'; compare: 'exact' | 'status'; probes: (ids: Ids) => Probe[] }
  | { kind: 'list'; probes: (ids: Ids) => Probe[]; idsOf?: (ids: Ids) => number[] };

const V1 = '/api/v1';
const get = (url: string): Probe => ({ method: 'GET', url: `${V1}${url}` });
const post = (url: string, body?: unknown): Probe => ({ method: 'POST', url: `${V1}${url}`, body });
const enc = encodeURIComponent;

export const ROUTE_PROBES: Record<string, Spec> = {
  'GET /api/v1/participants': {
    kind: 'list',
    probes: (i) => [get('/participants'), get(`/participants?q=${enc(i.accountId)}`)],
  },
  'GET /api/v1/participants/:accountId/:userId': {
    kind: 'refused',
    probes: (i) => [get(`/participants/${enc(i.accountId)}/${enc(i.userId)}`)],
  },
  'PUT /api/v1/participants/:accountId/:userId': {
    kind: 'own',
    compare: 'exact',
    probes: (i) => [
      {
        method: 'PUT',
        url: `${V1}/participants/${enc(i.accountId)}/${enc(i.userId)}`,
        body: { firstName: 'Bee' },
      },
    ],
  },
  'GET /api/v1/programs': { kind: 'list', probes: () => [get('/programs')] },
  'POST /api/v1/programs': {
    kind: 'own',
    compare: 'exact',
    probes: (i) => [post('/programs', { programId: i.programId })],
  },
  'GET /api/v1/rewards': {
    kind: 'list',
    probes: (i) => [
      get('/rewards'),
      get(`/rewards?accountId=${enc(i.accountId)}`),
      get(`/rewards?programId=${enc(i.programId)}`),
    ],
  },
  'POST /api/v1/rewards': {
    kind: 'refused',
    probes: (i) => [
      post('/rewards', {
        rewardId: 'r-b',
        accountId: i.accountId,
        userId: i.userId,
        unit: i.unitCode,
        amount: '1',
      }),
      post('/rewards', {
        rewardId: 'r-b',
        accountId: 'a',
        userId: 'u',
        unit: 'CASH/USD',
        programId: i.programId,
        amount: '1.00',
      }),
    ],
  },
  'POST /api/v1/rewards/bulk': {
    kind: 'own',
    compare: 'exact',
    probes: (i) => [
      post('/rewards/bulk', {
        rewards: [
          {
            rewardId: i.rewardId,
            accountId: i.accountId,
            userId: i.userId,
            unit: i.unitCode,
            amount: '1',
          },
        ],
      }),
    ],
  },
  'GET /api/v1/rewards/:rewardId': {
    kind: 'refused',
    probes: (i) => [get(`/rewards/${enc(i.rewardId)}`)],
  },
  'POST /api/v1/rewards/:rewardId/cancel': {
    kind: 'refused',
    probes: (i) => [post(`/rewards/${enc(i.rewardId)}/cancel`)],
  },
  'POST /api/v1/rewards/:rewardId/redeem': {
    kind: 'refused',
    probes: (i) => [post(`/rewards/${enc(i.rewardId)}/redeem`, { amount: '1.00' })],
  },
  'POST /api/v1/redemptions': {
    kind: 'refused',
    probes: (i) => [
      post('/redemptions', {
        accountId: i.accountId,
        userId: i.userId,
        unit: 'CASH/USD',
        amount: '1.00',
      }),
      post('/redemptions', {
        accountId: i.accountId,
        userId: i.userId,
        unit: i.unitCode,
        amount: '1',
      }),
    ],
  },
  'GET /api/v1/redemptions': {
    kind: 'list',
    probes: (i) => [
      get('/redemptions'),
      get(`/redemptions?accountId=${enc(i.accountId)}`),
      get(`/redemptions?importId=${i.importId}`),
    ],
    idsOf: (i) => [i.redemptionId],
  },
  'GET /api/v1/redemptions/:id': {
    kind: 'refused',
    probes: (i) => [get(`/redemptions/${i.redemptionId}`)],
  },
  'POST /api/v1/redemptions/:id/reverse': {
    kind: 'refused',
    probes: (i) => [post(`/redemptions/${i.redemptionId}/reverse`)],
  },
  'GET /api/v1/balances': {
    kind: 'refused',
    probes: (i) => [get(`/balances?accountId=${enc(i.accountId)}&userId=${enc(i.userId)}`)],
  },
  'GET /api/v1/units': { kind: 'list', probes: () => [get('/units')] },
  'PUT /api/v1/units/:code': {
    kind: 'own',
    compare: 'status',
    probes: (i) => [
      { method: 'PUT', url: `${V1}/units/${enc(i.unitCode)}`, body: { decimals: 1 } },
    ],
  },
  'POST /api/v1/imports': {
    kind: 'own',
    compare: 'status',
    probes: (i) => {
      const csv = `accountId,userId,unit,valueToRedeem\r\n${i.accountId},${i.userId},CASH/USD,1.00\r\n`;
      const form = multipartBody(
        { type: 'UPDATE_USER_REWARD_BALANCES', dryRun: 'true' },
        { content: csv },
      );
      return [{ method: 'POST', url: `${V1}/imports`, raw: form }];
    },
  },
  'GET /api/v1/imports': {
    kind: 'list',
    probes: () => [get('/imports')],
    idsOf: (i) => [i.importId],
  },
  'GET /api/v1/imports/:id': { kind: 'refused', probes: (i) => [get(`/imports/${i.importId}`)] },
  'GET /api/v1/imports/:id/rows': {
    kind: 'refused',
    probes: (i) => [get(`/imports/${i.importId}/rows?outcome=error`)],
  },
  'POST /api/v1/imports/:id/reverse': {
    kind: 'refused',
    probes: (i) => [post(`/imports/${i.importId}/reverse`)],
  },
  'GET /api/v1/imports/:id/files/:kind': {
    kind: 'refused',
    probes: (i) =>
      ['original', 'errors', 'results'].map((kind) => get(`/imports/${i.importId}/files/${kind}`)),
  },
  'GET /api/v1/admins': { kind: 'list', probes: () => [get('/admins')], idsOf: (i) => [i.adminId] },
  'POST /api/v1/admins': {
    kind: 'own',
    compare: 'status',
    probes: (i) => [post('/admins', { email: i.adminEmail })],
  },
  'DELETE /api/v1/admins/:id': {
    kind: 'refused',
    probes: (i) => [{ method: 'DELETE', url: `${V1}/admins/${i.adminId}` }],
  },
  'GET /api/v1/api-keys': {
    kind: 'list',
    probes: () => [get('/api-keys')],
    idsOf: (i) => [i.apiKeyId],
  },
  'POST /api/v1/api-keys': {
    kind: 'own',
    compare: 'status',
    probes: () => [post('/api-keys', { name: 'b-key' })],
  },
  'POST /api/v1/api-keys/:id/revoke': {
    kind: 'refused',
    probes: (i) => [post(`/api-keys/${i.apiKeyId}/revoke`)],
  },
  'POST /api/v1/exports': {
    kind: 'refused',
    probes: (i) => [
      post('/exports', { type: EXPORT_TYPE, format: 'CSV', programId: i.programId }),
      post('/exports', { type: EXPORT_TYPE, format: 'XLSX', unit: i.unitCode }),
    ],
  },
  'GET /api/v1/exports': {
    kind: 'list',
    probes: () => [get('/exports')],
    idsOf: (i) => [i.exportId],
  },
  'GET /api/v1/exports/:id': { kind: 'refused', probes: (i) => [get(`/exports/${i.exportId}`)] },
  'POST /api/v1/exports/:id/cancel': {
    kind: 'refused',
    probes: (i) => [post(`/exports/${i.exportId}/cancel`)],
  },
  'GET /api/v1/exports/:id/download': {
    kind: 'refused',
    probes: (i) => [get(`/exports/${i.exportId}/download`)],
  },
  'GET /api/v1/outbox': {
    kind: 'list',
    probes: () => [get('/outbox')],
    idsOf: (i) => [i.outboxId],
  },
  'GET /api/v1/outbox/:id': { kind: 'refused', probes: (i) => [get(`/outbox/${i.outboxId}`)] },
};

/** Routes that hold no tenant's records, and where they are tested instead. */
export const NOT_TENANT_SCOPED: Record<string, string> = {
  'GET /': 'the web app or a redirect to the API documentation',
  'GET /*': "the web app's files",
  'GET /health': 'liveness; tenant-free',
  'GET /metrics': 'aggregates only; checked below for the marker',
  'GET /download': 'signed links carry their own authority: links.test.ts',
  'GET /api/session': "the caller's own session: sessions.test.ts",
  'POST /api/session': 'sign-in: sessions.test.ts',
  'DELETE /api/session': 'sign-out: sessions.test.ts',
};
