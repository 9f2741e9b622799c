import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../../test/helpers/databases.js';
import { insertRows, selectWhereIn, updateFromRows, type BulkColumn } from './bulkSql.js';

const COLUMNS: BulkColumn[] = [
  ['id', 'bigint'],
  ['label', 'text'],
  ['n', 'bigint'],
];

// Text that an array literal must quote and escape: quotes, backslashes, delimiters, braces,
// spaces, the word NULL, an empty string, non-ASCII.
const AWKWARD = [
  'a "quoted" word',
  'back\\slash',
  'a,b',
  '{braces}',
  ' spaced ',
  'NULL',
  '',
  'ünï ✓',
];

describeEachDb('bulk statements', (get) => {
  it('write and find awkward text, nulls and large numbers exactly', async () => {
    const { db } = get().handle;
    await sql`create table bulk_probe (id bigint primary key, label text, n bigint)`.execute(db);
    const rows = AWKWARD.map((label, i) => [i + 1, label, i === 2 ? null : 2 ** 50 + i]);
    rows.push([AWKWARD.length + 1, null, -7]);
    await insertRows(db, 'bulk_probe', COLUMNS, rows);
    const read = await db
      .selectFrom('bulk_probe' as never)
      .selectAll()
      .orderBy('id' as never)
      .execute();
    expect(read.map((r) => Object.values(r))).toEqual(rows);

    await updateFromRows(
      db,
      'update bulk_probe set label = v.column2',
      'bulk_probe.id = v.column1',
      [
        ['id', 'bigint'],
        ['label', 'text'],
      ],
      [
        [1, 'now "changed"\\'],
        [2, null],
      ],
    );
    const found = await selectWhereIn<{ id: number }>(
      db,
      'select id from bulk_probe where label',
      [],
      ['now "changed"\\', ...AWKWARD.slice(2)],
      'text',
      'order by id',
    );
    expect(found.map((r) => Number(r.id))).toEqual([1, 3, 4, 5, 6, 7, 8]);
  });
});
