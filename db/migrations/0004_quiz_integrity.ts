import type { Kysely } from 'kysely';

// NOTE: frozen in time. Never edit after it ships; add a new migration instead.
// Quiz draws (the questions and option order one attempt asks, stored before it is shown),
// trainer settings for a group's quizzes, and the history of those settings.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('quiz_draws')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('course_slug', 'text', (c) => c.notNull())
    .addColumn('unit_slug', 'text', (c) => c.notNull())
    .addColumn('content_version', 'text', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_at', 'bigint')
    .addColumn('attempt_id', 'text')
    .execute();
  await db.schema
    .createIndex('quiz_draws_user_unit')
    .on('quiz_draws')
    .columns(['user_id', 'course_slug', 'unit_slug', 'created_at'])
    .execute();

  await db.schema
    .createTable('cohort_quiz_settings')
    .addColumn('cohort_id', 'text', (c) => c.primaryKey().references('cohorts.id').onDelete('cascade'))
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .execute();

  await db.schema
    .createTable('cohort_settings_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cohort_id', 'text', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
    .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('before', 'text', (c) => c.notNull())
    .addColumn('after', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('cohort_settings_history_cohort')
    .on('cohort_settings_history')
    .columns(['cohort_id', 'at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['cohort_settings_history', 'cohort_quiz_settings', 'quiz_draws'])
    await db.schema.dropTable(t).ifExists().execute();
}
