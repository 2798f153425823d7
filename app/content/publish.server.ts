import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { getHeads, getTree } from '../models/content-store.server';

// Small helpers of the author studio's publish page (issue 15 item 2) that other pages share.

/** How many files differ between the draft and what trainees see (manifests only: no diffs are built). */
export async function unpublishedChangeCount(db: Kysely<Database>): Promise<number> {
  const heads = await getHeads(db);
  if (!heads.draft || heads.draft === heads.published) return 0;
  const [draft, published] = await Promise.all([
    getTree(db, heads.draft),
    heads.published ? getTree(db, heads.published) : Promise.resolve(null),
  ]);
  const a = published?.manifest ?? {};
  const b = draft?.manifest ?? {};
  let n = 0;
  for (const path of new Set([...Object.keys(a), ...Object.keys(b)])) if (a[path] !== b[path]) n++;
  return n;
}
