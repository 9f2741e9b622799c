import { createHash, randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Db } from '../db/database.js';
import { describeEachDb } from '../../test/helpers/databases.js';
import { createTestTenant } from '../jobs/testing/helpers.js';
import { deleteFile } from './deleteFile.js';
import { getFile } from './getFile.js';
import { readFile } from './readFile.js';
import { CHUNK_BYTES, writeFile, type NewFile } from './writeFile.js';

/** Yields `data` in pieces of uneven sizes, as a network stream would. */
async function* pieces(data: Buffer, sizes = [65_536, 3, 700_000, 1_500_000]) {
  let i = 0;
  for (let offset = 0; offset < data.length; i++) {
    const size = sizes[i % sizes.length]!;
    yield data.subarray(offset, offset + size);
    offset += size;
  }
}

async function collect(stream: AsyncIterable<Uint8Array>) {
  const parts: Uint8Array[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

function meta(tenantId: number, overrides: Partial<NewFile> = {}): NewFile {
  const expiresAt = Date.now() + 86_400_000;
  return {
    tenantId,
    purpose: 'report',
    name: 'r.csv',
    contentType: 'text/csv',
    expiresAt,
    ...overrides,
  };
}

const countRows = async (db: Db, fileId: number) => ({
  files: (await db.selectFrom('files').select('id').where('id', '=', fileId).execute()).length,
  chunks: (await db.selectFrom('file_chunks').select('seq').where('file_id', '=', fileId).execute())
    .length,
});

describeEachDb('file store', (get) => {
  it('round-trips a 5 MB file in 1 MB chunks with its size and sha256', async () => {
    const { db } = get().handle;
    const tenantId = await createTestTenant(db);
    const data = randomBytes(5 * 1024 * 1024 + 12_345);
    const file = await writeFile(db, meta(tenantId), pieces(data));
    const sha256 = createHash('sha256').update(data).digest('hex');
    expect(file).toMatchObject({ tenantId, size: data.length, sha256, name: 'r.csv' });
    expect(await getFile(db, tenantId, file.id)).toEqual(file);

    const parts = await collect(readFile(db, tenantId, file.id));
    expect(parts).toHaveLength(6);
    expect(parts.every((p) => p.byteLength <= CHUNK_BYTES)).toBe(true);
    expect(Buffer.concat(parts).equals(data)).toBe(true);
  });

  it('stores an empty file', async () => {
    const { db } = get().handle;
    const tenantId = await createTestTenant(db);
    const file = await writeFile(db, meta(tenantId), pieces(Buffer.alloc(0)));
    expect(file.size).toBe(0);
    expect(file.sha256).toBe(createHash('sha256').digest('hex'));
    expect(await collect(readFile(db, tenantId, file.id))).toEqual([]);
  });

  it('stops reading at the size limit, names the variable, and keeps nothing', async () => {
    const { db } = get().handle;
    const tenantId = await createTestTenant(db);
    let pulled = 0;
    async function* big() {
      for (; pulled < 100;) {
        pulled += 1;
        yield Buffer.alloc(256 * 1024, 7);
      }
    }
    const error = await writeFile(db, meta(tenantId), big(), { limitBytes: 1024 * 1024 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect((error as Error).message).toMatch(/1 MB limit.*UPLOAD_LIMIT_MB/);
    expect(pulled).toBe(5);
    const left = await db
      .selectFrom('files')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .execute();
    expect(left).toEqual([]);
  });

  it('deletes a partly written file when its source fails', async () => {
    const { db } = get().handle;
    const tenantId = await createTestTenant(db);
    async function* broken() {
      yield randomBytes(CHUNK_BYTES + 10);
      throw new Error('client went away');
    }
    await expect(writeFile(db, meta(tenantId), broken())).rejects.toThrow('client went away');
    const left = await db
      .selectFrom('files')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .execute();
    expect(left).toEqual([]);
  });

  it("treats another tenant's file as not found, for reading and deleting", async () => {
    const { db } = get().handle;
    const owner = await createTestTenant(db);
    const other = await createTestTenant(db);
    const file = await writeFile(db, meta(owner), pieces(Buffer.from('secret')));
    await expect(getFile(db, other, file.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(collect(readFile(db, other, file.id))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await deleteFile(db, other, file.id)).toBe(false);
    expect(await deleteFile(db, owner, file.id)).toBe(true);
    expect(await countRows(db, file.id)).toEqual({ files: 0, chunks: 0 });
    await expect(getFile(db, owner, file.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('treats an expired file as gone even before the sweep removes it', async () => {
    const { db } = get().handle;
    const tenantId = await createTestTenant(db);
    const expiresAt = Date.UTC(2024, 4, 1);
    const file = await writeFile(db, meta(tenantId, { expiresAt }), pieces(Buffer.from('x')));
    await expect(getFile(db, tenantId, file.id)).rejects.toThrow('expired on 2024-05-01');
  });
});
