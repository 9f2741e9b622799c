/**
 * The shapes the API answers, taken from the server's own view types so that a change on one
 * side shows up on the other at type-check time.
 */
export type { BalanceView } from '../../../src/ledger/getBalances.js';
export type { ParticipantView } from '../../../src/ledger/listParticipants.js';
export type { RewardView } from '../../../src/ledger/views.js';
export type { RedemptionView } from '../../../src/ledger/redemptionViews.js';
export type { ImportView, ImportRowView } from '../../../src/imports/importViews.js';
export type { ImportSummary } from '../../../src/imports/summary.js';
export type { ExportView } from '../../../src/exports/exportViews.js';
export type { AdminView } from '../../../src/admins/admins.repository.js';

import type { BalanceView } from '../../../src/ledger/getBalances.js';
import type { ParticipantView } from '../../../src/ledger/listParticipants.js';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface SessionInfo {
  admin: { id: number; email: string; name: string };
  tenant: { slug: string; name: string };
  csrfToken: string;
  smtpConfigured: boolean;
  expiresAt: string;
}

export type ParticipantWithBalances = Omit<ParticipantView, 'createdAt'> & {
  balances: BalanceView[];
};

export interface Unit {
  code: string;
  name: string;
  decimals: number;
  currency: string | null;
}

export interface Program {
  programId: string;
  name: string;
}

export interface ApiKey {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

/** An email as the outbox lists it (times are ISO text). */
export interface OutboxEntry {
  id: number;
  to: string;
  subject: string;
  status: string;
  createdAt: string;
  sentAt: string | null;
  lastError: string | null;
}

export interface OutboxMessage extends OutboxEntry {
  text: string;
  html: string;
}
