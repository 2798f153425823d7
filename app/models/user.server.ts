import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Role } from '../../db/schema';
import { hashPassword } from '../infra/password.server';

export const ROLES: Role[] = ['trainee', 'trainer', 'author', 'admin'];

export function findUserByEmail(db: Kysely<Database>, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export function findUserById(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'time_multiplier', 'no_time_limit', 'created_at'])
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
    })
    .execute();
  return id;
}

export function listUsers(db: Kysely<Database>) {
  return db.selectFrom('users').select(['id', 'email', 'name', 'role']).orderBy('email').execute();
}

/** Changes a role; the user's open sessions see it on their next request (roles are read per request). */
export async function setRole(db: Kysely<Database>, userId: string, role: Role) {
  const r = await db.updateTable('users').set({ role }).where('id', '=', userId).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
