import { type Kysely, sql } from 'kysely';

// NOTE: frozen in time. Never edit after it ships; add a new migration instead.
// Types are chosen to mean the same on SQLite and PostgreSQL: text, integer, bigint
// (epoch ms), double precision.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('trainee'))
    .addColumn('time_multiplier', 'double precision', (c) => c.notNull().defaultTo(1))
    .addColumn('no_time_limit', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('login_failures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_failures_key_at').on('login_failures').columns(['key', 'at']).execute();

  await db.schema
    .createTable('cohorts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('join_code', 'text', (c) => c.notNull().unique())
    .addColumn('trainer_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cohorts_trainer').on('cohorts').column('trainer_id').execute();

  await db.schema
    .createTable('cohort_members')
    .addColumn('cohort_id', 'text', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('joined_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('cohort_members_pk', ['cohort_id', 'user_id'])
    .execute();
  await db.schema.createIndex('cohort_members_user').on('cohort_members').column('user_id').execute();

  await db.schema
    .createTable('unit_progress')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('course_slug', 'text', (c) => c.notNull())
    .addColumn('unit_slug', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'bigint')
    .addColumn('completed_by', 'text')
    .addColumn('best_percent', 'double precision')
    .addColumn('last_visited_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_progress_pk', ['user_id', 'course_slug', 'unit_slug'])
    .execute();

  await db.schema
    .createTable('quiz_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('course_slug', 'text', (c) => c.notNull())
    .addColumn('unit_slug', 'text', (c) => c.notNull())
    .addColumn('content_version', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('responses', 'text', (c) => c.notNull())
    .addColumn('correct', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('percent', 'double precision', (c) => c.notNull())
    .addColumn('passed', 'integer', (c) => c.notNull())
    .addColumn('submitted_at', 'bigint', (c) => c.notNull())
    .addColumn('submission_key', 'text', (c) => c.notNull().unique())
    .execute();
  await db.schema
    .createIndex('quiz_attempts_user_unit')
    .on('quiz_attempts')
    .columns(['user_id', 'course_slug', 'unit_slug', 'submitted_at'])
    .execute();
  await db.schema
    .createIndex('quiz_attempts_unit')
    .on('quiz_attempts')
    .columns(['course_slug', 'unit_slug', 'submitted_at'])
    .execute();

  await db.schema
    .createTable('reflections')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('course_slug', 'text', (c) => c.notNull())
    .addColumn('unit_slug', 'text', (c) => c.notNull())
    .addColumn('reflection_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('reflections_pk', ['user_id', 'course_slug', 'unit_slug', 'reflection_id'])
    .execute();

  await db.schema
    .createTable('exam_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('course_slug', 'text', (c) => c.notNull())
    .addColumn('form_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('pass_percent', 'double precision', (c) => c.notNull())
    .addColumn('content_version', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('deadline_at', 'bigint')
    .addColumn('submitted_at', 'bigint')
    .addColumn('submitted_by', 'text')
    .addColumn('objective_correct', 'integer')
    .addColumn('objective_total', 'integer')
    .addColumn('written_points', 'double precision')
    .addColumn('written_max', 'double precision')
    .addColumn('final_percent', 'double precision')
    .addColumn('passed', 'integer')
    .addColumn('released_at', 'bigint')
    .addColumn('released_by', 'text')
    .execute();
  await db.schema
    .createIndex('exam_attempts_user')
    .on('exam_attempts')
    .columns(['user_id', 'course_slug', 'started_at'])
    .execute();
  await db.schema.createIndex('exam_attempts_status').on('exam_attempts').columns(['status', 'submitted_at']).execute();

  await db.schema
    .createTable('exam_attempt_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('attempt_id', 'text', (c) => c.notNull().references('exam_attempts.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('response', 'text')
    .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('saved_at', 'bigint')
    .addColumn('correct', 'integer')
    .addUniqueConstraint('exam_attempt_items_position', ['attempt_id', 'position'])
    .execute();
  await db.schema.createIndex('exam_attempt_items_item').on('exam_attempt_items').column('item_id').execute();

  await db.schema
    .createTable('grades')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('attempt_item_id', 'text', (c) => c.notNull().unique().references('exam_attempt_items.id').onDelete('cascade'))
    .addColumn('grader_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('levels', 'text', (c) => c.notNull())
    .addColumn('comments', 'text', (c) => c.notNull())
    .addColumn('overall_comment', 'text', (c) => c.notNull())
    .addColumn('points', 'double precision', (c) => c.notNull())
    .addColumn('max_points', 'double precision', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('grade_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('grade_id', 'text', (c) => c.notNull().references('grades.id').onDelete('cascade'))
    .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_points', 'double precision')
    .addColumn('to_points', 'double precision', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('content_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('before_hash', 'text', (c) => c.notNull())
    .addColumn('after_hash', 'text', (c) => c.notNull())
    .addColumn('diff', 'text', (c) => c.notNull())
    .execute();

  // A trainee has at most one exam attempt in progress per course: enforced by the engine,
  // so two tabs starting at once cannot both win. Partial indexes work on both engines.
  await sql`create unique index exam_attempts_one_active on exam_attempts (user_id, course_slug) where status = 'in_progress'`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'content_revisions',
    'grade_events',
    'grades',
    'exam_attempt_items',
    'exam_attempts',
    'reflections',
    'quiz_attempts',
    'unit_progress',
    'cohort_members',
    'cohorts',
    'login_failures',
    'sessions',
    'users',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
