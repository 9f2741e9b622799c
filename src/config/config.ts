/**
 * Configuration, read once from environment variables, validated and frozen.
 * Every variable is documented in README.md ("Configuration").
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface Config {
  readonly databaseUrl: string;
  readonly port: number;
  readonly host: string;
  readonly publicUrl: string;
  readonly secretKey: string;
  readonly dataDir: string;
  readonly smtpUrl: string | null;
  readonly mailFrom: string;
  readonly fileRetentionDays: number;
  readonly linkExpiryDays: number;
  readonly uploadLimitBytes: number;
  readonly logLevel: string;
  /** METRICS_TOKEN: when set, GET /metrics answers only to `Authorization: Bearer <token>`.
   * Optional in the type only so that hand-built configs (tests, benchmarks) need not name it. */
  readonly metricsToken?: string | null;
  /** PG_PREPARED_STATEMENTS: false sends every PostgreSQL statement unnamed (for a pooler in
   * transaction mode). Optional for hand-built configs; absent means on. */
  readonly pgPreparedStatements?: boolean;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function intVar(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) {
    throw new ConfigError(`${name} must be a whole number, for example ${fallback}; got "${raw}"`);
  }
  const value = Number(raw.trim());
  if (value < min || value > max) {
    throw new ConfigError(`${name} must be between ${min} and ${max}; got ${value}`);
  }
  return value;
}

function databaseUrlVar(env: Env): string {
  const raw = env.DATABASE_URL?.trim() || 'sqlite:./data/rewardbook.db';
  if (/^sqlite:.+/.test(raw) || /^postgres(ql)?:\/\/.+/.test(raw)) return raw;
  throw new ConfigError(
    `DATABASE_URL must be sqlite:PATH or postgres://user@host:port/db; got "${raw}"`,
  );
}

function urlVar(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim() || fallback;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    return raw.replace(/\/+$/, '');
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL such as ${fallback}; got "${raw}"`);
  }
}

function smtpVar(env: Env): string | null {
  const raw = env.SMTP_URL?.trim();
  if (!raw) return null;
  if (!/^smtps?:\/\/.+/.test(raw)) {
    throw new ConfigError(`SMTP_URL must look like smtp://user:pass@host:587; got "${raw}"`);
  }
  return raw;
}

function metricsTokenVar(env: Env): string | null {
  const raw = env.METRICS_TOKEN?.trim();
  if (!raw) return null;
  if (raw.length < 16) {
    throw new ConfigError(
      'METRICS_TOKEN must be at least 16 characters (try: openssl rand -hex 16), or unset to leave /metrics open',
    );
  }
  return raw;
}

function onOffVar(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (raw === 'on') return true;
  if (raw === 'off') return false;
  throw new ConfigError(`${name} must be on or off; got "${env[name]}"`);
}

/** The data folder holds the SQLite file (by default) and the generated secret key. */
function dataDirFor(databaseUrl: string, env: Env): string {
  if (env.DATA_DIR?.trim()) return resolve(env.DATA_DIR.trim());
  if (databaseUrl.startsWith('sqlite:') && databaseUrl !== 'sqlite::memory:') {
    return dirname(resolve(databaseUrl.slice('sqlite:'.length)));
  }
  return resolve('./data');
}

function secretKeyVar(env: Env, dataDir: string): string {
  const raw = env.SECRET_KEY?.trim();
  if (raw) {
    if (raw.length < 32) {
      throw new ConfigError(
        'SECRET_KEY must be at least 32 characters (try: openssl rand -hex 32)',
      );
    }
    return raw;
  }
  const file = resolve(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const generated = randomBytes(32).toString('hex');
  writeFileSync(file, generated + '\n', { mode: 0o600 });
  return generated;
}

export function loadConfig(env: Env = process.env): Config {
  const databaseUrl = databaseUrlVar(env);
  const port = intVar(env, 'PORT', 3000, 0, 65535);
  const dataDir = dataDirFor(databaseUrl, env);
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  const logLevel = env.LOG_LEVEL?.trim() || 'info';
  if (!levels.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${levels.join(', ')}; got "${logLevel}"`);
  }
  return Object.freeze({
    databaseUrl,
    port,
    host: env.HOST?.trim() || '0.0.0.0',
    publicUrl: urlVar(env, 'PUBLIC_URL', `http://localhost:${port}`),
    secretKey: secretKeyVar(env, dataDir),
    dataDir,
    smtpUrl: smtpVar(env),
    mailFrom: env.MAIL_FROM?.trim() || 'rewardbook <no-reply@rewardbook.local>',
    fileRetentionDays: intVar(env, 'FILE_RETENTION_DAYS', 30, 1, 3650),
    linkExpiryDays: intVar(env, 'LINK_EXPIRY_DAYS', 7, 1, 365),
    uploadLimitBytes: intVar(env, 'UPLOAD_LIMIT_MB', 200, 1, 10_000) * 1024 * 1024,
    logLevel,
    metricsToken: metricsTokenVar(env),
    pgPreparedStatements: onOffVar(env, 'PG_PREPARED_STATEMENTS', true),
  });
}
