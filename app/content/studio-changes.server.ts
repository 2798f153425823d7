import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { type ChangeResult, type ContentChange, currentDraft, saveDraft } from './store.server';

// Changes to several content files at once (create, rename, reorder or retire a unit; add an
// image), checked on the whole course and saved to the draft together, or not at all
// (docs/decisions/030-content-store.md, 031).

export type { ChangeResult, ContentChange } from './store.server';

/** The id of the draft tree as it is now: the studio's forms carry it, so a change to files someone else changed since is refused. */
export async function currentTreeId(db: Kysely<Database>, root: string): Promise<string> {
  return (await currentDraft(db, root)).treeId;
}

/** The bytes of one file of the draft, or null when it does not exist (or the path is not plain). */
export async function readDraftFile(db: Kysely<Database>, root: string, rel: string): Promise<Uint8Array | null> {
  return (await currentDraft(db, root)).files.get(rel) ?? null;
}

/**
 * Applies several file changes to the draft at once, or none: refused when a file it changes
 * moved since the author opened `baseTreeId`, when a path is not a plain path inside the
 * content root, or when the course would have a problem it did not have before (saveDraft).
 */
export function saveChanges(
  db: Kysely<Database>,
  root: string,
  input: { changes: ContentChange[]; baseTreeId: string; authorId: string; message: string },
  now = Date.now(),
): Promise<ChangeResult> {
  return saveDraft(db, root, input, now);
}
