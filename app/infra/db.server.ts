import type { Kysely } from 'kysely';
import { type DbHandle, openDatabase, pendingMigrations } from '../../db/connect';
import type { Database } from '../../db/schema';
import { env } from './env.server';

// NOTE: kept on globalThis so `remix dev` rebuilds reuse one connection instead of leaking one
// per rebuild.
const g = globalThis as unknown as { __peerAcademyDb?: DbHandle };

export function dbHandle(): DbHandle {
  if (!g.__peerAcademyDb) g.__peerAcademyDb = openDatabase(env().DATABASE_URL);
  return g.__peerAcademyDb;
}

/** The one database handle of this process. */
export function db(): Kysely<Database> {
  return dbHandle().db;
}

/** For tests: serve requests from another database. */
export function useDatabase(handle: DbHandle): void {
  g.__peerAcademyDb = handle;
}

/**
 * Refuses to serve a database that is behind the code's migrations: several instances may
 * share one database, so migrating is an explicit step (`npm run db:migrate`), never a side
 * effect of starting.
 */
export async function assertDatabaseReady(): Promise<void> {
  const pending = await pendingMigrations(db());
  if (pending.length) {
    throw new Error(
      `The database is behind this version of Peer Academy (pending migrations: ${pending.join(', ')}). Run \`npm run db:migrate\` and start again.`,
    );
  }
}
