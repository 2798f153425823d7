import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { dummyHash, HashQueueFull, hashPassword, hashQueueIsFull, verifyPassword } from '../utils/password.server';
import { addMember } from './cohort.server';
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
  | { ok: true; userId: string }
  | { ok: false; reason: 'unavailable' }
  | { ok: false; reason: 'throttled'; retryAfter: number }
  | { ok: false; reason: 'busy'; retryAfter: number };

/**
 * Creates an account (and its membership of a cohort, together or not at all). Every sign-up
 * from an address counts, taken or not, and the password is hashed before the email is
 * looked at, so finding out whether an email has an account costs as much as signing up and is
 * throttled the same way. 'unavailable' means the email already has an account; it is the one
 * thing sign-up cannot hide while an account is just an email (see the README).
 */
export async function attemptSignup(
  db: Kysely<Database>,
  input: { email: string; name: string; password: string; address: string; cohortId?: string },
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
      const id = await createUser(trx, { email, name: input.name, passwordHash });
      if (input.cohortId) await addMember(trx, input.cohortId, id);
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
  return userId ? { ok: true, userId } : { ok: false, reason: 'unavailable' };
}
