// A fresh database of the benchmark's own: a SQLite file under .cache/bench, or a database
// created on the PostgreSQL server that DATABASE_URL names (its own database is never touched).
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import pg from 'pg';
import { isPostgresUrl, migrateToLatest, openDatabase } from '../db/connect';

export interface BenchDatabase {
  engine: 'sqlite' | 'postgres';
  /** The URL the app server and the generator use. */
  url: string;
  /** Where it lives, for the report (no password). */
  label: string;
  drop(): Promise<void>;
}

export const OUT_DIR = '.cache/bench';

export async function createBenchDatabase(adminUrl: string | undefined): Promise<BenchDatabase> {
  const suffix = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  if (adminUrl && isPostgresUrl(adminUrl)) {
    const name = `pa_bench_${suffix}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    await migrate(url.toString());
    return {
      engine: 'postgres',
      url: url.toString(),
      label: `PostgreSQL ${url.host}/${name}`,
      async drop() {
        const a = new pg.Client({ connectionString: adminUrl });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  mkdirSync(OUT_DIR, { recursive: true });
  const path = `${OUT_DIR}/bench-${suffix}.db`;
  const url = `file:./${path}`;
  await migrate(url);
  return {
    engine: 'sqlite',
    url,
    label: `SQLite ${path}`,
    async drop() {
      for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
    },
  };
}

async function migrate(url: string) {
  const h = openDatabase(url, { poolSize: 1 });
  try {
    await migrateToLatest(h.db);
  } finally {
    await h.db.destroy();
  }
}
