import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** At most `max` counted attempts on `key` within the last `windowMs`. */
export interface Limit {
  key: string;
  max: number;
  windowMs: number;
}

/** Old attempts and lock rows are deleted once they are older than this. */
const KEEP_MS = 24 * 60 * 60 * 1000;

/** The first limit already reached, if any. */
async function overLimit(db: Kysely<Database>, limits: Limit[], now: number): Promise<Limit | undefined> {
  for (const limit of limits) {
    const row = await db
      .selectFrom('login_failures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('key', '=', limit.key)
      .where('at', '>', now - limit.windowMs)
      .executeTakeFirstOrThrow();
    if (Number(row.n) >= limit.max) return limit;
  }
  return undefined;
}

class Refused extends Error {
  constructor(readonly limit: Limit) {
    super('refused');
  }
}

export type Reservation = { ok: true; ids: string[] } | { ok: false; refused: Limit };

/**
 * Reserves one attempt under every limit, or none if any limit is reached. Call it BEFORE the
 * expensive work (hashing), so a burst of concurrent attempts can never exceed a limit: each
 * key's lock row is written first, in key order, which serialises attempts on that key on
 * both engines (SQLite: the write lock, across processes; PostgreSQL: a row lock, across
 * instances), and the count read after it sees every attempt that reserved before.
 * Returns the reserved row ids (for release), or the limit that refused.
 */
export async function reserveAttempt(db: Kysely<Database>, limits: Limit[], now = Date.now()): Promise<Reservation> {
  // A plain read first: once a key is over its limit, refusing costs no write, so a flood of
  // refused attempts does not queue behind the database's write lock.
  const over = await overLimit(db, limits, now);
  if (over) return { ok: false, refused: over };
  const keys = [...new Set(limits.map((l) => l.key))].sort();
  try {
    const ids = await db.transaction().execute(async (trx) => {
      for (const key of keys) {
        await trx
          .insertInto('throttle_locks')
          .values({ key, touched_at: now })
          .onConflict((oc) => oc.column('key').doUpdateSet({ touched_at: now }))
          .execute();
      }
      const reached = await overLimit(trx, limits, now);
      if (reached) throw new Refused(reached);
      // One row per key: a key may carry two limits (a short burst window and a long one).
      const rows = keys.map((key) => ({ id: randomUUID(), key, at: now }));
      await trx.insertInto('login_failures').values(rows).execute();
      return rows.map((r) => r.id);
    });
    return { ok: true, ids };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, refused: e.limit };
    throw e;
  }
}

/** Gives back reserved attempts that turned out not to count (a right password, a busy server). */
export async function releaseAttempt(db: Kysely<Database>, ids: string[]): Promise<void> {
  if (ids.length) await db.deleteFrom('login_failures').where('id', 'in', ids).execute();
}

/** Deletes attempts and lock rows older than any window. Cheap with the indexes on `at`. */
export async function forgetOldAttempts(db: Kysely<Database>, now = Date.now()): Promise<void> {
  await db
    .deleteFrom('login_failures')
    .where('at', '<', now - KEEP_MS)
    .execute();
  await db
    .deleteFrom('throttle_locks')
    .where('touched_at', '<', now - KEEP_MS)
    .execute();
}
