import type { Kysely } from 'kysely';

// NOTE: frozen in time. Never edit after it ships; add a new migration instead.
// Language editions (docs/decisions/032-language-editions.md): the edition (locale) a quiz
// draw, quiz attempt, exam attempt and practice set was drawn in, and a reflection written in,
// so a trainer sees an answer
// in the language it was written in and item analysis can be read per edition. Every row
// before this migration was English, the only edition there was.

const TABLES = ['quiz_draws', 'quiz_attempts', 'exam_attempts', 'practice_sets', 'reflections'];

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of TABLES)
    await db.schema
      .alterTable(table)
      .addColumn('locale', 'text', (c) => c.notNull().defaultTo('en'))
      .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await db.schema.alterTable(table).dropColumn('locale').execute();
}
