/** Fresh databases for one benchmark run: a temp SQLite file, or a new PostgreSQL database. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface BenchDatabase {
  label: string;
  url: string;
  drop(): Promise<void>;
}

export function sqliteDatabase(): BenchDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'rewardbook-load-'));
  const drop = async () => rmSync(dir, { recursive: true, force: true });
  return { label: 'SQLite', url: `sqlite:${join(dir, 'load.db')}`, drop };
}

/** On BENCH_PG_URL (default: the local postgres), created now and dropped by `drop`. */
export async function postgresDatabase(): Promise<BenchDatabase> {
  const admin = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `rewardbook_load_${process.pid}`;
  const query = async (text: string) => {
    const client = new pg.Client(admin);
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await query(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const drop = () => query(`drop database if exists ${name} with (force)`);
  return { label: 'PostgreSQL', url: url.toString(), drop };
}
