import type { Db } from '../db/database.js';
import { isForeignKeyViolation } from '../jobs/sql.js';
import { DAY_MS } from './fileRecord.js';

export interface SweepResult {
  deleted: number;
  /** Expired files still referenced by a record that must keep them (an import's upload). */
  kept: number;
}

const BATCH = 100;

/**
 * Deletes files whose expiry has passed, and files left incomplete for over a day (their writer
 * died). Each file goes in its own statement, so one that is still referenced is kept and
 * counted rather than failing the whole sweep.
 */
export async function sweepExpiredFiles(db: Db, now = Date.now()): Promise<SweepResult> {
  const result: SweepResult = { deleted: 0, kept: 0 };
  for (let after = 0; ;) {
    const batch = await db
      .selectFrom('files')
      .select('id')
      .where('id', '>', after)
      .where((eb) =>
        eb.or([
          eb.and([eb('expires_at', 'is not', null), eb('expires_at', '<=', now)]),
          eb.and([eb('complete', '=', 0), eb('created_at', '<', now - DAY_MS)]),
        ]),
      )
      .orderBy('id')
      .limit(BATCH)
      .execute();
    for (const { id } of batch) {
      try {
        await db.deleteFrom('files').where('id', '=', id).execute();
        result.deleted += 1;
      } catch (error) {
        if (!isForeignKeyViolation(error)) throw error;
        result.kept += 1;
      }
      after = id;
    }
    if (batch.length < BATCH) return result;
  }
}
