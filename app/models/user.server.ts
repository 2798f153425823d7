import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database, Role } from '../../db/schema';
import type { Locale } from '../domain/locale';
import { hashPassword } from '../infra/password.server';
import { recordAudit } from './audit.server';

export const ROLES: Role[] = ['trainee', 'trainer', 'author', 'admin'];

export function findUserByEmail(db: Kysely<Database>, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export function findUserById(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'time_multiplier', 'no_time_limit', 'created_at', 'locale'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function createUser(
  db: Kysely<Database>,
  input: {
    email: string;
    name: string;
    password?: string;
    passwordHash?: string;
    role?: Role;
    /** Self sign-up passes false (the address is confirmed by link); seeded and admin-made accounts are vouched for. */
    emailVerified?: boolean;
    /** The person's chosen language, when they chose one before the account existed. */
    locale?: Locale | null;
  },
) {
  const id = randomUUID();
  const now = Date.now();
  const password_hash = input.passwordHash ?? (await hashPassword(input.password ?? ''));
  await db
    .insertInto('users')
    .values({
      id,
      email: input.email.toLowerCase(),
      name: input.name,
      password_hash,
      role: input.role ?? 'trainee',
      created_at: now,
      email_verified_at: input.emailVerified === false ? null : now,
      ...(input.locale ? { locale: input.locale } : {}),
    })
    .execute();
  return id;
}

export function listUsers(db: Kysely<Database>) {
  return db.selectFrom('users').select(['id', 'email', 'name', 'role']).orderBy('email').execute();
}

/**
 * Changes a role and records it in the audit log (one transaction); the user's open sessions see
 * it on their next request (roles are read per request). False when there is no such user.
 */
export async function setRole(db: Kysely<Database>, userId: string, role: Role, actorId: string | null = null) {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('users').select('role').where('id', '=', userId).executeTakeFirst();
    if (!before) return false;
    if (before.role === role) return true;
    await trx.updateTable('users').set({ role }).where('id', '=', userId).execute();
    await recordAudit(trx, { actorId, action: 'role-changed', targetUserId: userId, detail: { from: before.role, to: role } });
    return true;
  });
}

/** Users per page of the admin's search. */
export const USERS_PAGE_SIZE = 50;

/** `text` as a LIKE pattern matching it anywhere, with the pattern characters \ % _ escaped. */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Users whose name or email contains `q` (any case; % and _ match themselves), by email, one
 * page at a time, with the total. The same query on SQLite and PostgreSQL: lower() on both
 * sides and an explicit ESCAPE character.
 */
export async function searchUsers(db: Kysely<Database>, input: { q: string; page: number; pageSize?: number }) {
  const size = input.pageSize ?? USERS_PAGE_SIZE;
  const q = input.q.trim();
  let base = db.selectFrom('users');
  if (q) {
    const pattern = containsPattern(q);
    base = base.where((eb) =>
      eb.or([
        eb(sql`lower(${eb.ref('users.name')})`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(${eb.ref('users.email')})`, 'like', sql`${pattern} escape '\\'`),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    base
      .select(['id', 'email', 'name', 'role', 'deactivated_at'])
      .orderBy('email')
      .limit(size)
      .offset((Math.max(1, input.page) - 1) * size)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const total = Number(count.n);
  return { rows, total, pages: Math.max(1, Math.ceil(total / size)) };
}

/** One user for the admin: account, groups joined, groups taught, pending join requests. */
export async function userOverview(db: Kysely<Database>, userId: string) {
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'created_at', 'email_verified_at', 'deactivated_at'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) return null;
  const [member, teaches, pending] = await Promise.all([
    db
      .selectFrom('cohort_members as m')
      .innerJoin('cohorts as c', 'c.id', 'm.cohort_id')
      .select(['c.id', 'c.name', 'c.archived_at', 'm.joined_at'])
      .where('m.user_id', '=', userId)
      .orderBy('c.name')
      .execute(),
    db
      .selectFrom('cohort_trainers as t')
      .innerJoin('cohorts as c', 'c.id', 't.cohort_id')
      .select(['c.id', 'c.name', 'c.archived_at', 't.role'])
      .where('t.user_id', '=', userId)
      .orderBy('c.name')
      .execute(),
    db
      .selectFrom('cohort_join_requests as r')
      .innerJoin('cohorts as c', 'c.id', 'r.cohort_id')
      .select(['c.id', 'c.name'])
      .where('r.user_id', '=', userId)
      .execute(),
  ]);
  return { user, member, teaches, pending };
}

/**
 * Deactivates an account: every session ends at once (its rows are deleted), login is refused,
 * and the audit log says who did it; one transaction. False when already deactivated or missing.
 */
export async function deactivateUser(db: Kysely<Database>, input: { actorId: string; userId: string }, now = Date.now()) {
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('users')
      .set({ deactivated_at: now })
      .where('id', '=', input.userId)
      .where('deactivated_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await trx.deleteFrom('sessions').where('user_id', '=', input.userId).execute();
    await recordAudit(trx, { actorId: input.actorId, action: 'deactivated', targetUserId: input.userId }, now);
    return true;
  });
}

/** Lets a deactivated account log in again (no session comes back). False when not deactivated. */
export async function reactivateUser(db: Kysely<Database>, input: { actorId: string; userId: string }, now = Date.now()) {
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('users')
      .set({ deactivated_at: null })
      .where('id', '=', input.userId)
      .where('deactivated_at', 'is not', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await recordAudit(trx, { actorId: input.actorId, action: 'reactivated', targetUserId: input.userId }, now);
    return true;
  });
}
