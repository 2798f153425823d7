import type { Kysely } from 'kysely';

// NOTE: frozen in time. Never edit after it ships; add a new migration instead.
// Languages (docs/decisions/029-interface-languages.md): the language a person chose for
// themselves (null = not chosen: their group's language, then the browser's, decide), and a
// group's language, which is its members' default and the edition its trainer expects.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('locale', 'text').execute();
  await db.schema.alterTable('cohorts').addColumn('locale', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cohorts').dropColumn('locale').execute();
  await db.schema.alterTable('users').dropColumn('locale').execute();
}
