/**
 * Two tenants for the isolation tests. Tenant A has one of everything (rewards, a redemption,
 * a finished import with its files, a finished export, emails, an admin, an API key), all named
 * with a random marker that must never show in anything tenant B is answered. Tenant B has an
 * API key, a signed-in admin and a little data of its own, so its lists are not empty.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createApiKey } from '../../src/auth/apiKeys.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { queueEmail } from '../../src/email/queueEmail.js';
import { EXPORT_TYPE } from '../../src/exports/exportKinds.js';
import { findExport } from '../../src/exports/exports.repository.js';
import { runExportJobs } from '../../src/exports/testing.js';
import { buildTenantWithAdmin, signIn } from '../../src/http/session/testing.js';
import { giveRewards, testConfig, type Reply } from '../../src/http/testing.js';
import { uploadFile } from '../../src/http/routes/importsTesting.js';
import { runJobs } from '../../src/imports/testing.js';

/** The records a probe names; tenant A's real ones, or ones that exist nowhere. */
export interface Ids {
  accountId: string;
  userId: string;
  rewardId: string;
  unitCode: string;
  programId: string;
  redemptionId: number;
  importId: number;
  exportId: number;
  outboxId: number;
  adminId: number;
  apiKeyId: number;
  adminEmail: string;
}

export const MISSING: Ids = {
  accountId: 'acct-missing',
  userId: 'user-missing',
  rewardId: 'rw-missing',
  unitCode: 'UNIT_MISSING',
  programId: 'prog-missing',
  redemptionId: 990_000_001,
  importId: 990_000_002,
  exportId: 990_000_003,
  outboxId: 990_000_004,
  adminId: 990_000_005,
  apiKeyId: 990_000_006,
  adminEmail: 'missing-admin@example.com',
};

/** How a caller proves who it is: an API key, or an admin session (cookie and CSRF token). */
export type Credential =
  { via: 'api-key'; key: string } | { via: 'session'; cookie: string; csrf: string };

export interface Probe {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  body?: unknown;
  /** A raw body (a multipart form) with its content type. */
  raw?: { payload: Buffer; contentType: string };
}

export async function call(app: FastifyInstance, who: Credential, probe: Probe): Promise<Reply> {
  const headers: Record<string, string> =
    who.via === 'api-key'
      ? { authorization: `Bearer ${who.key}` }
      : { cookie: who.cookie, 'x-csrf-token': who.csrf };
  if (probe.raw) headers['content-type'] = probe.raw.contentType;
  const response = await app.inject({
    method: probe.method,
    url: probe.url,
    headers,
    ...(probe.raw
      ? { payload: probe.raw.payload }
      : probe.body === undefined
        ? {}
        : { payload: probe.body as object }),
  });
  const json = response.headers['content-type']?.toString().includes('json');
  return {
    status: response.statusCode,
    headers: response.headers,
    body: json && response.body ? JSON.parse(response.body) : response.body,
  };
}

/** The body of a reply that must have this status (the world is built wrong otherwise). */
function expectStatus(reply: Reply, status: number) {
  if (reply.status !== status) throw new Error(`expected ${status}: ${JSON.stringify(reply.body)}`);
  return reply.body;
}

async function tenant(app: FastifyInstance, handle: DatabaseHandle) {
  const { tenant, email } = await buildTenantWithAdmin(handle.db);
  const { key, info } = await createApiKey(handle.db, tenant.id, 'isolation');
  const session = await signIn(app, email);
  const credentials: Credential[] = [
    { via: 'api-key', key },
    { via: 'session', cookie: session.cookie, csrf: session.csrf },
  ];
  return {
    tenant,
    email,
    key,
    keyId: info.id,
    adminId: session.session.admin.id as number,
    credentials,
  };
}

export async function buildWorld(app: FastifyInstance, handle: DatabaseHandle) {
  const db = handle.db;
  const marker = `zq${randomBytes(5).toString('hex')}`;
  const a = await tenant(app, handle);
  const b = await tenant(app, handle);
  const ids: Ids = {
    ...MISSING,
    accountId: `acct-${marker}`,
    userId: `user-${marker}`,
    rewardId: `rw-${marker}`,
    unitCode: `UNIT_${marker.toUpperCase()}`,
    programId: `prog-${marker}`,
    adminId: a.adminId,
    apiKeyId: a.keyId,
    adminEmail: a.email,
  };
  const who = {
    accountId: ids.accountId,
    userId: ids.userId,
    firstName: `First${marker}`,
    email: `${marker}@example.com`,
  };
  await giveRewards(db, a.tenant.id, [
    { ...who, rewardId: ids.rewardId, unit: 'CASH/USD', programId: ids.programId, amount: '20.00' },
    { ...who, rewardId: `${ids.rewardId}-2`, unit: ids.unitCode, amount: '7' },
  ]);
  await giveRewards(db, b.tenant.id, [
    { accountId: 'acct-b', userId: 'user-b', unit: 'CASH/USD', amount: '3.00' },
  ]);
  const asA = a.credentials[0] as Credential;
  const redeem = { accountId: ids.accountId, userId: ids.userId, unit: 'CASH/USD', amount: '1.00' };
  const redeemed = await call(app, asA, {
    method: 'POST',
    url: '/api/v1/redemptions',
    body: redeem,
  });
  ids.redemptionId = expectStatus(redeemed, 201).id;
  const csv = `accountId,userId,unit,valueToRedeem\r\n${ids.accountId},${ids.userId},CASH/USD,2.00\r\n${ids.accountId},nobody-${marker},CASH/USD,1\r\n`;
  const uploaded = await uploadFile(app, a.key, { content: csv, filename: `${marker}.csv` });
  ids.importId = expectStatus(uploaded, 202).id;
  await runJobs(handle, testConfig());
  const exported = await call(app, asA, {
    method: 'POST',
    url: '/api/v1/exports',
    body: { type: EXPORT_TYPE, format: 'CSV' },
  });
  ids.exportId = expectStatus(exported, 201).id;
  await runExportJobs(handle);
  ids.outboxId = await queueEmail(db, {
    tenantId: a.tenant.id,
    to: `${marker}@example.com`,
    subject: `About ${marker}`,
    text: marker,
    html: `<p>${marker}</p>`,
  });
  const exportFileId = (await findExport(db, a.tenant.id, ids.exportId))?.file_id ?? null;
  return { marker, ids, a, b, exportFileId };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;
