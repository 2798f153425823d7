import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export type TokenPurpose = 'reset' | 'verify' | 'email-change' | 'invite';

/** A password reset link works once, for this long (OWASP: short-lived). */
export const RESET_TOKEN_TTL_MS = 30 * 60 * 1000;
/** An email confirmation link works once, for this long. */
export const VERIFY_TOKEN_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** An email-change link (sent to the new address) works once, for this long. */
export const EMAIL_CHANGE_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;
/** A roster invitation (choose your password) works once, for this long. */
export const INVITE_TOKEN_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const TTL: Record<TokenPurpose, number> = {
  reset: RESET_TOKEN_TTL_MS,
  verify: VERIFY_TOKEN_TTL_MS,
  'email-change': EMAIL_CHANGE_TOKEN_TTL_MS,
  invite: INVITE_TOKEN_TTL_MS,
};

/** What an account token looks like in a URL: 32 random bytes, base64url. */
export const ACCOUNT_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Only this is stored: a copy of the database holds no usable link. */
export const hashAccountToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Issues a single-use token for `userId` and returns it (the only time it exists in clear). */
export async function issueToken(
  trx: Kysely<Database>,
  userId: string,
  purpose: TokenPurpose,
  now = Date.now(),
  /** For 'email-change': the address the link confirms. */
  newEmail: string | null = null,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await trx
    .insertInto('account_tokens')
    .values({
      id: hashAccountToken(token),
      user_id: userId,
      purpose,
      created_at: now,
      expires_at: now + TTL[purpose],
      used_at: null,
      new_email: newEmail,
    })
    .execute();
  // Opportunistic clean-up of tokens long past use.
  await trx
    .deleteFrom('account_tokens')
    .where('expires_at', '<', now - VERIFY_TOKEN_TTL_MS)
    .execute();
  return token;
}

/** The user a token is for, if it is unused and unexpired; does not use it. */
export async function peekToken(db: Kysely<Database>, token: string, purpose: TokenPurpose, now = Date.now()) {
  if (!ACCOUNT_TOKEN.test(token)) return null;
  const row = await db
    .selectFrom('account_tokens')
    .select('user_id')
    .where('id', '=', hashAccountToken(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row?.user_id ?? null;
}

/**
 * Uses a token: one conditional UPDATE, so of two requests racing with the same token only one
 * gets the user id. Null for an unknown, used or expired token (the caller says the same for all).
 */
export async function useToken(trx: Kysely<Database>, token: string, purpose: TokenPurpose, now = Date.now()) {
  if (!ACCOUNT_TOKEN.test(token)) return null;
  const id = hashAccountToken(token);
  const r = await trx
    .updateTable('account_tokens')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return null;
  const row = await trx.selectFrom('account_tokens').select('user_id').where('id', '=', id).executeTakeFirstOrThrow();
  return row.user_id;
}

/** Marks every unused token of a purpose for a user as used (after a reset, older links stop working). */
export async function retireTokens(trx: Kysely<Database>, userId: string, purpose: TokenPurpose, now = Date.now()) {
  await trx
    .updateTable('account_tokens')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}

/** The address an email-change token confirms (whether or not it is still usable). */
export async function tokenNewEmail(db: Kysely<Database>, token: string): Promise<string | null> {
  if (!ACCOUNT_TOKEN.test(token)) return null;
  const row = await db
    .selectFrom('account_tokens')
    .select('new_email')
    .where('id', '=', hashAccountToken(token))
    .executeTakeFirst();
  return row?.new_email ?? null;
}
