import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Locale } from '../domain/locale';
import { signupExistingMail } from '../domain/mail';
import { mailLanguage } from '../i18n/intl.server';
import { dummyHash, HashQueueFull, hashPassword, hashQueueIsFull, verifyPassword } from '../infra/password.server';
import { links, queueVerification } from './account-mail.server';
import { joinCohort } from './cohort.server';
import { localeOfUser } from './locale.server';
import { enqueueMail } from './outbox.server';
import { forgetOldAttempts, type Limit, releaseAttempt, reserveAttempt } from './throttle.server';
import { createUser, findUserByEmail } from './user.server';

/** Failures counted over this window… */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** …per account, from browsers that have not logged in to it before (all addresses together)… */
export const MAX_FAILURES_PER_ACCOUNT = 10;
/** …per browser that has logged in to the account (its device cookie), instead of the above… */
export const MAX_FAILURES_PER_DEVICE = 10;
/**
 * …and per address, across all accounts: only a ceiling against one client trying many
 * accounts. Far above the per-account limit, so a classroom behind one router is limited
 * account by account, not as a whole.
 */
export const MAX_FAILURES_PER_ADDRESS = 200;
/**
 * …and at most this many of them in any one minute: a flood from one address gets a handful
 * of passwords checked (each ~0.4 s of a core) and is then refused from a plain read.
 */
export const MAX_FAILURES_PER_ADDRESS_PER_MINUTE = 20;
/** How long to tell a client to wait when the hashing queue is full. */
export const BUSY_RETRY_AFTER_S = 2;

export type LoginResult =
  | { ok: true; userId: string }
  | { ok: false; reason: 'invalid' }
  /** The right password for a deactivated account (told only to someone who knows the password). */
  | { ok: false; reason: 'deactivated' }
  | { ok: false; reason: 'throttled'; retryAfter: number }
  | { ok: false; reason: 'busy'; retryAfter: number };

/**
 * Checks an email and password. Throttling lives in the database so it holds across processes
 * and instances, and the attempt is reserved before the password is hashed, so concurrent
 * attempts can never exceed a limit. A browser presenting a device cookie for this account
 * is limited by its own failures only; other clients by the account's and the address's.
 * The same answer ('invalid') is given for an unknown email and a wrong password, and an
 * unknown email still costs one hash so timing does not tell them apart.
 */
export async function attemptLogin(
  db: Kysely<Database>,
  input: { email: string; password: string; address: string; device?: { id: string; userId: string } | null },
  now = Date.now(),
): Promise<LoginResult> {
  const email = input.email.toLowerCase();
  if (hashQueueIsFull()) return { ok: false, reason: 'busy', retryAfter: BUSY_RETRY_AFTER_S };
  const user = await findUserByEmail(db, email);
  const trusted = Boolean(user && input.device && input.device.userId === user.id);
  const limits: Limit[] = trusted
    ? [{ key: `device:${input.device?.id}`, max: MAX_FAILURES_PER_DEVICE, windowMs: THROTTLE_WINDOW_MS }]
    : [
        { key: `email:${email}`, max: MAX_FAILURES_PER_ACCOUNT, windowMs: THROTTLE_WINDOW_MS },
        { key: `ip:${input.address}`, max: MAX_FAILURES_PER_ADDRESS, windowMs: THROTTLE_WINDOW_MS },
        { key: `ip:${input.address}`, max: MAX_FAILURES_PER_ADDRESS_PER_MINUTE, windowMs: 60 * 1000 },
      ];
  const reservation = await reserveAttempt(db, limits, now);
  if (!reservation.ok) return { ok: false, reason: 'throttled', retryAfter: reservation.refused.windowMs / 1000 };
  const reserved = reservation.ids;
  let valid: boolean;
  try {
    valid = await verifyPassword(input.password, user?.password_hash ?? (await dummyHash()));
  } catch (e) {
    // Not hashed, so not an attempt: give the reservation back.
    await releaseAttempt(db, reserved);
    if (e instanceof HashQueueFull) return { ok: false, reason: 'busy', retryAfter: BUSY_RETRY_AFTER_S };
    throw e;
  }
  if (user && valid) {
    if (user.deactivated_at !== null) {
      await releaseAttempt(db, reserved);
      return { ok: false, reason: 'deactivated' };
    }
    // A right password is not a failure. Failures from other clients still count until they
    // age out, so logging in does not hand an attacker a fresh allowance.
    await releaseAttempt(db, reserved);
    return { ok: true, userId: user.id };
  }
  await forgetOldAttempts(db, now);
  return { ok: false, reason: 'invalid' };
}

