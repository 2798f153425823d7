import { type Kysely, sql } from 'kysely';

// NOTE: frozen in time. Never edit after it ships; add a new migration instead.
// Groups and admin (issue #16 items 7-8, docs/decisions/026-groups-rosters-and-admin.md):
// archived groups and join-code rules; co-trainers (every trainer of a group, the owner
// included, is a row of cohort_trainers: the existing trainer_id is backfilled as 'owner');
// join requests waiting for approval; deactivated accounts; an audit log of admin actions.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cohorts').addColumn('archived_at', 'bigint').execute();
  await db.schema.alterTable('cohorts').addColumn('join_code_expires_at', 'bigint').execute();
  await db.schema
    .alterTable('cohorts')
    .addColumn('join_requires_approval', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('cohort_trainers')
    .addColumn('cohort_id', 'text', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('added_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('cohort_trainers_pk', ['cohort_id', 'user_id'])
    .execute();
  await db.schema.createIndex('cohort_trainers_user').on('cohort_trainers').columns(['user_id', 'cohort_id']).execute();
  await db
    .insertInto('cohort_trainers')
    .columns(['cohort_id', 'user_id', 'role', 'added_at'])
    .expression((eb: any) => eb.selectFrom('cohorts').select(['id', 'trainer_id', sql<string>`'owner'`.as('role'), 'created_at']))
    .execute();

  await db.schema
    .createTable('cohort_join_requests')
    .addColumn('cohort_id', 'text', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('requested_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('cohort_join_requests_pk', ['cohort_id', 'user_id'])
    .execute();
  await db.schema.createIndex('cohort_join_requests_user').on('cohort_join_requests').column('user_id').execute();

  await db.schema.alterTable('users').addColumn('deactivated_at', 'bigint').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_user_id', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_log').execute();
  await db.schema.alterTable('users').dropColumn('deactivated_at').execute();
  await db.schema.dropTable('cohort_join_requests').execute();
  await db.schema.dropTable('cohort_trainers').execute();
  await db.schema.alterTable('cohorts').dropColumn('join_requires_approval').execute();
  await db.schema.alterTable('cohorts').dropColumn('join_code_expires_at').execute();
  await db.schema.alterTable('cohorts').dropColumn('archived_at').execute();
}
