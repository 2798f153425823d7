import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** One saved change to a content file, made in the author studio. */
export async function recordContentRevision(
  db: Kysely<Database>,
  input: { path: string; authorId: string; beforeHash: string; afterHash: string; diff: string },
  now = Date.now(),
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('content_revisions')
    .values({
      id,
      path: input.path,
      author_id: input.authorId,
      at: now,
      before_hash: input.beforeHash,
      after_hash: input.afterHash,
      diff: input.diff,
    })
    .execute();
  return id;
}

/** The latest revisions of one file (path relative to the content root), newest first, with the author's name. */
export async function listContentRevisions(db: Kysely<Database>, path: string, limit = 10) {
  return db
    .selectFrom('content_revisions')
    .innerJoin('users', 'users.id', 'content_revisions.author_id')
    .select([
      'content_revisions.id',
      'content_revisions.at',
      'content_revisions.before_hash',
      'content_revisions.after_hash',
      'content_revisions.diff',
      'users.name as author_name',
    ])
    .where('content_revisions.path', '=', path)
    .orderBy('content_revisions.at', 'desc')
    .orderBy('content_revisions.id')
    .limit(limit)
    .execute();
}
