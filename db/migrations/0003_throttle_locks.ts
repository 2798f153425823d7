import type { Kysely } from 'kysely';

// NOTE: frozen in time. Never edit after it ships; add a new migration instead.

/**
 * One row per throttle key ("email:…", "ip:…", "device:…", "signup:…"). A login or signup
 * writes its key's row first in a transaction, which serialises attempts on that key on both
 * engines (a row lock on PostgreSQL, the write lock on SQLite), so the count it reads next
 * cannot be raced (docs/decisions/013-login-throttling-and-device-cookies.md).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('throttle_locks')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('touched_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_failures_at').on('login_failures').column('at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('login_failures_at').ifExists().execute();
  await db.schema.dropTable('throttle_locks').ifExists().execute();
}
