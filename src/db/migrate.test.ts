import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/helpers/databases.js';
import { openDatabase } from './database.js';
import { migrateToLatest } from './migrate.js';

describeEachDb('migrations', (get) => {
  it('creates every table and is a no-op the second time', async () => {
    const { handle } = get();
    const tables = (await handle.db.introspection.getTables()).map((t) => t.name);
    expect(tables).toEqual(
      expect.arrayContaining(['tenants', 'rewards', 'redemption_lines', 'jobs', 'import_chunks']),
    );
    expect(await migrateToLatest(handle)).toEqual([]);
  });

  it('is safe when several processes migrate at once', async () => {
    const { url } = get();
    const handles = [openDatabase(url), openDatabase(url), openDatabase(url)];
    try {
      const applied = await Promise.all(handles.map((h) => migrateToLatest(h)));
      expect(applied.flat()).toEqual([]);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
  });
});
