/**
 * Slows repeated failed sign-ins. Failures are counted per email and client address, and per
 * address alone (to slow one client guessing across many emails); past a few failures each key
 * is locked for a delay that doubles with every further failure, up to MAX_LOCK_MS.
 *
 * Kept in memory: it protects one process. Several processes behind a load balancer each keep
 * their own counts, which multiplies the attempts allowed by the number of processes.
 */
import { AppError } from '../../domain/errors.js';

const WINDOW_MS = 15 * 60 * 1000;
const MAX_LOCK_MS = 15 * 60 * 1000;
const FREE_FAILURES = { emailAndAddress: 3, address: 30 };
const MAX_KEYS = 50_000;

interface Entry {
  failures: number;
  firstAt: number;
  lockedUntil: number;
}

export class SignInThrottle {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  #keys(email: string, address: string): [string, number][] {
    return [
      [`e\u0000${email.trim().toLowerCase()}\u0000${address}`, FREE_FAILURES.emailAndAddress],
      [`a\u0000${address}`, FREE_FAILURES.address],
    ];
  }

  #live(key: string, now: number): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry && now - entry.firstAt > WINDOW_MS && now >= entry.lockedUntil) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Throws RATE_LIMITED (with retryAfterSeconds) while this email or address is locked. */
  check(email: string, address: string): void {
    const now = this.#now();
    for (const [key] of this.#keys(email, address)) {
      const entry = this.#live(key, now);
      if (entry && entry.lockedUntil > now) {
        const seconds = Math.ceil((entry.lockedUntil - now) / 1000);
        throw new AppError(
          'RATE_LIMITED',
          `Too many failed sign-ins; wait ${seconds} seconds before trying again`,
          { retryAfterSeconds: seconds },
        );
      }
    }
  }

  failed(email: string, address: string): void {
    const now = this.#now();
    if (this.#entries.size > MAX_KEYS) this.#prune(now);
    for (const [key, free] of this.#keys(email, address)) {
      const entry = this.#live(key, now) ?? { failures: 0, firstAt: now, lockedUntil: 0 };
      entry.failures += 1;
      if (entry.failures > free) {
        entry.lockedUntil = now + Math.min(1000 * 2 ** (entry.failures - free - 1), MAX_LOCK_MS);
      }
      this.#entries.set(key, entry);
    }
  }

  /** A successful sign-in clears its email's count (not the address's). */
  succeeded(email: string, address: string): void {
    const [emailKey] = this.#keys(email, address);
    if (emailKey) this.#entries.delete(emailKey[0]);
  }

  #prune(now: number): void {
    for (const key of [...this.#entries.keys()]) this.#live(key, now);
  }
}
