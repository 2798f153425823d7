import { createHash, randomBytes } from 'node:crypto';
import { createCookie, redirect } from '@remix-run/node';
import type { ExpressionBuilder } from 'kysely';
import type { Database, Role } from '../../db/schema';
import { db } from './db.server';
import { env } from './env.server';

/** Sessions end after this long without a request… */
export const IDLE_TIMEOUT_MS = 3 * 24 * 60 * 60 * 1000;
/** …and in any case this long after logging in. */
export const ABSOLUTE_TIMEOUT_MS = 30 * 24 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, so reading a page rarely writes. */
const TOUCH_EVERY_MS = 60 * 1000;

const cookies = new Map<string, ReturnType<typeof createCookie>>();
/** The app's signed, HttpOnly cookies, made once each (the secret comes from the checked env). */
function signedCookie(name: string, maxAgeSeconds: number, path = '/') {
  let c = cookies.get(name);
  if (!c) {
    const e = env();
    c = createCookie(name, {
      httpOnly: true,
      sameSite: 'lax',
      secure: e.isProduction,
      path,
      secrets: [e.SESSION_SECRET],
      maxAge: maxAgeSeconds,
    });
    cookies.set(name, c);
  }
  return c;
}
const sessionCookie = () => signedCookie('pa_session', ABSOLUTE_TIMEOUT_MS / 1000);

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /**
   * False until the owner follows the confirmation link: can learn, gets only that mail.
   * Always set by getSessionUser; optional so that callers building a SessionUser by hand need not.
   */
  emailVerified?: boolean;
  /** The language the person chose (users.locale); null = not chosen. */
  locale?: string | null;
  /** The language of the newest group they belong to that has one; null = none. */
  groupLocale?: string | null;
}

async function readToken(request: Request): Promise<string | null> {
  return tokenOf(request.headers.get('Cookie'));
}

async function tokenOf(cookie: string | null): Promise<string | null> {
  const value = await sessionCookie().parse(cookie);
  return typeof value === 'string' && value.length > 0 ? value : null;
}

// The root loader and the route's loader both ask for the user of one page, at the same moment,
// each with its own copy of the request (Remix copies it for every loader, so the request object
// cannot key this). Lookups in flight for the same Cookie header share one answer; nothing is
// kept once it settles, so a signed-out session is never served from here.
const inFlight = new Map<string, Promise<SessionUser | null>>();

/** The signed-in user, or null. Expired sessions are deleted when seen. */
export function getSessionUser(request: Request): Promise<SessionUser | null> {
  const cookie = request.headers.get('Cookie');
  if (!cookie) return Promise.resolve(null);
  let found = inFlight.get(cookie);
  if (!found) {
    found = lookupSessionUser(cookie).finally(() => inFlight.delete(cookie));
    inFlight.set(cookie, found);
  }
  return found;
}

/**
 * The one rule for "the language of a person's group", as a column of a query over `users`:
 * their newest group that has a language and is not archived. The session lookup and
 * localeOfUser (app/models/locale.server.ts) both select it.
 */
export const groupLocale = (eb: ExpressionBuilder<Database, 'users'>) =>
  eb
    .selectFrom('cohort_members')
    .innerJoin('cohorts', 'cohorts.id', 'cohort_members.cohort_id')
    .select('cohorts.locale')
    .whereRef('cohort_members.user_id', '=', 'users.id')
    .where('cohorts.locale', 'is not', null)
    .where('cohorts.archived_at', 'is', null)
    .orderBy('cohort_members.joined_at', 'desc')
    .limit(1)
    .as('group_locale');

