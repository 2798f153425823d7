import type { Kysely } from 'kysely';

// NOTE: frozen in time. Never edit after it ships; add a new migration instead.
// Practice sets (docs/decisions/027-practice-and-readiness.md): short sets drawn on demand, each
// question a snapshot (shuffled options, key, rationale) answered once; and the spaced-review
// state of each item a trainee missed. Kept apart from exam attempts so the exam's item analysis
// never sees practice answers.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('practice_sets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('course_slug', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('content_version', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('completed_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('practice_sets_user')
    .on('practice_sets')
    .columns(['user_id', 'course_slug', 'created_at'])
    .execute();

  await db.schema
    .createTable('practice_set_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('set_id', 'text', (c) => c.notNull().references('practice_sets.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('response', 'text')
    .addColumn('correct', 'integer')
    .addColumn('answered_at', 'bigint')
    .addUniqueConstraint('practice_set_items_position', ['set_id', 'position'])
    .execute();
  await db.schema.createIndex('practice_set_items_item').on('practice_set_items').columns(['item_id']).execute();

  await db.schema
    .createTable('practice_reviews')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('course_slug', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('due_day', 'text', (c) => c.notNull())
    .addColumn('top_streak', 'integer', (c) => c.notNull())
    .addColumn('retired_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('practice_reviews_pk', ['user_id', 'course_slug', 'item_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('practice_reviews').execute();
  await db.schema.dropTable('practice_set_items').execute();
  await db.schema.dropTable('practice_sets').execute();
}
