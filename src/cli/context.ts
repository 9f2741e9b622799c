/**
 * What every command starts with: the configuration, the database (migrated to the latest
 * schema) and, for tenant-scoped commands, the tenant it acts on.
 */
import { Option } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { openDatabase, type DatabaseHandle, type Db } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { resolveTenant, type TenantRow } from '../tenants/tenants.repository.js';

export interface CliContext {
  config: Config;
  handle: DatabaseHandle;
  db: Db;
  /** Migrations this start applied (empty when the schema was up to date). */
  migrated: string[];
}

/** The URL without its password, fit to print. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

function databaseProblem(url: string, error: unknown): ConfigError {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n')[0] ?? message;
  return new ConfigError(`DATABASE_URL ${redactUrl(url)} cannot be used: ${firstLine}`);
}

/** Opens and migrates the database; a database that cannot be reached is a ConfigError naming DATABASE_URL. */
export async function openContext(config: Config = loadConfig()): Promise<CliContext> {
  let handle: DatabaseHandle;
  try {
    handle = openDatabase(config.databaseUrl, {
      preparedStatements: config.pgPreparedStatements ?? true,
    });
  } catch (error) {
    throw databaseProblem(config.databaseUrl, error);
  }
  try {
    const migrated = await migrateToLatest(handle);
    return { config, handle, db: handle.db, migrated };
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw databaseProblem(config.databaseUrl, error);
  }
}

/** Runs a command's work with an open database, closing it afterwards whatever happens. */
export async function withDatabase<T>(work: (ctx: CliContext) => Promise<T>): Promise<T> {
  const ctx = await openContext();
  try {
    return await work(ctx);
  } finally {
    await ctx.handle.close();
  }
}

export interface TenantOptions {
  tenant?: string;
}

export function tenantOption(): Option {
  return new Option('--tenant <slug>', 'the tenant to act on (default: the only tenant)');
}

/** Like withDatabase, for commands that act on one tenant (--tenant, or the only one). */
export function withTenant<T>(
  options: TenantOptions,
  work: (ctx: CliContext, tenant: TenantRow) => Promise<T>,
): Promise<T> {
  return withDatabase(async (ctx) => work(ctx, await resolveTenant(ctx.db, options.tenant)));
}
