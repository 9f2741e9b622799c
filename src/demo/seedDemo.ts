/** Seeds the demo tenant: programs, units, ~300 participants, rewards in every status, an API key. */
import { createApiKey } from '../auth/apiKeys.js';
import type { Db } from '../db/database.js';
import { AppError } from '../domain/errors.js';
import { createRewards } from '../ledger/createRewards.js';
import { ensureProgram } from '../ledger/programs.repository.js';
import { ensureUnit, updateUnit } from '../ledger/units.repository.js';
import { createTenant } from '../tenants/createTenant.js';
import { findTenantBySlug, type TenantRow } from '../tenants/tenants.repository.js';
import { DEMO_PARTICIPANT_COUNT, DEMO_PROGRAMS, DEMO_UNITS, demoRewards } from './demoData.js';

export const DEMO_TENANT = { slug: 'demo', name: 'Demo Rewards' } as const;
/** A fixed, published password: the demo exists to be tried out, not to hold real data. */
export const DEMO_ADMIN = { email: 'admin@demo.rewardbook.local', password: 'demo-admin' } as const;

export interface DemoSeed {
  tenant: TenantRow;
  admin: { email: string; password: string };
  apiKey: string;
  participants: number;
  rewards: number;
}

/** Errors: DUPLICATE when a `demo` tenant exists already. */
export async function seedDemo(db: Db, options: { now?: number } = {}): Promise<DemoSeed> {
  const now = options.now ?? Date.now();
  if (await findTenantBySlug(db, DEMO_TENANT.slug)) {
    throw new AppError(
      'DUPLICATE',
      `This database already has a "${DEMO_TENANT.slug}" tenant, so the demo was not seeded again; sign in as ${DEMO_ADMIN.email}, or use another database`,
      { slug: DEMO_TENANT.slug },
    );
  }
  const { tenant } = await createTenant(db, {
    slug: DEMO_TENANT.slug,
    name: DEMO_TENANT.name,
    adminEmail: DEMO_ADMIN.email,
    adminPassword: DEMO_ADMIN.password,
  });
  for (const program of DEMO_PROGRAMS)
    await ensureProgram(db, tenant.id, program.code, program.name);
  for (const unit of DEMO_UNITS) {
    await ensureUnit(db, tenant.id, unit.code);
    await updateUnit(db, tenant.id, unit.code, { name: unit.name, decimals: unit.decimals });
  }
  const results = await createRewards(db, tenant.id, demoRewards(now), {
    createMissing: false,
    source: 'CLI',
    actor: 'demo',
    now,
  });
  const refused = results.find((r) => r.status === 'error');
  if (refused?.status === 'error') {
    throw new Error(`demo reward ${refused.rewardId} was refused: ${refused.message}`);
  }
  const { key } = await createApiKey(db, tenant.id, 'demo');
  return {
    tenant,
    admin: { ...DEMO_ADMIN },
    apiKey: key,
    participants: DEMO_PARTICIPANT_COUNT,
    rewards: results.length,
  };
}

/** The block printed after seeding: where to go, how to sign in, and the API key. */
export function demoBanner(seed: DemoSeed, publicUrl: string): string {
  return [
    '',
    `  The demo tenant "${seed.tenant.slug}" is ready: ${seed.participants} participants, ${seed.rewards} rewards.`,
    '',
    `  Open      ${publicUrl}`,
    `  Sign in   ${seed.admin.email}  /  ${seed.admin.password}`,
    `  API key   ${seed.apiKey}   (shown only this once)`,
    '',
    '  Try the API:',
    `    curl -H "Authorization: Bearer ${seed.apiKey}" ${publicUrl}/api/v1/rewards`,
    '',
  ].join('\n');
}