async function lookupSessionUser(cookie: string): Promise<SessionUser | null> {
  const token = await tokenOf(cookie);
  if (!token) return null;
  const id = hashToken(token);
  const row = await db()
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.id',
      'users.email',
      'users.name',
      'users.role',
      'users.email_verified_at',
      'users.deactivated_at',
      'users.locale',
      groupLocale,
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const now = Date.now();
  // Deactivating deletes the account's sessions; a session that slipped in meanwhile ends here.
  if (row.expires_at <= now || row.last_seen_at + IDLE_TIMEOUT_MS <= now || row.deactivated_at !== null) {
    await db().deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  if (now - row.last_seen_at > TOUCH_EVERY_MS) {
    await db().updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  }
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    emailVerified: row.email_verified_at !== null,
    locale: row.locale,
    groupLocale: row.group_locale ?? null,
  };
}

/** The stored id of this request's session (the hash of its cookie token), or null. */
export async function currentSessionId(request: Request): Promise<string | null> {
  const token = await readToken(request);
  return token ? hashToken(token) : null;
}

/** Starts a fresh session (a new id at every login) and returns its Set-Cookie header. */
export async function createSession(userId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = Date.now();
  await db()
    .insertInto('sessions')
    .values({ id: hashToken(token), user_id: userId, created_at: now, last_seen_at: now, expires_at: now + ABSOLUTE_TIMEOUT_MS })
    .execute();
  // Opportunistic clean-up of long-dead sessions; cheap with the primary key scan it replaces.
  await db()
    .deleteFrom('sessions')
    .where('expires_at', '<', now - ABSOLUTE_TIMEOUT_MS)
    .execute();
  return sessionCookie().serialize(token);
}

/**
 * A Set-Cookie that looks exactly like createSession's but opens no session: sign-up with an
 * email that already has an account answers with it, so the response does not differ.
 */
export async function unboundSessionCookie(): Promise<string> {
  return sessionCookie().serialize(randomBytes(32).toString('base64url'));
}

/** Ends the current session in the database (effective at once on every instance). */
export async function destroySession(request: Request): Promise<string> {
  const token = await readToken(request);
  if (token) await db().deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
  return sessionCookie().serialize('', { maxAge: 0 });
}

/** A browser that has logged in to an account keeps its own login allowance this long. */
export const DEVICE_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;

const deviceCookie = () => signedCookie('pa_device', DEVICE_COOKIE_MAX_AGE_S);

/** A signed device cookie's content: a random device id and the account it logged in to. */
export interface Device {
  id: string;
  userId: string;
}

/**
 * The device cookie of OWASP's "device cookies" pattern: a browser that logged in successfully
 * is limited by its own failures only, so someone who knows an email cannot lock its owner out
 * (docs/decisions/013-login-throttling-and-device-cookies.md). Null when absent or not signed by us.
 */
export async function readDevice(request: Request): Promise<Device | null> {
  const value = await deviceCookie().parse(request.headers.get('Cookie'));
  if (!value || typeof value !== 'object') return null;
  const { id, userId } = value as Record<string, unknown>;
  return typeof id === 'string' && typeof userId === 'string' && id && userId ? { id, userId } : null;
}

/** Set-Cookie for a device cookie bound to `userId` (a new device id whenever the account changes). */
export async function deviceCookieFor(userId: string, current: Device | null): Promise<string> {
  const id = current && current.userId === userId ? current.id : randomBytes(16).toString('base64url');
  return deviceCookie().serialize({ id, userId } satisfies Device);
}

export async function logout(request: Request) {
  return redirect('/', { headers: { 'Set-Cookie': await destroySession(request) } });
}

/**
 * Holds a password reset token between the mailed link and the form: the link's page stores
 * the token here and redirects to /reset-password, so the token is not in the address bar,
 * the history or a Referer header while the person chooses a password (OWASP).
 */
export function resetTokenCookie() {
  return signedCookie('pa_reset', 30 * 60, '/reset-password');
}

/** Holds a roster invitation token between the mailed link and the form, like resetTokenCookie. */
export function inviteTokenCookie() {
  return signedCookie('pa_invite', 60 * 60, '/invite');
}
