import { type Kysely, PostgresAdapter, sql } from 'kysely';

// NOTE: frozen in time. Never edit after it ships; add a new migration instead.
// Content versions in the database (docs/decisions/030-content-store.md), stored the way git
// stores them:
// - content_blobs: every file's bytes once, by the SHA-256 of the bytes (immutable);
// - content_trees: immutable versions of the whole content folder: a manifest (path -> blob
//   hash), the tree it was made from, who made it, why and when;
// - content_heads: the named pointers (published, draft, synced) moved by compare-and-swap;
// - content_compiled: compiled MDX shared by every instance, one row per source and compiler;
// - content_tree_id on quiz and exam attempts: the published tree the trainee was shown.

export async function up(db: Kysely<any>): Promise<void> {
  const bytes = db.getExecutor().adapter instanceof PostgresAdapter ? sql`bytea` : sql`blob`;
  await db.schema
    .createTable('content_blobs')
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('bytes', bytes, (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('content_trees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('parent_id', 'text')
    .addColumn('author_id', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    /** JSON: { [path]: blob hash }, paths relative to the content folder. */
    .addColumn('manifest', 'text', (c) => c.notNull())
    /** import | edit | publish | rollback | revert */
    .addColumn('kind', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('content_trees_created').on('content_trees').columns(['created_at']).execute();
  await db.schema
    .createTable('content_heads')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('tree_id', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('content_publishes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tree_id', 'text', (c) => c.notNull())
    .addColumn('previous_tree_id', 'text')
    .addColumn('author_id', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('content_publishes_at').on('content_publishes').columns(['at']).execute();
  await db.schema
    .createTable('content_compiled')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('compiled', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  for (const table of ['quiz_attempts', 'exam_attempts', 'quiz_draws'])
    await db.schema.alterTable(table).addColumn('content_tree_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['quiz_attempts', 'exam_attempts', 'quiz_draws'])
    await db.schema.alterTable(table).dropColumn('content_tree_id').execute();
  for (const t of ['content_compiled', 'content_publishes', 'content_heads', 'content_trees', 'content_blobs'])
    await db.schema.dropTable(t).execute();
}
