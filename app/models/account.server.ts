import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { emailChangedMail, emailChangeMail, emailChangeNoticeMail, passwordChangedMail } from '../domain/mail';
import { mailLanguage } from '../i18n/intl.server';
import { verifyPassword } from '../infra/password.server';
import { links } from './account-mail.server';
import { EMAIL_CHANGE_TOKEN_TTL_MS, issueToken, peekToken, retireTokens, tokenNewEmail, useToken } from './account-token.server';
import { recordAudit } from './audit.server';
import { localeOfUser } from './locale.server';
import { notify } from './notification.server';
import { enqueueMail } from './outbox.server';
import { releaseAttempt, reserveAttempt } from './throttle.server';

// A person's own account (docs/decisions/025-notifications-and-profile.md): names, email,
// password, sessions, and deleting the account. Every change that matters for security asks for
// the current password, and is told to the person by mail and in the app.

/** Wrong passwords on the account page (email, password, deletion) per account per hour. */
export const MAX_REAUTH_PER_HOUR = 10;
/** Email-change links sent per account per hour. */
export const MAX_EMAIL_CHANGES_PER_HOUR = 5;
const HOUR = 60 * 60 * 1000;

/** The address a deleted account is left with: unique, unroutable, and no one can type it to sign in. */
export const deletedEmail = (userId: string) => `deleted-${userId}@deleted.invalid`;
export const DELETED_NAME = 'Deleted account';

export function getProfile(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'role', 'legal_name', 'legal_name_confirmed_at', 'email_verified_at'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

export async function changeName(db: Kysely<Database>, userId: string, name: string) {
  await db.updateTable('users').set({ name }).where('id', '=', userId).execute();
}

/**
 * Sets the legal name (the certificate's). A changed name must be confirmed again before a
 * certificate is issued, so the confirmation time is cleared. Only the person or an admin calls this.
 */
export async function setLegalName(db: Kysely<Database>, userId: string, legalName: string | null) {
  await db
    .updateTable('users')
    .set({ legal_name: legalName, legal_name_confirmed_at: null })
    .where('id', '=', userId)
    .where((eb) =>
      legalName === null
        ? eb('legal_name', 'is not', null)
        : eb.or([eb('legal_name', 'is', null), eb('legal_name', '!=', legalName)]),
    )
    .execute();
}

export type Reauth = 'ok' | 'wrong' | 'throttled';

/** Checks the current password before a sensitive change; limited per account so it is no guessing oracle. */
export async function checkPassword(db: Kysely<Database>, userId: string, password: string, now = Date.now()): Promise<Reauth> {
  const r = await reserveAttempt(db, [{ key: `reauth:${userId}`, max: MAX_REAUTH_PER_HOUR, windowMs: HOUR }], now);
  if (!r.ok) return 'throttled';
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(password, row.password_hash))) return 'wrong';
  // Only wrong passwords count against the limit.
  await releaseAttempt(db, r.ids);
  return 'ok';
}

/**
 * Starts an email change: a single-use link to the new address (the change happens only when
 * it is followed), a notice to the old one, and an in-app notice, in one transaction. When the
 * new address already belongs to another account, nothing is sent to it and the answer is the
 * same, so the form does not tell who has an account.
 */
