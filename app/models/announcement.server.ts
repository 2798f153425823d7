import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { escapeHtml } from '../domain/mail';
import { type SafeBlock, safeMarkdown, safeMarkdownHtml, safeMarkdownText } from '../domain/safe-markdown';
import { translator } from '../i18n/intl.server';
import { findCohortFor, listCohortsFor, type Viewer } from './cohort.server';
import { localeOfUser } from './locale.server';
import { notify } from './notification.server';

// Trainers' announcements to their groups (docs/decisions/025-notifications-and-profile.md).
// Which groups a trainer may post to is decided by cohort.server.ts alone (findCohortFor /
// listCohortsFor); this file never decides scope itself.

/** Parsed bodies by announcement id: bodies never change, and parsing hostile Markdown is slow. */
const parsed = new Map<string, SafeBlock[]>();
function tree(id: string, body: string): SafeBlock[] {
  let t = parsed.get(id);
  if (!t) {
    t = safeMarkdown(body);
    if (parsed.size >= 500) parsed.delete(parsed.keys().next().value as string);
    parsed.set(id, t);
  }
  return t;
}

export type PostResult = { ok: true; id: string; published: boolean } | { ok: false; reason: 'scope' };

/**
 * Posts an announcement to groups the viewer teaches. Live at once when `publishAt` is not in
 * the future (members notified in the same transaction), else when the notification job
 * finds it due. 'scope' when any group is not the viewer's: nothing is written.
 */
export async function postAnnouncement(
  db: Kysely<Database>,
  viewer: Viewer,
  input: { cohortIds: string[]; title: string; body: string; publishAt: number | null },
  now = Date.now(),
): Promise<PostResult> {
  const ids = [...new Set(input.cohortIds)];
  if (!ids.length) return { ok: false, reason: 'scope' };
  for (const cohortId of ids) if (!(await findCohortFor(db, viewer, cohortId))) return { ok: false, reason: 'scope' };
  const id = randomUUID();
  const publishAt = input.publishAt !== null && input.publishAt > now ? input.publishAt : now;
  const published = await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('announcements')
      .values({
        id,
        author_id: viewer.id,
        title: input.title,
        body: input.body,
        created_at: now,
        publish_at: publishAt,
        published_at: null,
      })
      .execute();
    await trx
      .insertInto('announcement_cohorts')
      .values(ids.map((cohort_id) => ({ announcement_id: id, cohort_id })))
      .execute();
    return publishAt <= now ? publishInTransaction(trx, id, now) : false;
  });
  return { ok: true, id, published };
}

/**
 * Makes an announcement live and notifies every member of its groups (but its author), once:
 * the conditional UPDATE lets only one caller through, so two instances never notify twice.
 */
