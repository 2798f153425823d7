import type { Kysely } from 'kysely';

// NOTE: frozen in time. Never edit after it ships; add a new migration instead.
// Profile, notifications and announcements (docs/decisions/025-notifications-and-profile.md):
// in-app notifications (also the queue of the daily digest), per-person mail preferences,
// trainers' announcements to their groups and who dismissed them, and the new address an
// email-change link confirms.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('read_at', 'bigint')
    .addColumn('mail', 'text', (c) => c.notNull())
    .addColumn('digest_id', 'text')
    .execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'read_at']).execute();
  await db.schema.createIndex('notifications_mail').on('notifications').columns(['mail', 'created_at']).execute();

  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('announcements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('publish_at', 'bigint', (c) => c.notNull())
    .addColumn('published_at', 'bigint')
    .execute();
  await db.schema.createIndex('announcements_due').on('announcements').columns(['published_at', 'publish_at']).execute();

  await db.schema
    .createTable('announcement_cohorts')
    .addColumn('announcement_id', 'text', (c) => c.notNull().references('announcements.id').onDelete('cascade'))
    .addColumn('cohort_id', 'text', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('announcement_cohorts_pk', ['announcement_id', 'cohort_id'])
    .execute();
  await db.schema.createIndex('announcement_cohorts_cohort').on('announcement_cohorts').column('cohort_id').execute();

  await db.schema
    .createTable('announcement_dismissals')
    .addColumn('announcement_id', 'text', (c) => c.notNull().references('announcements.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('dismissed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('announcement_dismissals_pk', ['announcement_id', 'user_id'])
    .execute();

  // An email-change link carries the address it confirms; other tokens leave it null.
  await db.schema.alterTable('account_tokens').addColumn('new_email', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('account_tokens').dropColumn('new_email').execute();
  await db.schema.dropTable('announcement_dismissals').execute();
  await db.schema.dropTable('announcement_cohorts').execute();
  await db.schema.dropTable('announcements').execute();
  await db.schema.dropTable('notification_preferences').execute();
  await db.schema.dropTable('notifications').execute();
}
