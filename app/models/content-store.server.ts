import { randomUUID } from 'node:crypto';
import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { ContentHeadsTable, ContentTreesTable, Database } from '../../db/schema';

// The content store's rows (docs/decisions/030-content-store.md): blobs by hash, immutable
// trees, and the heads that name them. The rules (what a save checks, what publishing means)
// live in app/content/store.server.ts; this module only reads and writes rows.

export type HeadName = ContentHeadsTable['name'];
export type TreeKind = ContentTreesTable['kind'];
/** path (relative to the content folder, forward slashes) -> blob hash */
export type Manifest = Record<string, string>;

export interface TreeRow {
  id: string;
  parentId: string | null;
  authorId: string | null;
  authorName: string | null;
  message: string;
  createdAt: number;
  kind: TreeKind;
  manifest: Manifest;
}

const CHUNK = 400;

/** Stores blobs not stored yet (a blob is immutable: the same hash is the same bytes). */
export async function putBlobs(db: Kysely<Database>, blobs: Map<string, Uint8Array>): Promise<void> {
  const rows = [...blobs].map(([hash, bytes]) => ({ hash, bytes: Buffer.from(bytes), size: bytes.length }));
  for (let i = 0; i < rows.length; i += 50)
    await db
      .insertInto('content_blobs')
      .values(rows.slice(i, i + 50))
      .onConflict((oc) => oc.column('hash').doNothing())
      .execute();
}

/** The blobs with these hashes (missing hashes are absent from the map). */
export async function readBlobs(db: Kysely<Database>, hashes: Iterable<string>): Promise<Map<string, Uint8Array>> {
  const wanted = [...new Set(hashes)];
  const out = new Map<string, Uint8Array>();
  for (let i = 0; i < wanted.length; i += CHUNK) {
    const rows = await db
      .selectFrom('content_blobs')
      .select(['hash', 'bytes'])
      .where('hash', 'in', wanted.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) out.set(r.hash, new Uint8Array(r.bytes));
  }
  return out;
}

