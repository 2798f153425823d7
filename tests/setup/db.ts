import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import pg from 'pg';
import { type DbHandle, migrateToLatest, openDatabase } from '../../db/connect';

export interface TestDb {
  handle: DbHandle;
  /** The database's URL, for a second process to open. */
  url(): Promise<string>;
  cleanup(): Promise<void>;
}

const DIR = 'tests/.tmp';
let base: Promise<string> | undefined;

/** One migrated SQLite file per test process; each test gets its own copy. */
function migratedBase(): Promise<string> {
  if (!base) {
    base = (async () => {
      mkdirSync(DIR, { recursive: true });
      const path = `${DIR}/base-${process.pid}-${randomUUID()}.db`;
      const h = openDatabase(`file:${path}`);
      await migrateToLatest(h.db);
      await h.db.destroy();
      return path;
    })();
  }
  return base;
}

export async function freshSqlite(): Promise<TestDb> {
  const path = `${DIR}/test-${randomUUID()}.db`;
  copyFileSync(await migratedBase(), path);
  const handle = openDatabase(`file:${path}`);
  return {
    handle,
    url: async () => `file:${path}`,
    async cleanup() {
      await handle.db.destroy();
      for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
    },
  };
}

/** A database of its own on the PostgreSQL server named by TEST_POSTGRES_URL, dropped afterwards. */
export async function freshPostgres(): Promise<TestDb> {
  const adminUrl = process.env.TEST_POSTGRES_URL;
  if (!adminUrl) throw new Error('TEST_POSTGRES_URL is not set');
  const name = `pa_test_${randomUUID().replace(/-/g, '')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase(url.toString(), { poolSize: 4 });
  await migrateToLatest(handle.db);
  return {
    handle,
    url: async () => url.toString(),
    async cleanup() {
      await handle.db.destroy();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** The engines the data-layer tests run on: SQLite always, PostgreSQL when TEST_POSTGRES_URL is set. */
export const engines: { name: string; fresh: () => Promise<TestDb> }[] = [
  { name: 'sqlite', fresh: freshSqlite },
  ...(process.env.TEST_POSTGRES_URL ? [{ name: 'postgres', fresh: freshPostgres }] : []),
];
