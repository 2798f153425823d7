import type { Kysely } from 'kysely';

// NOTE: frozen in time. Never edit after it ships; add a new migration instead.
// Certificates of completion (docs/decisions/023-certificates-and-verification.md): the facts
// stated, as issued, with a random number for the public verify page and an entry in the
// revocation status list of the Open Badges credential (docs/decisions/024-signing-keys-and-open-badges.md).
// completion_id names the course completion that caused it (migration 0009), as plain text.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('certificates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('course_slug', 'text', (c) => c.notNull())
    .addColumn('completion_id', 'text', (c) => c.notNull())
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('status_index', 'integer', (c) => c.notNull().unique())
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('replaces_id', 'text')
    .addColumn('revoked_at', 'bigint')
    .addColumn('revoked_by', 'text', (c) => c.references('users.id'))
    .addColumn('revoke_reason', 'text')
    .addColumn('replaced_by_id', 'text')
    .execute();
  await db.schema.createIndex('certificates_user_course').on('certificates').columns(['user_id', 'course_slug']).execute();
  await db.schema.createIndex('certificates_completion').on('certificates').column('completion_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('certificates').execute();
}