/** Sign-ups counted per address over this window… */
export const SIGNUP_WINDOW_MS = 60 * 60 * 1000;
/** …at most this many: a whole class signing up together from one router fits. */
export const MAX_SIGNUPS_PER_ADDRESS = 50;

export type SignupResult =
  /** userId null: the email already had an account; its owner was mailed instead. */
  | { ok: true; userId: string | null }
  | { ok: false; reason: 'throttled'; retryAfter: number }
  | { ok: false; reason: 'busy'; retryAfter: number };

/** "Someone tried to sign up with your email" notices mailed to one account per hour, at most. */
export const MAX_SIGNUP_NOTICES_PER_ACCOUNT = 3;

/**
 * Creates an account (unconfirmed, with its confirmation link queued, and its membership of a
 * cohort: together or not at all). Every sign-up from an address counts, and the password is
 * hashed before the email is looked at. An email that already has an account gets the same
 * answer as a new one (userId null tells the caller to answer alike) and its owner is mailed
 * instead: "someone tried to make an account with your email" (or, for an unconfirmed address,
 * its confirmation link again), so sign-up does not tell anyone which emails have accounts.
 */
export async function attemptSignup(
  db: Kysely<Database>,
  input: {
    email: string;
    name: string;
    password: string;
    address: string;
    cohortId?: string;
    /** The code's group asks the trainer to approve joiners: the new account waits for approval. */
    cohortRequiresApproval?: boolean;
    base: string;
    /** The language the person chose while signed out (cookie or ?lang=): kept on the new account. */
    locale?: Locale | null;
  },
  now = Date.now(),
): Promise<SignupResult> {
  if (hashQueueIsFull()) return { ok: false, reason: 'busy', retryAfter: BUSY_RETRY_AFTER_S };
  const reservation = await reserveAttempt(
    db,
    [{ key: `signup:${input.address}`, max: MAX_SIGNUPS_PER_ADDRESS, windowMs: SIGNUP_WINDOW_MS }],
    now,
  );
  if (!reservation.ok) return { ok: false, reason: 'throttled', retryAfter: SIGNUP_WINDOW_MS / 1000 };
  const reserved = reservation.ids;
  let passwordHash: string;
  try {
    passwordHash = await hashPassword(input.password);
  } catch (e) {
    await releaseAttempt(db, reserved);
    if (e instanceof HashQueueFull) return { ok: false, reason: 'busy', retryAfter: BUSY_RETRY_AFTER_S };
    throw e;
  }
  const email = input.email.toLowerCase();
  const created = async () =>
    db.transaction().execute(async (trx) => {
      if (await findUserByEmail(trx, email)) return null;
      const id = await createUser(trx, { email, name: input.name, passwordHash, emailVerified: false, locale: input.locale });
      if (input.cohortId) {
        await joinCohort(trx, { id: input.cohortId, requiresApproval: input.cohortRequiresApproval ?? false }, id, now);
      }
      await queueVerification(trx, { id, email, name: input.name, email_verified_at: null }, input.base, now);
      return id;
    });
  let userId: string | null;
  try {
    userId = await created();
  } catch (e) {
    // Two sign-ups for one email at once: the unique index refuses the second.
    if (await findUserByEmail(db, email)) userId = null;
    else throw e;
  }
  if (!userId) await noticeToOwner(db, email, input.base, now);
  return { ok: true, userId };
}

/** Mails the owner of `email` that someone tried to sign up with it (a few per hour at most). */
async function noticeToOwner(db: Kysely<Database>, email: string, base: string, now: number) {
  const allowed = await reserveAttempt(
    db,
    [{ key: `signup-notice:${email}`, max: MAX_SIGNUP_NOTICES_PER_ACCOUNT, windowMs: SIGNUP_WINDOW_MS }],
    now,
  );
  if (!allowed.ok) return;
  await db.transaction().execute(async (trx) => {
    const owner = await trx
      .selectFrom('users')
      .select(['id', 'email', 'name', 'email_verified_at'])
      .where('email', '=', email)
      .executeTakeFirst();
    if (!owner) return;
    // An unconfirmed address gets no mail but its confirmation link.
    if (owner.email_verified_at === null) return queueVerification(trx, owner, base, now);
    const l = links(base);
    await enqueueMail(
      trx,
      signupExistingMail(mailLanguage(await localeOfUser(trx, owner.id)), {
        to: owner.email,
        name: owner.name,
        loginUrl: l.login,
        resetUrl: l.forgot,
      }),
      now,
    );
  });
}
