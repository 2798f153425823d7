import type { Kysely } from 'kysely';

// NOTE: frozen in time. Never edit after it ships; add a new migration instead.
// Time on task (docs/decisions/017-time-on-task.md): an append-only ledger of credited
// intervals, running totals per unit for the trainer views, and one clock row per trainee that
// every credit updates by compare-and-set, so concurrent credits never overlap.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('unit_time_intervals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('course_slug', 'text', (c) => c.notNull())
    .addColumn('unit_slug', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('ended_at', 'bigint', (c) => c.notNull())
    .addColumn('seconds', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('unit_time_intervals_user')
    .on('unit_time_intervals')
    .columns(['user_id', 'course_slug', 'unit_slug', 'started_at'])
    .execute();

  await db.schema
    .createTable('unit_time_totals')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('course_slug', 'text', (c) => c.notNull())
    .addColumn('unit_slug', 'text', (c) => c.notNull())
    .addColumn('seconds', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_time_totals_pk', ['user_id', 'course_slug', 'unit_slug'])
    .execute();

  await db.schema
    .createTable('unit_time_clocks')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('credited_until', 'bigint')
    .addColumn('page_course', 'text')
    .addColumn('page_unit', 'text')
    .addColumn('page_at', 'bigint')
    .addColumn('page_js', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('unit_time_clocks').execute();
  await db.schema.dropTable('unit_time_totals').execute();
  await db.schema.dropTable('unit_time_intervals').execute();
}
