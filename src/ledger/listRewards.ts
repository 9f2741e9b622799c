import type { Db } from '../db/database.js';
import type { RewardStatus } from '../db/schema.js';
import type { RewardRecord } from './rewards.repository.js';
import { selectRewardRecords } from './rewards.repository.js';
import { presentReward, type RewardView } from './views.js';

export interface RewardFilter {
  accountId?: string;
  userId?: string;
  unit?: string;
  programId?: string;
  /** Stored status. */
  status?: RewardStatus;
  /** Opaque cursor from a previous page: rewards after it in creation order. */
  cursor?: string;
  limit?: number;
}

export interface RewardPage {
  items: RewardView[];
  nextCursor: string | null;
}

export function encodeCursor(id: number): string {
  return Buffer.from(String(id)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const id = Number(Buffer.from(cursor, 'base64url').toString());
  return Number.isSafeInteger(id) && id > 0 ? id : 0;
}

/** Rewards in creation order, filtered, a page at a time (at most 1,000 a page). */
export async function listRewards(
  db: Db,
  tenantId: number,
  filter: RewardFilter,
): Promise<RewardPage> {
  const limit = Math.min(Math.max(filter.limit ?? 100, 1), 1000);
  let query = selectRewardRecords(db, tenantId)
    .where('r.id', '>', decodeCursor(filter.cursor))
    .orderBy('r.id')
    .limit(limit + 1);
  if (filter.accountId !== undefined) query = query.where('p.account_id', '=', filter.accountId);
  if (filter.userId !== undefined) query = query.where('p.user_id', '=', filter.userId);
  if (filter.unit !== undefined) query = query.where('u.code', '=', filter.unit);
  if (filter.programId !== undefined) query = query.where('g.code', '=', filter.programId);
  if (filter.status !== undefined) query = query.where('r.status', '=', filter.status);
  const rows = (await query.execute()) as RewardRecord[];
  const page = rows.slice(0, limit);
  const now = Date.now();
  const last = page.at(-1);
  return {
    items: page.map((r) => presentReward(r, now)),
    nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null,
  };
}

/** Every reward of the tenant, page by page, for exports and the CLI's `rewards list`. */
export async function* iterateRewards(db: Db, tenantId: number, filter: RewardFilter = {}) {
  let cursor: string | undefined = filter.cursor;
  for (;;) {
    const page = await listRewards(db, tenantId, { ...filter, cursor, limit: 1000 });
    yield* page.items;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}
