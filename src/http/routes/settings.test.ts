import { expect, it } from 'vitest';
import { describeEachDb } from '../../../test/helpers/databases.js';
import { buildTenantWithAdmin, send, signIn } from '../session/testing.js';
import { apiClient, useServer } from '../testing.js';

describeEachDb('HTTP settings: admins and API keys', (get) => {
  const { server, setUp } = useServer(get);

  it('adds an admin with a generated password shown once, who can then sign in', async () => {
    const { db } = await setUp();
    const { email } = await buildTenantWithAdmin(db);
    const admin = await signIn(server(), email);
    const added = await admin.post('admins', { email: 'Grace@Example.com', name: 'Grace' });
    expect(added.status).toBe(201);
    expect(added.body.admin).toMatchObject({ email: 'grace@example.com', name: 'Grace' });
    expect(added.body.password).toMatch(/^[\w-]{16}$/);
    const grace = await signIn(server(), 'grace@example.com', added.body.password);
    expect(grace.session.admin.email).toBe('grace@example.com');
    const list = await admin.get('admins');
    expect(list.body.items.map((a: { email: string }) => a.email).sort()).toEqual(
      [email, 'grace@example.com'].sort(),
    );
    expect(JSON.stringify(list.body)).not.toContain('password');
    const again = await admin.post('admins', { email: 'grace@example.com' });
    expect([again.status, again.body.error.code]).toEqual([409, 'DUPLICATE']);
    const short = await admin.post('admins', { email: 'lin@example.com', password: 'short' });
    expect(short.status).toBe(422);
    expect(short.body.error.message).toContain('at least 10');
    const notEmail = await admin.post('admins', { email: 'lin' });
    expect(notEmail.status).toBe(422);
  });

  it('removes another admin, ending their sessions, but never yourself', async () => {
    const { db } = await setUp();
    const { email } = await buildTenantWithAdmin(db);
    const admin = await signIn(server(), email);
    const added = await admin.post('admins', {
      email: 'ops@example.com',
      password: 'ops password 1',
    });
    const ops = await signIn(server(), 'ops@example.com', 'ops password 1');
    const self = await admin.delete(`admins/${admin.session.admin.id}`);
    expect(self.status).toBe(409);
    expect(self.body.error.message).toContain('cannot remove yourself');
    const removed = await admin.delete(`admins/${added.body.admin.id}`);
    expect(removed.status).toBe(204);
    expect((await ops.get('units')).status).toBe(401);
    const signInAgain = await send(server(), 'POST', '/api/session', {
      body: { email: 'ops@example.com', password: 'ops password 1' },
    });
    expect(signInAgain.status).toBe(401);
    expect((await admin.delete(`admins/${added.body.admin.id}`)).status).toBe(404);
    // Adding the email again brings the admin back with a new password.
    const back = await admin.post('admins', {
      email: 'ops@example.com',
      password: 'new password 2',
    });
    expect(back.status).toBe(201);
    expect((await signIn(server(), 'ops@example.com', 'new password 2')).session.admin.id).toBe(
      added.body.admin.id,
    );
  });

  it('creates an API key shown once, lists it by prefix, and revokes it', async () => {
    const { db } = await setUp();
    const { email } = await buildTenantWithAdmin(db);
    const admin = await signIn(server(), email);
    const created = await admin.post('api-keys', { name: 'payroll-sync' });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^rbk_/);
    expect(created.body.key.startsWith(created.body.prefix)).toBe(true);
    const client = apiClient(server(), created.body.key);
    expect((await client.get('/units')).status).toBe(200);
    const list = await admin.get('api-keys');
    expect(list.body.items).toEqual([
      expect.objectContaining({
        name: 'payroll-sync',
        prefix: created.body.prefix,
        revokedAt: null,
      }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
    const revoked = await admin.post(`api-keys/${created.body.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    expect((await client.get('/units')).status).toBe(401);
    expect((await admin.post(`api-keys/${created.body.id}/revoke`)).status).toBe(404);
  });

  it('refuses admin and key management to API keys, and across tenants', async () => {
    const { db, client } = await setUp();
    expect((await client.get('/admins')).status).toBe(403);
    expect((await client.post('/api-keys', { name: 'more' })).status).toBe(403);
    const a = await buildTenantWithAdmin(db);
    const b = await buildTenantWithAdmin(db);
    const adminA = await signIn(server(), a.email);
    const adminB = await signIn(server(), b.email);
    const bKey = await adminB.post('api-keys', { name: 'b-key' });
    expect((await adminA.post(`api-keys/${bKey.body.id}/revoke`)).status).toBe(404);
    expect((await adminA.delete(`admins/${adminB.session.admin.id}`)).status).toBe(404);
    expect((await adminA.get('api-keys')).body.items).toEqual([]);
  });
});
