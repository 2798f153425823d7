import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { digestMail, notificationMail } from '../domain/mail';
import {
  CONFIGURABLE_KINDS,
  digestCutoff,
  type MailPreferences,
  mailPlan,
  type NotificationKind,
  readPreferences,
} from '../domain/notifications';
import { mailLanguage } from '../i18n/intl.server';
import { appUrl } from '../infra/mail.server';
import { localeOfUser } from './locale.server';
import { enqueueMail } from './outbox.server';

// In-app notifications, and their mail as each person chose (docs/decisions/025-notifications-and-profile.md).
// A notification is written in the transaction of the event that causes it (a release, an
// announcement going live, a certificate), and so is its mail, or its place in the digest.

export interface NotifyInput {
  userId: string;
  kind: NotificationKind;
  title: string;
  /** Plain text. */
  body: string;
  /** A path inside the app (e.g. "/courses/x/exam/attempts/y/result"), or null. */
  link: string | null;
  /** The body as already-safe HTML for the mail (announcements); the text is used otherwise. */
  bodyHtml?: string;
}

const settingsUrl = () => appUrl('/account#notifications');

/** A person's mail preferences (defaults for what they never chose). */
export async function getPreferences(db: Kysely<Database>, userId: string): Promise<MailPreferences> {
  const row = await db.selectFrom('notification_preferences').select('settings').where('user_id', '=', userId).executeTakeFirst();
  return readPreferences(row?.settings);
}

export async function savePreferences(db: Kysely<Database>, userId: string, prefs: MailPreferences, now = Date.now()) {
  const settings = JSON.stringify(Object.fromEntries(CONFIGURABLE_KINDS.map((k) => [k, prefs[k]])));
  await db
    .insertInto('notification_preferences')
    .values({ user_id: userId, settings, updated_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ settings, updated_at: now }))
    .execute();
}

/**
 * Notifies one person, in `trx` (the transaction of the event). The mail follows their
 * preference for the kind: queued now, left for the daily digest, or none. An unconfirmed
 * address gets no notification mail (UNVERIFIED_MAY_RECEIVE). Account-security notices
 * ('account') come with their own message, which the caller queues. Returns the notification id.
 */
export async function notify(trx: Kysely<Database>, input: NotifyInput, now = Date.now()): Promise<string> {
  const user = await trx
    .selectFrom('users')
    .leftJoin('notification_preferences as p', 'p.user_id', 'users.id')
    .select(['users.email', 'users.name', 'users.email_verified_at', 'p.settings'])
    .where('users.id', '=', input.userId)
    .executeTakeFirstOrThrow();
  const plan = mailPlan(input.kind, readPreferences(user.settings), user.email_verified_at !== null);
  const mail = plan === 'each' ? 'sent' : plan === 'daily' ? 'digest' : plan === 'separate' ? 'separate' : 'none';
  const id = randomUUID();
  await trx
    .insertInto('notifications')
    .values({
      id,
      user_id: input.userId,
      kind: input.kind,
      title: input.title,
      body: input.body,
      link: input.link,
      created_at: now,
      read_at: null,
      mail,
      digest_id: null,
    })
    .execute();
  if (mail === 'sent') {
    await enqueueMail(
      trx,
      notificationMail(mailLanguage(await localeOfUser(trx, input.userId)), {
        to: user.email,
        name: user.name,
        kind: input.kind,
        title: input.title,
        body: input.body,
        bodyHtml: input.bodyHtml,
        url: input.link ? appUrl(input.link) : null,
        settingsUrl: settingsUrl(),
      }),
      now,
    );
  }
  return id;
}

/** Unread notifications of one person (the header's count). */
export async function unreadCount(db: Kysely<Database>, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** A person's own notifications, newest first. */
export function listNotifications(db: Kysely<Database>, userId: string, limit = 100) {
  return db
    .selectFrom('notifications')
    .select(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Marks one of the person's own notifications read; false when it is not theirs (or unknown). */
export async function markRead(db: Kysely<Database>, userId: string, id: string, now = Date.now()): Promise<boolean> {
  const owned = await db
    .selectFrom('notifications')
    .select('id')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!owned) return false;
  await db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .execute();
  return true;
}

export async function markAllRead(db: Kysely<Database>, userId: string, now = Date.now()) {
  await db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .execute();
}

/**
 * The daily digest (run by app/jobs/notifications.server.ts, often; it acts once a day). From
 * DIGEST_HOUR Pacific, each person with notifications waiting for the digest from before
 * today's Pacific midnight gets one message listing them. Each person's batch is claimed with one
 * conditional UPDATE (tagging the rows with a new digest id) in the transaction that queues the
 * mail, so two instances running the job at once never send the same items twice.
 */
export async function sendDailyDigests(db: Kysely<Database>, now = Date.now()): Promise<{ people: number; items: number }> {
  const cutoff = digestCutoff(now);
  const report = { people: 0, items: 0 };
  if (cutoff === null) return report;
  const waiting = await db
    .selectFrom('notifications')
    .select('user_id')
    .distinct()
    .where('mail', '=', 'digest')
    .where('created_at', '<', cutoff)
    .execute();
  for (const { user_id } of waiting) {
    await db.transaction().execute(async (trx) => {
      const digestId = randomUUID();
      await trx
        .updateTable('notifications')
        .set({ mail: 'digested', digest_id: digestId })
        .where('user_id', '=', user_id)
        .where('mail', '=', 'digest')
        .where('created_at', '<', cutoff)
        .execute();
      const items = await trx
        .selectFrom('notifications')
        .select(['title', 'body', 'link'])
        .where('digest_id', '=', digestId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      if (!items.length) return;
      const user = await trx
        .selectFrom('users')
        .select(['email', 'name', 'email_verified_at'])
        .where('id', '=', user_id)
        .executeTakeFirstOrThrow();
      // An address that stopped being confirmed (or an account deleted meanwhile) gets nothing.
      if (user.email_verified_at === null) return;
      await enqueueMail(
        trx,
        digestMail(mailLanguage(await localeOfUser(trx, user_id)), {
          to: user.email,
          name: user.name,
          items: items.map((i) => ({ title: i.title, body: i.body, url: i.link ? appUrl(i.link) : null })),
          settingsUrl: settingsUrl(),
        }),
        now,
      );
      report.people++;
      report.items += items.length;
    });
  }
  return report;
}
