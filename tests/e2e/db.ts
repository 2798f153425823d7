import { openDatabase } from '../../db/connect';
import { courseUnits } from './content';

// Direct access to the e2e server's database, for arranging state a test is not about
// (e.g. a trainee who has already completed every unit).
const DB_URL = 'file:./tests/.tmp/e2e.db';

export async function completeAllUnits(email: string, url = DB_URL) {
  const { db } = openDatabase(url);
  try {
    const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    const now = Date.now();
    for (const u of courseUnits()) {
      await db
        .insertInto('unit_progress')
        .values({
          user_id: user.id,
          course_slug: 'peer-support-core',
          unit_slug: u.slug,
          completed_at: now,
          completed_by: 'quiz',
          best_percent: 100,
          last_visited_at: now,
        })
        .onConflict((oc) => oc.columns(['user_id', 'course_slug', 'unit_slug']).doUpdateSet({ completed_at: now }))
        .execute();
    }
  } finally {
    await db.destroy();
  }
}

export async function countAttempts(email: string) {
  const { db } = openDatabase(DB_URL);
  try {
    const rows = await db
      .selectFrom('exam_attempts as a')
      .innerJoin('users as u', 'u.id', 'a.user_id')
      .select(['a.id', 'a.status', 'a.grading_token'])
      .where('u.email', '=', email)
      .execute();
    return rows;
  } finally {
    await db.destroy();
  }
}

export async function lookup(sql: 'user' | 'cohort', key: string): Promise<string> {
  const { db } = openDatabase(DB_URL);
  try {
    if (sql === 'user') return (await db.selectFrom('users').select('id').where('email', '=', key).executeTakeFirstOrThrow()).id;
    return (await db.selectFrom('cohorts').select('id').where('name', '=', key).executeTakeFirstOrThrow()).id;
  } finally {
    await db.destroy();
  }
}

/** The row id of an attempt's first written answer, as a grading form would send it. */
export async function writtenItemId(attemptId: string): Promise<string> {
  const { db } = openDatabase(DB_URL);
  try {
    const row = await db
      .selectFrom('exam_attempt_items')
      .select('id')
      .where('attempt_id', '=', attemptId)
      .where('kind', '=', 'written')
      .executeTakeFirstOrThrow();
    return row.id;
  } finally {
    await db.destroy();
  }
}

/** Ends every session of this person on the server, as an expiry would (the browser keeps its cookie). */
export async function endSessions(email: string) {
  const { db } = openDatabase(DB_URL);
  try {
    const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    await db.deleteFrom('sessions').where('user_id', '=', user.id).execute();
  } finally {
    await db.destroy();
  }
}

/** What the server holds as this person's answer at one position of their open exam attempt (null: none). */
export async function savedExamResponse(email: string, position: number): Promise<string | null> {
  const { db } = openDatabase(DB_URL);
  try {
    const row = await db
      .selectFrom('exam_attempt_items as i')
      .innerJoin('exam_attempts as a', 'a.id', 'i.attempt_id')
      .innerJoin('users as u', 'u.id', 'a.user_id')
      .select('i.response')
      .where('u.email', '=', email)
      .where('a.status', '=', 'in_progress')
      .where('i.position', '=', position)
      .executeTakeFirst();
    return row?.response ? (JSON.parse(row.response) as string) : null;
  } finally {
    await db.destroy();
  }
}

// The course lives in the content store (docs/decisions/030-content-store.md): the e2e server
// imported tests/.tmp/e2e-content at its first start, and the studio saves to the draft in the
// database, never to that folder.
const CONTENT_ROOT = 'tests/.tmp/e2e-content';

/** A file of the draft, by its path in the content folder (null: not in the draft). */
export async function draftText(rel: string, url = DB_URL): Promise<string | null> {
  const { currentDraft } = await import('../../app/content/store.server');
  const { db } = openDatabase(url);
  try {
    const bytes = (await currentDraft(db, CONTENT_ROOT)).files.get(rel);
    return bytes ? new TextDecoder().decode(bytes) : null;
  } finally {
    await db.destroy();
  }
}

/** Another author's save to the draft (as from another browser or instance), checked like any save. */
export async function editDraft(rel: string, change: (text: string) => string, url = DB_URL): Promise<void> {
  const { currentDraft, saveDraft } = await import('../../app/content/store.server');
  const { db } = openDatabase(url);
  try {
    const draft = await currentDraft(db, CONTENT_ROOT);
    const before = new TextDecoder().decode(draft.files.get(rel));
    const author = await db.selectFrom('users').select('id').where('role', '=', 'author').executeTakeFirstOrThrow();
    const r = await saveDraft(db, CONTENT_ROOT, {
      changes: [{ path: rel, bytes: new TextEncoder().encode(change(before)) }],
      baseTreeId: draft.treeId,
      authorId: author.id,
      message: 'An edit made by another author',
    });
    if (r.status !== 'saved') throw new Error(`editDraft: ${r.status}`);
  } finally {
    await db.destroy();
  }
}

/**
 * Puts the course back as the e2e server first imported it: the folder is imported over the
 * draft and published, and the server switches within its poll (CONTENT_POLL_SECONDS=1).
 */
export async function resetContent(url = DB_URL): Promise<void> {
  const { importContent } = await import('../../app/content/store.server');
  const { db } = openDatabase(url);
  try {
    await importContent(db, CONTENT_ROOT, { publish: true, mode: 'overwrite', message: 'e2e: put the course back' });
  } finally {
    await db.destroy();
  }
  await new Promise((r) => setTimeout(r, 2500));
}
