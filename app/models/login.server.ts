import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { dummyHash, verifyPassword } from '../utils/password.server';
import { findUserByEmail } from './user.server';

/** Failures counted over this window… */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** …per account… */
export const MAX_FAILURES_PER_ACCOUNT = 10;
/** …and per address. Higher, because a classroom shares one address. */
export const MAX_FAILURES_PER_ADDRESS = 50;

export type LoginResult = { ok: true; userId: string } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'throttled' };

async function recentFailures(db: Kysely<Database>, key: string, since: number): Promise<number> {
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('key', '=', key)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Checks an email and password. Throttling lives in the database so it holds across
 * instances. The same answer ('invalid') is given for an unknown email and a wrong password,
 * and an unknown email still costs one hash so timing does not tell them apart.
 */
export async function attemptLogin(
  db: Kysely<Database>,
  input: { email: string; password: string; address: string },
  now = Date.now(),
): Promise<LoginResult> {
  const email = input.email.toLowerCase();
  const since = now - THROTTLE_WINDOW_MS;
  const [perAccount, perAddress] = await Promise.all([
    recentFailures(db, `email:${email}`, since),
    recentFailures(db, `ip:${input.address}`, since),
  ]);
  if (perAccount >= MAX_FAILURES_PER_ACCOUNT || perAddress >= MAX_FAILURES_PER_ADDRESS) {
    return { ok: false, reason: 'throttled' };
  }
  const user = await findUserByEmail(db, email);
  const valid = await verifyPassword(input.password, user?.password_hash ?? (await dummyHash()));
  if (user && valid) {
    await db.deleteFrom('login_failures').where('key', '=', `email:${email}`).execute();
    return { ok: true, userId: user.id };
  }
  await db
    .insertInto('login_failures')
    .values([
      { id: randomUUID(), key: `email:${email}`, at: now },
      { id: randomUUID(), key: `ip:${input.address}`, at: now },
    ])
    .execute();
  await db.deleteFrom('login_failures').where('at', '<', since).execute();
  return { ok: false, reason: 'invalid' };
}