export async function insertTree(db: Kysely<Database>, tree: Omit<TreeRow, 'authorName'>): Promise<void> {
  await db
    .insertInto('content_trees')
    .values({
      id: tree.id,
      parent_id: tree.parentId,
      author_id: tree.authorId,
      message: tree.message,
      created_at: tree.createdAt,
      manifest: JSON.stringify(tree.manifest),
      kind: tree.kind,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

const treeColumns = [
  'content_trees.id',
  'content_trees.parent_id',
  'content_trees.author_id',
  'content_trees.message',
  'content_trees.created_at',
  'content_trees.kind',
  'content_trees.manifest',
  'users.name as author_name',
] as const;

type TreeSelect = {
  id: string;
  parent_id: string | null;
  author_id: string | null;
  message: string;
  created_at: number;
  kind: TreeKind;
  manifest: string;
  author_name: string | null;
};
const toTree = (r: TreeSelect): TreeRow => ({
  id: r.id,
  parentId: r.parent_id,
  authorId: r.author_id,
  authorName: r.author_name,
  message: r.message,
  createdAt: Number(r.created_at),
  kind: r.kind,
  manifest: JSON.parse(r.manifest) as Manifest,
});

export async function getTree(db: Kysely<Database>, id: string): Promise<TreeRow | null> {
  const r = await db
    .selectFrom('content_trees')
    .leftJoin('users', 'users.id', 'content_trees.author_id')
    .select(treeColumns)
    .where('content_trees.id', '=', id)
    .executeTakeFirst();
  return r ? toTree(r) : null;
}

/**
 * The trees from `id` back through its parents, newest first, at most `limit`. The newest trees
 * are read in one query and walked by their parent links; a parent older than that batch (a
 * long-lived branch) is read on its own.
 */
export async function treeAncestry(db: Kysely<Database>, id: string, limit = 200): Promise<TreeRow[]> {
  const recent = await db
    .selectFrom('content_trees')
    .leftJoin('users', 'users.id', 'content_trees.author_id')
    .select(treeColumns)
    .orderBy('content_trees.created_at', 'desc')
    .limit(limit * 2)
    .execute();
  const byId = new Map(recent.map((r) => [r.id, r]));
  const out: TreeRow[] = [];
  let next: string | null = id;
  const seen = new Set<string>();
  while (next && out.length < limit && !seen.has(next)) {
    seen.add(next);
    const row = byId.get(next);
    const tree: TreeRow | null = row ? toTree(row) : await getTree(db, next);
    if (!tree) break;
    out.push(tree);
    next = tree.parentId;
  }
  return out;
}

export async function getHead(db: Kysely<Database>, name: HeadName): Promise<string | null> {
  const r = await db.selectFrom('content_heads').select('tree_id').where('name', '=', name).executeTakeFirst();
  return r?.tree_id ?? null;
}

export async function getHeads(db: Kysely<Database>): Promise<Partial<Record<HeadName, string>>> {
  const rows = await db.selectFrom('content_heads').select(['name', 'tree_id']).execute();
  return Object.fromEntries(rows.map((r) => [r.name, r.tree_id]));
}

/**
 * Moves a head from `expected` to `next` if nobody moved it since (compare-and-swap); with
 * `expected` null, creates the head only if it does not exist. Returns whether it moved.
 */
export async function moveHead(
  db: Kysely<Database>,
  name: HeadName,
  expected: string | null,
  next: string,
  now = Date.now(),
): Promise<boolean> {
  if (expected === null) {
    const r = await db
      .insertInto('content_heads')
      .values({ name, tree_id: next, updated_at: now })
      .onConflict((oc) => oc.column('name').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const r = await db
    .updateTable('content_heads')
    .set({ tree_id: next, updated_at: now })
    .where('name', '=', name)
    .where('tree_id', '=', expected)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Sets a head whatever it pointed at (import and export's `synced` marker). */
export async function setHead(db: Kysely<Database>, name: HeadName, next: string, now = Date.now()): Promise<void> {
  await db
    .insertInto('content_heads')
    .values({ name, tree_id: next, updated_at: now })
    .onConflict((oc) => oc.column('name').doUpdateSet({ tree_id: next, updated_at: now }))
    .execute();
}

export async function recordPublish(
  db: Kysely<Database>,
  input: { treeId: string; previousTreeId: string | null; authorId: string | null; message: string },
  now = Date.now(),
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('content_publishes')
    .values({
      id,
      tree_id: input.treeId,
      previous_tree_id: input.previousTreeId,
      author_id: input.authorId,
      message: input.message,
      at: now,
    })
    .execute();
  return id;
}

export interface PublishRow {
  id: string;
  treeId: string;
  previousTreeId: string | null;
  authorName: string | null;
  message: string;
  at: number;
}

const publishes = (db: Kysely<Database>) =>
  db
    .selectFrom('content_publishes')
    .leftJoin('users', 'users.id', 'content_publishes.author_id')
    .select([
      'content_publishes.id',
      'content_publishes.tree_id',
      'content_publishes.previous_tree_id',
      'content_publishes.message',
      'content_publishes.at',
      'users.name as author_name',
    ]);
type PublishSelect = {
  id: string;
  tree_id: string;
  previous_tree_id: string | null;
  message: string;
  at: number;
  author_name: string | null;
};
const toPublish = (r: PublishSelect): PublishRow => ({
  id: r.id,
  treeId: r.tree_id,
  previousTreeId: r.previous_tree_id,
  authorName: r.author_name,
  message: r.message,
  at: Number(r.at),
});

/** Publishes, newest first. */
export async function listPublishes(db: Kysely<Database>, limit = 20): Promise<PublishRow[]> {
  const rows = await publishes(db).orderBy('content_publishes.at', 'desc').orderBy('content_publishes.id').limit(limit).execute();
  return rows.map(toPublish);
}

export async function getPublish(db: Kysely<Database>, id: string): Promise<PublishRow | null> {
  const r = await publishes(db).where('content_publishes.id', '=', id).executeTakeFirst();
  return r ? toPublish(r) : null;
}

/** Compiled MDX shared by every instance, by the compile cache key. */
export async function readCompiled(db: Kysely<Database>, key: string): Promise<string | null> {
  const r = await db.selectFrom('content_compiled').select('compiled').where('key', '=', key).executeTakeFirst();
  return r?.compiled ?? null;
}

export async function writeCompiled(db: Kysely<Database>, key: string, compiled: string, now = Date.now()) {
  await db
    .insertInto('content_compiled')
    .values({ key, compiled, created_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

/** Tells every instance listening on PostgreSQL that the published head moved (no-op on SQLite). */
export async function notifyPublished(db: Kysely<Database>, treeId: string) {
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql`select pg_notify('content_published', ${treeId})`.execute(db);
}
