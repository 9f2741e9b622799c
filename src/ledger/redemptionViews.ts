/** Reading redemptions back as views, with their lines and reversal links. */
import type { Db } from '../db/database.js';
import { formatAmount } from '../domain/amounts.js';
import { toIso } from '../domain/dates.js';
import { AppError } from '../domain/errors.js';

export interface RedemptionView {
  id: number;
  kind: string;
  accountId: string;
  userId: string;
  unit: string;
  programId: string | null;
  amount: string;
  source: string;
  importId: number | null;
  importRow: number | null;
  actor: string;
  createdAt: string;
  reversesId: number | null;
  reversedById: number | null;
  lines: { rewardId: string; amount: string }[];
}

export interface RedemptionFilter {
  accountId?: string;
  userId?: string;
  unit?: string;
  importId?: number;
  ids?: number[];
  /** Return redemptions with an id below this (newest first paging). */
  before?: number;
  limit?: number;
}

export async function listRedemptionViews(
  db: Db,
  tenantId: number,
  filter: RedemptionFilter,
): Promise<RedemptionView[]> {
  let query = db
    .selectFrom('redemptions as d')
    .innerJoin('participants as p', 'p.id', 'd.participant_id')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .leftJoin('programs as g', 'g.id', 'd.program_id')
    .leftJoin('redemptions as rv', 'rv.reverses_id', 'd.id')
    .where('d.tenant_id', '=', tenantId)
    .select([
      'd.id as id',
      'd.kind as kind',
      'p.account_id as accountId',
      'p.user_id as userId',
      'u.code as unit',
      'u.decimals as decimals',
      'g.code as programId',
      'd.amount as amount',
      'd.source as source',
      'd.import_id as importId',
      'd.import_row as importRow',
      'd.actor as actor',
      'd.created_at as createdAt',
      'd.reverses_id as reversesId',
      'rv.id as reversedById',
    ])
    .orderBy('d.id', 'desc')
    .limit(filter.limit ?? 100);
  if (filter.accountId !== undefined) query = query.where('p.account_id', '=', filter.accountId);
  if (filter.userId !== undefined) query = query.where('p.user_id', '=', filter.userId);
  if (filter.unit !== undefined) query = query.where('u.code', '=', filter.unit);
  if (filter.importId !== undefined) query = query.where('d.import_id', '=', filter.importId);
  if (filter.ids !== undefined)
    query = query.where('d.id', 'in', filter.ids.length ? filter.ids : [-1]);
  if (filter.before !== undefined) query = query.where('d.id', '<', filter.before);
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const lines = await db
    .selectFrom('redemption_lines as l')
    .innerJoin('rewards as r', 'r.id', 'l.reward_id')
    .select(['l.redemption_id as redemptionId', 'r.reward_key as rewardId', 'l.amount as amount'])
    .where(
      'l.redemption_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('l.id')
    .execute();
  const linesById = new Map<number, { rewardId: string; amount: number }[]>();
  for (const line of lines) {
    const list = linesById.get(line.redemptionId) ?? [];
    list.push(line);
    linesById.set(line.redemptionId, list);
  }
  return rows.map((r) => presentRedemption(r, linesById.get(r.id) ?? []));
}

/** A redemption as stored (amounts in minor units, time in epoch ms), with its unit's decimals. */
export interface RedemptionRecord {
  id: number;
  kind: string;
  accountId: string;
  userId: string;
  unit: string;
  decimals: number;
  programId: string | null;
  amount: number;
  source: string;
  importId: number | null;
  importRow: number | null;
  actor: string;
  createdAt: number;
  reversesId: number | null;
  reversedById: number | null;
}

/**
 * The one presenter of redemptions: a view read back from the database and one built by the
 * transaction that just wrote it come out the same, key for key.
 */
export function presentRedemption(
  r: RedemptionRecord,
  lines: readonly { rewardId: string; amount: number }[],
): RedemptionView {
  return {
    id: r.id,
    kind: r.kind,
    accountId: r.accountId,
    userId: r.userId,
    unit: r.unit,
    programId: r.programId,
    amount: formatAmount(r.amount, r.decimals),
    source: r.source,
    importId: r.importId,
    importRow: r.importRow,
    actor: r.actor,
    createdAt: toIso(r.createdAt) ?? '',
    reversesId: r.reversesId,
    reversedById: r.reversedById,
    lines: lines.map((l) => ({ rewardId: l.rewardId, amount: formatAmount(l.amount, r.decimals) })),
  };
}

export async function getRedemptionView(
  db: Db,
  tenantId: number,
  id: number,
): Promise<RedemptionView> {
  const [view] = await listRedemptionViews(db, tenantId, { ids: [id], limit: 1 });
  if (!view) throw new AppError('NOT_FOUND', `No redemption ${id}`, { id });
  return view;
}
