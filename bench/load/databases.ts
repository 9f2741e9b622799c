/** Fresh databases for one benchmark run: a temp SQLite file, or a new PostgreSQL database. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface BenchDatabase {
  label: string;
  url: string;
  /** CPU seconds used so far by the database's server processes on this machine; NaN if unknown. */
  cpuSeconds(): Promise<number>;
  drop(): Promise<void>;
}

/** utime + stime of a process, in seconds (Linux clock ticks of 1/100 s); 0 when unreadable. */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

export function sqliteDatabase(): BenchDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'rewardbook-load-'));
  const drop = async () => rmSync(dir, { recursive: true, force: true });
  // SQLite runs inside the server process: its CPU is the server's.
  const cpuSeconds = async () => 0;
  return { label: 'SQLite', url: `sqlite:${join(dir, 'load.db')}`, cpuSeconds, drop };
}

/** On BENCH_PG_URL (default: the local postgres), created now and dropped by `drop`. */
export async function postgresDatabase(): Promise<BenchDatabase> {
  const admin = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `rewardbook_load_${process.pid}`;
  const query = async (text: string, values: unknown[] = []) => {
    const client = new pg.Client(admin);
    await client.connect();
    try {
      return (await client.query<{ pid: number }>(text, values)).rows;
    } finally {
      await client.end();
    }
  };
  await query(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const drop = async () => void (await query(`drop database if exists ${name} with (force)`));
  // The backends serving this database, when PostgreSQL runs on this machine.
  const cpuSeconds = async () => {
    const backends = await query('select pid from pg_stat_activity where datname = $1', [name]);
    return backends.reduce((sum, b) => sum + processCpuSeconds(b.pid), 0);
  };
  return { label: 'PostgreSQL', url: url.toString(), cpuSeconds, drop };
}