async function publishInTransaction(trx: Kysely<Database>, id: string, now: number): Promise<boolean> {
  const r = await trx
    .updateTable('announcements')
    .set({ published_at: now })
    .where('id', '=', id)
    .where('published_at', 'is', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  const a = await trx
    .selectFrom('announcements')
    .select(['title', 'body', 'author_id'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const members = await trx
    .selectFrom('announcement_cohorts as ac')
    .innerJoin('cohort_members as m', 'm.cohort_id', 'ac.cohort_id')
    .select('m.user_id')
    .distinct()
    .where('ac.announcement_id', '=', id)
    .where('m.user_id', '!=', a.author_id)
    .execute();
  const t = tree(id, a.body);
  const body = safeMarkdownText(t);
  const bodyHtml = safeMarkdownHtml(t, escapeHtml);
  for (const { user_id } of members) {
    // The frame in each recipient's language; the trainer's own words stay as written.
    const say = translator(await localeOfUser(trx, user_id));
    await notify(
      trx,
      {
        userId: user_id,
        kind: 'announcement',
        title: say('trainer.announcements.notification', { title: a.title }),
        body,
        bodyHtml,
        link: '/courses',
      },
      now,
    );
  }
  return true;
}

/** Publishes scheduled announcements whose time has come (the notification job calls this). */
export async function publishDueAnnouncements(db: Kysely<Database>, now = Date.now()): Promise<number> {
  const due = await db
    .selectFrom('announcements')
    .select('id')
    .where('published_at', 'is', null)
    .where('publish_at', '<=', now)
    .orderBy('publish_at')
    .execute();
  let n = 0;
  for (const { id } of due) if (await db.transaction().execute((trx) => publishInTransaction(trx, id, now))) n++;
  return n;
}

/** Live announcements to the groups a trainee is in that they have not dismissed, newest first. */
export async function announcementsForTrainee(db: Kysely<Database>, userId: string, limit = 10) {
  const rows = await db
    .selectFrom('announcements as a')
    .innerJoin('users as u', 'u.id', 'a.author_id')
    .select(['a.id', 'a.title', 'a.body', 'a.published_at', 'u.name as author'])
    .where('a.published_at', 'is not', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('announcement_cohorts as ac')
          .innerJoin('cohort_members as m', 'm.cohort_id', 'ac.cohort_id')
          .select('ac.cohort_id')
          .whereRef('ac.announcement_id', '=', 'a.id')
          .where('m.user_id', '=', userId),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('announcement_dismissals as d')
            .select('d.user_id')
            .whereRef('d.announcement_id', '=', 'a.id')
            .where('d.user_id', '=', userId),
        ),
      ),
    )
    .orderBy('a.published_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    author: r.author,
    publishedAt: r.published_at as number,
    body: tree(r.id, r.body),
  }));
}

/** Dismisses an announcement for the trainee; false when it is not shown to them (so not theirs to dismiss). */
export async function dismissAnnouncement(db: Kysely<Database>, userId: string, announcementId: string, now = Date.now()) {
  const visible = await db
    .selectFrom('announcements as a')
    .innerJoin('announcement_cohorts as ac', 'ac.announcement_id', 'a.id')
    .innerJoin('cohort_members as m', 'm.cohort_id', 'ac.cohort_id')
    .select('a.id')
    .where('a.id', '=', announcementId)
    .where('a.published_at', 'is not', null)
    .where('m.user_id', '=', userId)
    .executeTakeFirst();
  if (!visible) return false;
  await db
    .insertInto('announcement_dismissals')
    .values({ announcement_id: announcementId, user_id: userId, dismissed_at: now })
    .onConflict((oc) => oc.columns(['announcement_id', 'user_id']).doNothing())
    .execute();
  return true;
}

/** The groups the viewer may post to, and the announcements posted to them, newest first. */
export async function announcementsPage(db: Kysely<Database>, viewer: Viewer) {
  const cohorts = await listCohortsFor(db, viewer);
  const ids = cohorts.map((c) => c.id);
  const rows = ids.length
    ? await db
        .selectFrom('announcements as a')
        .innerJoin('announcement_cohorts as ac', 'ac.announcement_id', 'a.id')
        .innerJoin('cohorts as c', 'c.id', 'ac.cohort_id')
        .innerJoin('users as u', 'u.id', 'a.author_id')
        .select(['a.id', 'a.title', 'a.body', 'a.publish_at', 'a.published_at', 'u.name as author', 'c.name as cohort'])
        .where('ac.cohort_id', 'in', ids)
        .orderBy('a.publish_at', 'desc')
        .limit(200)
        .execute()
    : [];
  const byId = new Map<
    string,
    { id: string; title: string; author: string; publishAt: number; published: boolean; body: SafeBlock[]; cohorts: string[] }
  >();
  for (const r of rows) {
    const a = byId.get(r.id);
    if (a) a.cohorts.push(r.cohort);
    else
      byId.set(r.id, {
        id: r.id,
        title: r.title,
        author: r.author,
        publishAt: r.publish_at,
        published: r.published_at !== null,
        body: tree(r.id, r.body),
        cohorts: [r.cohort],
      });
  }
  return { cohorts: cohorts.map((c) => ({ id: c.id, name: c.name })), announcements: [...byId.values()] };
}
