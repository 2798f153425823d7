import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Locale } from '../domain/locale';
import { passwordChangedMail, passwordResetMail, trainerResetMail, verifyEmailMail } from '../domain/mail';
import { mailLanguage, translator } from '../i18n/intl.server';
import { issueToken, RESET_TOKEN_TTL_MS, retireTokens, useToken, VERIFY_TOKEN_TTL_MS } from './account-token.server';
import { recordAudit } from './audit.server';
import { localeOfRequester, localeOfUser } from './locale.server';
import { notify } from './notification.server';
import { enqueueMail } from './outbox.server';
import { forgetOldAttempts, type Limit, reserveAttempt } from './throttle.server';

// Password reset and email confirmation (OWASP Forgot Password cheat sheet): links carry a
// single-use random token, mail is queued in the transaction of the event that causes it, and
// an unconfirmed address gets no mail but its confirmation link.

/** Reset requests counted per address over this window… */
export const RESET_WINDOW_MS = 60 * 60 * 1000;
/** …at most this many from one address (a classroom behind one router fits)… */
export const MAX_RESETS_PER_ADDRESS = 30;
/** …and at most this many links mailed to one account, whoever asks (no mailbox flooding). */
export const MAX_RESETS_PER_ACCOUNT = 5;
/** Confirmation links resent to one account per hour. */
export const MAX_VERIFY_RESENDS = 5;

const minutes = RESET_TOKEN_TTL_MS / 60_000;
const days = VERIFY_TOKEN_TTL_MS / (24 * 60 * 60 * 1000);

/** The links a message needs, built from the public address (APP_URL). */
export const links = (base: string) => ({
  reset: (token: string) => `${base}/reset-password/${token}`,
  verify: (token: string) => `${base}/verify-email/${token}`,
  invite: (token: string) => `${base}/invite/${token}`,
  forgot: `${base}/forgot-password`,
  login: `${base}/login`,
});

interface MailUser {
  id: string;
  email: string;
  name: string;
  email_verified_at: number | null;
}

/** Queues a confirmation link for `user` in `trx`, in `locale` (default: the account's language). */
export async function queueVerification(trx: Kysely<Database>, user: MailUser, base: string, now = Date.now(), locale?: Locale) {
  const token = await issueToken(trx, user.id, 'verify', now);
  const lang = mailLanguage(locale ?? (await localeOfUser(trx, user.id)));
  await enqueueMail(trx, verifyEmailMail(lang, { to: user.email, name: user.name, url: links(base).verify(token), days }), now);
}

/**
 * A reset link for a confirmed address; for an unconfirmed one, its confirmation link instead.
 * In `locale`: the person's own language when they asked, the account's when a trainer did.
 */
async function queueReset(
  trx: Kysely<Database>,
  user: MailUser,
  base: string,
  trainerName: string | null,
  now: number,
  locale: Locale,
) {
  if (user.email_verified_at === null) return queueVerification(trx, user, base, now, locale);
  const token = await issueToken(trx, user.id, 'reset', now);
  const url = links(base).reset(token);
  const lang = mailLanguage(locale);
  const message = trainerName
    ? trainerResetMail(lang, { to: user.email, name: user.name, trainerName, url, minutes })
    : passwordResetMail(lang, { to: user.email, name: user.name, url, minutes });
  await enqueueMail(trx, message, now);
}

const accountLimit = (email: string): Limit => ({
  key: `reset:${email.toLowerCase()}`,
  max: MAX_RESETS_PER_ACCOUNT,
  windowMs: RESET_WINDOW_MS,
});

export type ResetRequestResult = { ok: true } | { ok: false; reason: 'throttled'; retryAfter: number };

/**
 * "Forgot password": mails a reset link if `email` has an account. The answer is the same
 * whether or not it does; only the per-address limit is ever told (it does not depend on the
 * email). The per-account limit counts by the email typed, account or not, and once reached
 * quietly sends nothing more, so the same work is done and the same answer given either way.
 */
