import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { createTestTenant } from '../jobs/testing/helpers.js';
import { getOutboxMessage, listOutbox } from './outbox.js';
import { queueEmail } from './queueEmail.js';

describeEachDb('outbox', (get) => {
  it("lists a tenant's emails newest first, page by page, and only that tenant's", async () => {
    const { db } = get().handle;
    const tenantId = await createTestTenant(db);
    const otherTenant = await createTestTenant(db);
    const ids: number[] = [];
    for (let n = 1; n <= 5; n++) {
      const email = {
        tenantId,
        to: `p${n}@example.com`,
        subject: `n${n}`,
        text: 't',
        html: '<p>h</p>',
      };
      ids.push(await queueEmail(db, email));
    }
    await queueEmail(db, {
      tenantId: otherTenant,
      to: 'x@example.com',
      subject: 'other',
      text: 't',
      html: 'h',
    });

    const first = await listOutbox(db, tenantId, { limit: 2 });
    expect(first.items.map((e) => e.subject)).toEqual(['n5', 'n4']);
    expect(first.items[0]).toMatchObject({ to: 'p5@example.com', status: 'queued', sentAt: null });
    const second = await listOutbox(db, tenantId, { limit: 2, cursor: first.nextCursor });
    expect(second.items.map((e) => e.subject)).toEqual(['n3', 'n2']);
    const last = await listOutbox(db, tenantId, { limit: 2, cursor: second.nextCursor });
    expect(last).toEqual({ items: [expect.objectContaining({ subject: 'n1' })], nextCursor: null });

    const message = await getOutboxMessage(db, tenantId, ids[0]!);
    expect(message).toMatchObject({ id: ids[0], subject: 'n1', text: 't', html: '<p>h</p>' });
    await expect(getOutboxMessage(db, otherTenant, ids[0]!)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('refuses a page size outside 1 to 200', async () => {
    const { db } = get().handle;
    await expect(listOutbox(db, 1, { limit: 0 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(listOutbox(db, 1, { limit: 201 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
