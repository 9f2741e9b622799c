import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { createTenant } from '../tenants/createTenant.js';
import { addAdmin } from './addAdmin.js';
import { checkSignIn, WRONG_SIGN_IN } from './checkSignIn.js';
import { removeAdmin } from './removeAdmin.js';

const slug = () => `t-${randomBytes(5).toString('hex')}`;

describeEachDb('admins', (get) => {
  it('checks a password; wrong email and wrong password fail alike', async () => {
    const db = get().handle.db;
    const { tenant } = await createTenant(db, {
      slug: slug(),
      adminEmail: 'ada@example.com',
      adminPassword: 'analytical engine',
    });
    const admin = await checkSignIn(db, {
      email: 'ADA@example.com ',
      password: 'analytical engine',
    });
    expect(admin.tenant_id).toBe(tenant.id);
    const wrong = checkSignIn(db, { email: 'ada@example.com', password: 'difference engine' });
    await expect(wrong).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: WRONG_SIGN_IN });
    const unknown = checkSignIn(db, { email: 'bob@example.com', password: 'analytical engine' });
    await expect(unknown).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: WRONG_SIGN_IN,
    });
  });

  it('asks for the tenant when one email and password administer several', async () => {
    const db = get().handle.db;
    const email = `multi-${randomBytes(3).toString('hex')}@example.com`;
    const first = await createTenant(db, {
      slug: slug(),
      adminEmail: email,
      adminPassword: 'pw one two three',
    });
    const second = await createTenant(db, {
      slug: slug(),
      adminEmail: email,
      adminPassword: 'pw one two three',
    });
    await expect(checkSignIn(db, { email, password: 'pw one two three' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const chosen = await checkSignIn(db, {
      email,
      password: 'pw one two three',
      tenant: second.tenant.slug,
    });
    expect(chosen.tenant_id).toBe(second.tenant.id);
    const other = checkSignIn(db, { email, password: 'pw one two three', tenant: 'no-such' });
    await expect(other).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(first.tenant.id).not.toBe(second.tenant.id);
  });

  it('never removes the last admin, nor yourself', async () => {
    const db = get().handle.db;
    const { tenant } = await createTenant(db, {
      slug: slug(),
      adminEmail: 'only@example.com',
      adminPassword: 'only password',
    });
    const only = await checkSignIn(db, { email: 'only@example.com', password: 'only password' });
    await expect(removeAdmin(db, tenant.id, only.id, { adminId: null })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('last admin'),
    });
    const { admin: second } = await addAdmin(db, tenant.id, { email: 'second@example.com' });
    await expect(
      removeAdmin(db, tenant.id, second.id, { adminId: second.id }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await removeAdmin(db, tenant.id, second.id, { adminId: only.id });
    // Two removals racing each other leave one admin.
    const { admin: third } = await addAdmin(db, tenant.id, { email: 'third@example.com' });
    const results = await Promise.allSettled([
      removeAdmin(db, tenant.id, third.id, { adminId: only.id }),
      removeAdmin(db, tenant.id, only.id, { adminId: third.id }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const left = await db
      .selectFrom('admins')
      .select('email')
      .where('tenant_id', '=', tenant.id)
      .where('removed_at', 'is', null)
      .execute();
    expect(left).toHaveLength(1);
  });
});
