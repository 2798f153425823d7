import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, type SqliteDatabase, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations/index';
import type { Database } from './schema';

export type Engine = 'sqlite' | 'postgres';
export interface DbHandle {
  db: Kysely<Database>;
  engine: Engine;
  /** SQLite only: the raw handle, for pragmas and backups. */
  sqlite?: SQLite.Database;
}

export const DEFAULT_DATABASE_URL = 'file:./data/peer-academy.db';

// PostgreSQL returns bigint (our epoch-ms times, and count()) as strings by default.
// Every bigint we store fits in a double, so read them as numbers.
pg.types.setTypeParser(20, (v) => Number(v));

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** Path of a SQLite database from `file:./x.db`, `file:/abs.db`, a bare path or `:memory:`. */
export function sqlitePath(url: string): string {
  const p = url.startsWith('file:') ? url.slice('file:'.length) : url;
  return p === ':memory:' ? p : resolve(p);
}

/**
 * Opens the database named by a URL: a postgres:// URL uses PostgreSQL, anything else is a
 * SQLite file. SQLite runs in WAL mode with foreign keys on, a busy timeout, and
 * synchronous=FULL so that a write the app reports as saved survives a power cut
 * (docs/decisions/004-sqlite-durability.md).
 */
export function openDatabase(url: string, opts: { poolSize?: number } = {}): DbHandle {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10 });
    // NOTE: an idle client can be cut off by the server (restart, failover); without this
    // listener that error would crash the process. The pool replaces the client on next use.
    pool.on('error', (e) => console.warn(`[database] idle connection lost: ${e.message}`));
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), engine: 'postgres' };
  }
  const path = sqlitePath(url);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = FULL');
  const cached = withStatementCache(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cached }) });
  sqliteHandles.set(db, { raw: sqlite, prepare: cached.prepare });
  return { db, engine: 'sqlite', sqlite };
}

const sqliteHandles = new WeakMap<Kysely<Database>, { raw: SQLite.Database; prepare: (sql: string) => SQLite.Statement }>();

/** The SQLite connection under a Kysely instance from openDatabase (undefined on PostgreSQL). */
export function sqliteOf(db: Kysely<Database>) {
  return sqliteHandles.get(db);
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew; preparing is a good part of a short query's cost on
 * SQLite. This keeps the most recent statements by SQL text (queries are parameterised, so the
 * text repeats). NOTE: safe because Kysely runs a statement to completion before it returns; a
 * streamed query (`.stream()`) could hold one open, and none of ours stream.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase & { prepare(sql: string): SQLite.Statement } {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => void sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) {
        // Move to the back: the map's order is the eviction order.
        cache.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}

export function migrator(db: Kysely<Database>): Migrator {
  return new Migrator({ db, provider: migrationProvider });
}

/** Names of migrations not yet applied. */
export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
