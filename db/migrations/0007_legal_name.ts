import type { Kysely } from 'kysely';

// NOTE: frozen in time. Never edit after it ships; add a new migration instead.
// A legal name beside the name shown in the app (chosen names matter to this community). The
// certificate of completion uses the legal name, which the trainee confirms before it is issued.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('legal_name', 'text').execute();
  await db.schema.alterTable('users').addColumn('legal_name_confirmed_at', 'bigint').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('legal_name_confirmed_at').execute();
  await db.schema.alterTable('users').dropColumn('legal_name').execute();
}