export async function requestEmailChange(
  db: Kysely<Database>,
  input: { userId: string; newEmail: string; base: string },
  now = Date.now(),
): Promise<'sent' | 'throttled'> {
  const r = await reserveAttempt(
    db,
    [{ key: `email-change:${input.userId}`, max: MAX_EMAIL_CHANGES_PER_HOUR, windowMs: HOUR }],
    now,
  );
  if (!r.ok) return 'throttled';
  const newEmail = input.newEmail.toLowerCase();
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select(['id', 'email', 'name', 'email_verified_at'])
      .where('id', '=', input.userId)
      .executeTakeFirstOrThrow();
    // Only the newest link works.
    await retireTokens(trx, user.id, 'email-change', now);
    const locale = await localeOfUser(trx, user.id);
    const lang = mailLanguage(locale);
    const taken = await trx.selectFrom('users').select('id').where('email', '=', newEmail).executeTakeFirst();
    if (!taken) {
      const token = await issueToken(trx, user.id, 'email-change', now, newEmail);
      const hours = EMAIL_CHANGE_TOKEN_TTL_MS / HOUR;
      await enqueueMail(
        trx,
        emailChangeMail(lang, { to: newEmail, name: user.name, url: `${input.base}/account/email/${token}`, hours }),
        now,
      );
    }
    if (user.email_verified_at !== null) {
      await enqueueMail(
        trx,
        emailChangeNoticeMail(lang, { to: user.email, name: user.name, newEmail, resetUrl: links(input.base).forgot }),
        now,
      );
    }
    await notify(
      trx,
      {
        userId: user.id,
        kind: 'account',
        title: lang.t('account.notice.emailRequested.title'),
        body: lang.t('account.notice.emailRequested.body', { newEmail }),
        link: '/account',
      },
      now,
    );
  });
  return 'sent';
}

/** What an email-change link would do, without using it (the confirm page shows the address). */
export async function peekEmailChange(db: Kysely<Database>, token: string, now = Date.now()) {
  const userId = await peekToken(db, token, 'email-change', now);
  const newEmail = userId ? await tokenNewEmail(db, token) : null;
  return newEmail ? { newEmail } : null;
}

/**
 * Follows an email-change link: uses the token, moves the account to the new address (now
 * confirmed, since its owner followed the link), retires reset links that went to the old
 * address, and tells the old address. 'invalid' for an unknown, used or expired link; 'taken'
 * when another account got the address meanwhile.
 */
export async function confirmEmailChange(
  db: Kysely<Database>,
  input: { token: string; base: string },
  now = Date.now(),
): Promise<{ ok: true; email: string } | { ok: false; reason: 'invalid' | 'taken' }> {
  try {
    return await db.transaction().execute(async (trx) => {
      const newEmail = await tokenNewEmail(trx, input.token);
      const userId = await useToken(trx, input.token, 'email-change', now);
      if (!userId || !newEmail) return { ok: false, reason: 'invalid' } as const;
      const taken = await trx.selectFrom('users').select('id').where('email', '=', newEmail).executeTakeFirst();
      if (taken) throw new EmailTaken();
      const user = await trx
        .selectFrom('users')
        .select(['email', 'name', 'email_verified_at'])
        .where('id', '=', userId)
        .executeTakeFirstOrThrow();
      await trx.updateTable('users').set({ email: newEmail, email_verified_at: now }).where('id', '=', userId).execute();
      await retireTokens(trx, userId, 'reset', now);
      await retireTokens(trx, userId, 'verify', now);
      const lang = mailLanguage(await localeOfUser(trx, userId));
      if (user.email_verified_at !== null) {
        await enqueueMail(
          trx,
          emailChangedMail(lang, { to: user.email, name: user.name, newEmail, resetUrl: links(input.base).forgot }),
          now,
        );
      }
      await notify(
        trx,
        {
          userId,
          kind: 'account',
          title: lang.t('account.notice.emailChanged.title'),
          body: lang.t('account.notice.emailChanged.body', { newEmail }),
          link: '/account',
        },
        now,
      );
      return { ok: true, email: newEmail } as const;
    });
  } catch (e) {
    // Another account has the address (checked above, or the unique index caught a race):
    // the transaction rolled back, so the link still works if that account lets the address go.
    if (e instanceof EmailTaken || /unique|duplicate/i.test(String(e))) return { ok: false, reason: 'taken' };
    throw e;
  }
}

class EmailTaken extends Error {}

/**
 * Sets a new password (the caller checked the current one): ends every other session, retires
 * reset links, queues the "password changed" mail and an in-app notice, in one transaction.
 */
