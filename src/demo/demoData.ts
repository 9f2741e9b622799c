/**
 * The demo tenant's participants and rewards, generated deterministically from a fixed seed:
 * the same statuses, amounts and names on every run (dates move with `now`), so tests can rely
 * on the counts.
 */
import type { RewardStatus } from '../db/schema.js';
import { formatAmount } from '../domain/amounts.js';
import type { ParticipantInput } from '../ledger/participants.repository.js';
import type { RewardInput } from '../ledger/rewardInput.js';
import { FIRST_NAMES, LAST_NAMES, TRICKY_PARTICIPANTS } from './names.js';
import { seededRandom, type Random } from './prng.js';

export const DEMO_PARTICIPANT_COUNT = 300;
export const DEMO_PROGRAMS = [
  { code: 'spring-referral', name: 'Spring referral' },
  { code: 'loyalty', name: 'Loyalty' },
] as const;
export const DEMO_UNITS = [
  { code: 'CASH/USD', name: 'US dollars', decimals: 2, min: 500, max: 20_000 },
  { code: 'POINT', name: 'Points', decimals: 0, min: 10, max: 5_000 },
  { code: 'CENTS', name: 'Cents', decimals: 0, min: 100, max: 10_000 },
] as const;
const ACCOUNTS = ['ACME-001', 'GLOBEX-002', 'INITECH-003'];
const DAY = 86_400_000;

function emailOf(first: string, last: string, n: number): string {
  const plain = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase();
  return `${plain(first) || 'user'}.${plain(last) || n}${n}@example.com`;
}

export function demoParticipants(): Required<ParticipantInput>[] {
  return Array.from({ length: DEMO_PARTICIPANT_COUNT }, (_, i) => {
    const tricky = TRICKY_PARTICIPANTS[i];
    const firstName = tricky?.firstName ?? (FIRST_NAMES[(i * 7) % FIRST_NAMES.length] as string);
    const lastName = tricky?.lastName ?? (LAST_NAMES[(i * 13) % LAST_NAMES.length] as string);
    return {
      accountId: ACCOUNTS[i % ACCOUNTS.length] as string,
      userId: tricky?.userId ?? String(200_000 + i * 37),
      email: emailOf(firstName, lastName, i),
      firstName,
      lastName,
    };
  });
}

/** What kind of reward to make: a status, and for AVAILABLE where its expiry lies. */
type Kind = RewardStatus | 'PARTLY_REDEEMED' | 'EXPIRING_SOON' | 'PAST_EXPIRY';

const KINDS: readonly [Kind, number][] = [
  ['AVAILABLE', 34],
  ['PARTLY_REDEEMED', 12],
  ['EXPIRING_SOON', 8],
  ['PAST_EXPIRY', 5],
  ['REDEEMED', 15],
  ['PENDING', 10],
  ['EXPIRED', 10],
  ['CANCELLED', 6],
];

function pickKind(random: Random): Kind {
  let roll = random.int(1, 100);
  for (const [kind, weight] of KINDS) {
    roll -= weight;
    if (roll <= 0) return kind;
  }
  return 'AVAILABLE';
}

function expiryFor(kind: Kind, random: Random, now: number): number | null {
  if (kind === 'EXPIRING_SOON') return now + random.int(1, 7) * DAY;
  if (kind === 'PAST_EXPIRY' || kind === 'EXPIRED') return now - random.int(1, 60) * DAY;
  return random.next() < 0.5 ? null : now + random.int(30, 365) * DAY;
}

function statusFor(kind: Kind): RewardStatus {
  if (kind === 'PARTLY_REDEEMED' || kind === 'EXPIRING_SOON' || kind === 'PAST_EXPIRY') {
    return 'AVAILABLE';
  }
  return kind;
}

export function demoRewards(at: number): RewardInput[] {
  // Whole minutes read better in the app than the milliseconds of the moment of seeding.
  const now = Math.floor(at / 60_000) * 60_000;
  const random = seededRandom(20_240_601);
  const rewards: RewardInput[] = [];
  for (const participant of demoParticipants()) {
    const count = random.int(1, 4);
    for (let k = 0; k < count; k++) {
      const unit = random.pick(DEMO_UNITS);
      const program = random.next() < 0.15 ? null : random.pick(DEMO_PROGRAMS).code;
      const kind = pickKind(random);
      const amount = random.int(unit.min, unit.max);
      const redeemed = kind === 'PARTLY_REDEEMED' ? Math.floor(amount * random.int(2, 8) * 0.1) : 0;
      const expires = expiryFor(kind, random, now);
      const given = Math.min(now - random.int(1, 365) * DAY, (expires ?? now) - DAY);
      rewards.push({
        rewardId: `demo-${String(rewards.length + 1).padStart(5, '0')}`,
        ...participant,
        programId: program,
        unit: unit.code,
        amount: formatAmount(amount, unit.decimals),
        redeemedAmount: redeemed > 0 ? formatAmount(redeemed, unit.decimals) : null,
        status: statusFor(kind),
        dateGiven: new Date(given).toISOString(),
        dateExpires: expires === null ? null : new Date(expires).toISOString(),
      });
    }
  }
  return rewards;
}
