import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { addMember, newJoinCode } from './cohort.server';

// Managing a group (issue #16 item 7): details, archive, join-code rules, join requests,
// members and co-trainers. The caller has checked scope (requireCohort -> findCohortFor ->
// taughtCohortIds); each function also names the cohort in its WHERE, so a stray id never
// reaches another group's rows.

export async function updateCohortDetails(
  db: Kysely<Database>,
  cohortId: string,
  input: { name: string; startsOn: string; endsOn: string },
) {
  await db
    .updateTable('cohorts')
    .set({ name: input.name, starts_on: input.startsOn, ends_on: input.endsOn })
    .where('id', '=', cohortId)
    .execute();
}

/**
 * The group's language (null = none): its members' default when they have not chosen one, and
 * the edition its trainer expects (docs/decisions/032-language-editions.md).
 */
export async function setCohortLocale(db: Kysely<Database>, cohortId: string, locale: string | null) {
  await db.updateTable('cohorts').set({ locale }).where('id', '=', cohortId).execute();
}

/** Archived groups leave the dashboard and refuse their join code; members, records and scope stay. */
export async function setCohortArchived(db: Kysely<Database>, cohortId: string, archived: boolean, now = Date.now()) {
  await db
    .updateTable('cohorts')
    .set({ archived_at: archived ? now : null })
    .where('id', '=', cohortId)
    .execute();
}

/** A new join code; the old one stops working at once. Returns the new code. */
export async function regenerateJoinCode(db: Kysely<Database>, cohortId: string): Promise<string> {
  // The column is unique: on the rare collision, draw again.
  for (let i = 0; ; i++) {
    const code = newJoinCode();
    try {
      await db.updateTable('cohorts').set({ join_code: code }).where('id', '=', cohortId).execute();
      return code;
    } catch (e) {
      if (i >= 4) throw e;
    }
  }
}

/** When the code stops working (null: never) and whether joining needs the trainer's approval. */
export async function setJoinRules(
  db: Kysely<Database>,
  cohortId: string,
  input: { expiresAt: number | null; requiresApproval: boolean },
) {
  await db
    .updateTable('cohorts')
    .set({ join_code_expires_at: input.expiresAt, join_requires_approval: input.requiresApproval ? 1 : 0 })
    .where('id', '=', cohortId)
    .execute();
}

export function listJoinRequests(db: Kysely<Database>, cohortId: string) {
  return db
    .selectFrom('cohort_join_requests as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.id', 'u.name', 'u.email', 'r.requested_at'])
    .where('r.cohort_id', '=', cohortId)
    .orderBy('r.requested_at')
    .execute();
}

/**
 * Approves (the person becomes a member) or declines (the request goes) a join request.
 * False when there is no such request (already decided: a second submit changes nothing).
 */
export async function decideJoinRequest(db: Kysely<Database>, cohortId: string, userId: string, approve: boolean) {
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .deleteFrom('cohort_join_requests')
      .where('cohort_id', '=', cohortId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (Number(r.numDeletedRows) !== 1) return false;
    if (approve) await addMember(trx, cohortId, userId);
    return true;
  });
}

/**
 * Takes a trainee out of a group: they leave its lists, dashboard and scope. Their progress,
 * attempts, grades and reflections belong to them, not to the group, and stay.
 */
export async function removeMember(db: Kysely<Database>, cohortId: string, userId: string) {
  const r = await db
    .deleteFrom('cohort_members')
    .where('cohort_id', '=', cohortId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export function listCohortTrainers(db: Kysely<Database>, cohortId: string) {
  return db
    .selectFrom('cohort_trainers as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['u.id', 'u.name', 'u.email', 't.role'])
    .where('t.cohort_id', '=', cohortId)
    .orderBy('t.role', 'desc')
    .orderBy('u.name')
    .execute();
}

export type AddCoTrainerResult = 'added' | 'already' | 'no-account' | 'not-a-trainer';

/** Adds a co-trainer by email: an existing account with the trainer (or admin) role. */
export async function addCoTrainer(
  db: Kysely<Database>,
  cohortId: string,
  email: string,
  now = Date.now(),
): Promise<AddCoTrainerResult> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'role', 'deactivated_at'])
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  if (!user || user.deactivated_at !== null) return 'no-account';
  if (user.role !== 'trainer' && user.role !== 'admin') return 'not-a-trainer';
  const r = await db
    .insertInto('cohort_trainers')
    .values({ cohort_id: cohortId, user_id: user.id, role: 'co', added_at: now })
    .onConflict((oc) => oc.columns(['cohort_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1 ? 'added' : 'already';
}

/** Removes a co-trainer (never the owner). */
export async function removeCoTrainer(db: Kysely<Database>, cohortId: string, userId: string) {
  const r = await db
    .deleteFrom('cohort_trainers')
    .where('cohort_id', '=', cohortId)
    .where('user_id', '=', userId)
    .where('role', '=', 'co')
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}