export async function changePassword(
  db: Kysely<Database>,
  input: { userId: string; passwordHash: string; keepSessionId: string | null; base: string },
  now = Date.now(),
) {
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select(['email', 'name', 'email_verified_at'])
      .where('id', '=', input.userId)
      .executeTakeFirstOrThrow();
    await trx.updateTable('users').set({ password_hash: input.passwordHash }).where('id', '=', input.userId).execute();
    let others = trx.deleteFrom('sessions').where('user_id', '=', input.userId);
    if (input.keepSessionId) others = others.where('id', '!=', input.keepSessionId);
    await others.execute();
    await retireTokens(trx, input.userId, 'reset', now);
    const lang = mailLanguage(await localeOfUser(trx, input.userId));
    if (user.email_verified_at !== null) {
      await enqueueMail(
        trx,
        passwordChangedMail(lang, { to: user.email, name: user.name, resetUrl: links(input.base).forgot }),
        now,
      );
    }
    await notify(
      trx,
      {
        userId: input.userId,
        kind: 'account',
        title: lang.t('account.notice.passwordChanged.title'),
        body: lang.t('account.notice.passwordChanged.body'),
        link: '/account',
      },
      now,
    );
  });
}

/** A session as its owner sees it: a handle derived from the stored id (never the id itself). */
const handleOf = (sessionId: string) => createHash('sha256').update(`session-handle:${sessionId}`).digest('hex').slice(0, 32);

/** The person's sessions, newest first, marking the one this request uses. */
export async function listSessions(db: Kysely<Database>, userId: string, currentId: string | null, now = Date.now()) {
  const rows = await db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .execute();
  return rows.map((r) => ({
    handle: handleOf(r.id),
    created_at: r.created_at,
    last_seen_at: r.last_seen_at,
    current: r.id === currentId,
  }));
}

/** Ends one of the person's own sessions by its handle; false when no session of theirs has it. */
export async function endSession(db: Kysely<Database>, userId: string, handle: string): Promise<boolean> {
  const rows = await db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute();
  const target = rows.find((r) => handleOf(r.id) === handle);
  if (!target) return false;
  await db.deleteFrom('sessions').where('id', '=', target.id).where('user_id', '=', userId).execute();
  return true;
}

/** "Log out everywhere else": ends every session of the person but this one. */
export async function endOtherSessions(db: Kysely<Database>, userId: string, keepSessionId: string | null) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSessionId) q = q.where('id', '!=', keepSessionId);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * Deletes an account as far as the program's records allow. Kept: issued certificates, exam
 * attempts and grades, quiz attempts, progress and time on task, and group membership (the
 * program must be able to show who completed what), tied to an account that no longer names
 * anyone. Removed: name, email and legal name (replaced), the password (no one can sign in),
 * every session, link, notification, preference and private reflection, and mail still waiting
 * for the old address. 'last-admin' when it would leave no admin.
 */
export async function deleteAccount(db: Kysely<Database>, userId: string): Promise<'deleted' | 'last-admin'> {
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select(['email', 'role']).where('id', '=', userId).executeTakeFirstOrThrow();
    if (user.role === 'admin') {
      const admins = await trx
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', 'admin')
        .executeTakeFirstOrThrow();
      if (Number(admins.n) <= 1) return 'last-admin';
    }
    await trx
      .updateTable('users')
      .set({
        name: DELETED_NAME,
        email: deletedEmail(userId),
        legal_name: null,
        legal_name_confirmed_at: null,
        // Not a hash verifyPassword accepts: no password ever matches.
        password_hash: '!deleted',
        email_verified_at: null,
        role: 'trainee',
      })
      .where('id', '=', userId)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await trx.deleteFrom('account_tokens').where('user_id', '=', userId).execute();
    await trx.deleteFrom('notifications').where('user_id', '=', userId).execute();
    await trx.deleteFrom('notification_preferences').where('user_id', '=', userId).execute();
    await trx.deleteFrom('announcement_dismissals').where('user_id', '=', userId).execute();
    await trx.deleteFrom('reflections').where('user_id', '=', userId).execute();
    await trx.deleteFrom('outbox').where('to_address', '=', user.email).where('status', '=', 'pending').execute();
    await recordAudit(trx, { actorId: userId, action: 'account-deleted', targetUserId: userId, detail: { by: 'self' } });
    return 'deleted';
  });
}