export async function requestPasswordReset(
  db: Kysely<Database>,
  input: { email: string; address: string; base: string /** The language of the page the person asked on. */; locale?: Locale },
  now = Date.now(),
): Promise<ResetRequestResult> {
  const email = input.email.toLowerCase();
  const perAddress = await reserveAttempt(
    db,
    [{ key: `reset-ip:${input.address}`, max: MAX_RESETS_PER_ADDRESS, windowMs: RESET_WINDOW_MS }],
    now,
  );
  if (!perAddress.ok) return { ok: false, reason: 'throttled', retryAfter: RESET_WINDOW_MS / 1000 };
  const perAccount = await reserveAttempt(db, [accountLimit(email)], now);
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select(['id', 'email', 'name', 'email_verified_at'])
      .where('email', '=', email)
      .executeTakeFirst();
    if (user && perAccount.ok) {
      const locale = await localeOfRequester(trx, user.id, input.locale ?? 'en');
      await queueReset(trx, user, input.base, null, now, locale);
    }
  });
  await forgetOldAttempts(db, now);
  return { ok: true };
}

/**
 * A trainer sends a trainee of their group a reset link (they never see or set the password).
 * Shares the per-account limit with "forgot password". The caller checks the trainer's scope.
 */
export async function sendResetForTrainer(
  db: Kysely<Database>,
  input: { traineeId: string; trainerName: string; base: string; actorId?: string },
  now = Date.now(),
): Promise<'reset' | 'verification' | 'throttled' | 'missing'> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'email_verified_at'])
    .where('id', '=', input.traineeId)
    .executeTakeFirst();
  if (!user) return 'missing';
  const reservation = await reserveAttempt(db, [accountLimit(user.email)], now);
  if (!reservation.ok) return 'throttled';
  await db.transaction().execute(async (trx) => {
    await queueReset(trx, user, input.base, input.trainerName, now, await localeOfUser(trx, user.id));
    await recordAudit(
      trx,
      {
        actorId: input.actorId ?? null,
        action: 'reset-sent',
        targetUserId: user.id,
        detail: { link: user.email_verified_at === null ? 'confirmation' : 'reset' },
      },
      now,
    );
  });
  return user.email_verified_at === null ? 'verification' : 'reset';
}

/**
 * Sets a new password with a reset token: uses the token, stores the hash, retires every other
 * reset link, ends every session of the account and queues the "password changed" notice,
 * all in one transaction. Null when the token is unknown, used or expired.
 */
export async function resetPassword(
  db: Kysely<Database>,
  input: { token: string; passwordHash: string; base: string },
  now = Date.now(),
): Promise<{ userId: string } | null> {
  return db.transaction().execute(async (trx) => {
    const userId = await useToken(trx, input.token, 'reset', now);
    if (!userId) return null;
    const user = await trx.selectFrom('users').select(['id', 'email', 'name']).where('id', '=', userId).executeTakeFirstOrThrow();
    await trx.updateTable('users').set({ password_hash: input.passwordHash }).where('id', '=', userId).execute();
    await retireTokens(trx, userId, 'reset', now);
    // Whoever was signed in (perhaps the person who took the account over) is signed out.
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    const locale = await localeOfUser(trx, userId);
    const t = translator(locale);
    await enqueueMail(
      trx,
      passwordChangedMail(mailLanguage(locale), { to: user.email, name: user.name, resetUrl: links(input.base).forgot }),
      now,
    );
    await notify(
      trx,
      {
        userId,
        kind: 'account',
        title: t('account.notice.passwordReset.title'),
        body: t('account.notice.passwordReset.body'),
        link: '/account',
      },
      now,
    );
    return { userId };
  });
}

/** Confirms an address with its link; false when the link is unknown, used or expired. */
export async function confirmEmail(db: Kysely<Database>, token: string, now = Date.now()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const userId = await useToken(trx, token, 'verify', now);
    if (!userId) return false;
    await trx
      .updateTable('users')
      .set({ email_verified_at: now })
      .where('id', '=', userId)
      .where('email_verified_at', 'is', null)
      .execute();
    await retireTokens(trx, userId, 'verify', now);
    return true;
  });
}

/** Sends the confirmation link again to a signed-in, unconfirmed user; false when throttled. */
export async function resendVerification(
  db: Kysely<Database>,
  input: { userId: string; base: string },
  now = Date.now(),
): Promise<'sent' | 'throttled' | 'confirmed'> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'email_verified_at'])
    .where('id', '=', input.userId)
    .executeTakeFirstOrThrow();
  if (user.email_verified_at !== null) return 'confirmed';
  const r = await reserveAttempt(db, [{ key: `verify:${user.id}`, max: MAX_VERIFY_RESENDS, windowMs: RESET_WINDOW_MS }], now);
  if (!r.ok) return 'throttled';
  await db.transaction().execute((trx) => queueVerification(trx, user, input.base, now));
  return 'sent';
}
