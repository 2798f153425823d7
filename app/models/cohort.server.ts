import { randomInt, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, Role } from '../../db/schema';
import type { GroupQuizSettings } from '../domain/quiz';
import { FEEDBACK_POLICIES, REVIEW_POLICIES } from '../domain/quiz-policy';

/** Whoever is looking at trainer pages: the signed-in user's id and role (a SessionUser fits). */
export interface Viewer {
  id: string;
  role: Role;
}

/**
 * The ids of the cohorts the viewer teaches, as a subquery: an admin every cohort, anyone else
 * each cohort where they are the owner or a co-trainer (cohort_trainers), archived ones
 * included so their records stay reachable. The one definition of "teaches": every trainer
 * scope (cohort pages, trainee pages, grading, item analysis, announcements, sessions) is built
 * on it, so a change of who teaches a cohort is made here alone.
 */
export function taughtCohortIds(db: Kysely<Database>, viewer: Viewer) {
  const q = db.selectFrom('cohort_trainers as taught').select('taught.cohort_id as id');
  return viewer.role === 'admin'
    ? db.selectFrom('cohorts as taught').select('taught.id')
    : q.where('taught.user_id', '=', viewer.id);
}

/**
 * The trainees a viewer may see, as a subquery of user ids: members of the cohorts they teach.
 * Null for an admin, who may see everyone (in a cohort or not): callers add no condition then.
 */
export function visibleTrainees(db: Kysely<Database>, viewer: Viewer) {
  if (viewer.role === 'admin') return null;
  return db
    .selectFrom('cohort_members as scope')
    .select('scope.user_id')
    .where('scope.cohort_id', 'in', taughtCohortIds(db, viewer));
}

// No 0/O, 1/I/L: codes are read aloud in classrooms and typed on phones.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** Shows a code as "K7QM-3XPA". */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export async function createCohort(
  db: Kysely<Database>,
  input: { name: string; startsOn: string; endsOn: string; trainerId: string; joinCode?: string },
) {
  const id = randomUUID();
  const join_code = input.joinCode ?? newJoinCode();
  const now = Date.now();
  await db
    .insertInto('cohorts')
    .values({
      id,
      name: input.name,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      join_code,
      trainer_id: input.trainerId,
      created_at: now,
      archived_at: null,
      join_code_expires_at: null,
    })
    .execute();
  await db
    .insertInto('cohort_trainers')
    .values({ cohort_id: id, user_id: input.trainerId, role: 'owner', added_at: now })
    .execute();
  return { id, joinCode: join_code };
}

/** Groups a user may manage (see taughtCohortIds): live ones, or only archived ones with `archived`. */
export function listCohortsFor(db: Kysely<Database>, viewer: Viewer, opts: { archived?: boolean } = {}) {
  return db
    .selectFrom('cohorts')
    .innerJoin('users as t', 't.id', 'cohorts.trainer_id')
    .leftJoin('cohort_members as m', 'm.cohort_id', 'cohorts.id')
    .select((eb) => [
      'cohorts.id',
      'cohorts.name',
      'cohorts.starts_on',
      'cohorts.ends_on',
      'cohorts.join_code',
      't.name as trainer_name',
      eb.fn.count<number>('m.user_id').as('members'),
    ])
    .where('cohorts.id', 'in', taughtCohortIds(db, viewer))
    .where('cohorts.archived_at', opts.archived ? 'is not' : 'is', null)
    .groupBy(['cohorts.id', 'cohorts.name', 'cohorts.starts_on', 'cohorts.ends_on', 'cohorts.join_code', 't.name'])
    .orderBy('cohorts.starts_on', 'desc')
    .execute();
}

/** A cohort if the viewer may manage it, else undefined (callers answer 404). */
export function findCohortFor(db: Kysely<Database>, viewer: Viewer, cohortId: string) {
  return db
    .selectFrom('cohorts')
    .selectAll()
    .where('id', '=', cohortId)
    .where('id', 'in', taughtCohortIds(db, viewer))
    .executeTakeFirst();
}

/** A group's members, by name (the manage page lists them). */
export function listMembers(db: Kysely<Database>, cohortId: string) {
  return db
    .selectFrom('cohort_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.name', 'u.email', 'm.joined_at'])
    .where('m.cohort_id', '=', cohortId)
    .orderBy('u.name')
    .execute();
}

export function cohortsOfUser(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('cohort_members as m')
    .innerJoin('cohorts as c', 'c.id', 'm.cohort_id')
    .select(['c.id', 'c.name', 'c.starts_on', 'c.ends_on'])
    .where('m.user_id', '=', userId)
    .orderBy('c.starts_on', 'desc')
    .execute();
}

/**
 * The group a join code names, or undefined. `usable` is false when the code has expired or
 * the group is archived (callers say "this code no longer works").
 */
export async function findCohortByCode(db: Kysely<Database>, code: string, now = Date.now()) {
  const row = await db
    .selectFrom('cohorts')
    .select(['id', 'name', 'archived_at', 'join_code_expires_at', 'join_requires_approval'])
    .where('join_code', '=', code)
    .executeTakeFirst();
  if (!row) return undefined;
  const usable = row.archived_at === null && (row.join_code_expires_at === null || row.join_code_expires_at > now);
  return { id: row.id, name: row.name, usable, requiresApproval: row.join_requires_approval === 1 };
}

/** Adds a member; joining twice is harmless. */
export async function addMember(db: Kysely<Database>, cohortId: string, userId: string) {
  await db
    .insertInto('cohort_members')
    .values({ cohort_id: cohortId, user_id: userId, joined_at: Date.now() })
    .onConflict((oc) => oc.columns(['cohort_id', 'user_id']).doNothing())
    .execute();
}

/** True when the trainee belongs to a cohort the viewer manages (admins: always). */
export async function canViewTrainee(db: Kysely<Database>, viewer: Viewer, traineeId: string) {
  const scope = visibleTrainees(db, viewer);
  if (!scope) return true;
  return Boolean(await scope.where('scope.user_id', '=', traineeId).executeTakeFirst());
}

const groupQuizSettingsSchema = z.object({
  quizAttemptLimit: z.number().int().min(1).nullable().optional(),
  quizWaitMinutes: z.number().int().min(0).optional(),
  quizReview: z.enum(REVIEW_POLICIES).optional(),
  quizFeedback: z.enum(FEEDBACK_POLICIES).optional(),
});

function parseSettings(text: string | undefined): GroupQuizSettings {
  if (!text) return {};
  const r = groupQuizSettingsSchema.safeParse(JSON.parse(text));
  return r.success ? r.data : {};
}

/** A group's quiz settings: only the rules the trainer chose to override. */
export async function getCohortQuizSettings(db: Kysely<Database>, cohortId: string): Promise<GroupQuizSettings> {
  const row = await db.selectFrom('cohort_quiz_settings').select('settings').where('cohort_id', '=', cohortId).executeTakeFirst();
  return parseSettings(row?.settings);
}

/**
 * The quiz settings a trainee works under: those of the group they joined most recently, or
 * none (the course's rules) when they are in no group.
 */
export async function quizSettingsForTrainee(db: Kysely<Database>, userId: string): Promise<GroupQuizSettings | null> {
  const row = await db
    .selectFrom('cohort_members as m')
    .leftJoin('cohort_quiz_settings as s', 's.cohort_id', 'm.cohort_id')
    .select(['s.settings'])
    .where('m.user_id', '=', userId)
    .orderBy('m.joined_at', 'desc')
    .executeTakeFirst();
  return row ? parseSettings(row.settings ?? undefined) : null;
}

/**
 * Saves a group's quiz settings and records who changed what, in one transaction. Saving the
 * same settings again records nothing. Returns whether anything changed.
 */
export async function saveCohortQuizSettings(
  db: Kysely<Database>,
  input: { cohortId: string; actorId: string; settings: GroupQuizSettings },
  now = Date.now(),
): Promise<boolean> {
  const after = JSON.stringify(groupQuizSettingsSchema.parse(input.settings));
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('cohort_quiz_settings')
      .select('settings')
      .where('cohort_id', '=', input.cohortId)
      .executeTakeFirst();
    const before = JSON.stringify(parseSettings(row?.settings));
    if (before === after) return false;
    await trx
      .insertInto('cohort_quiz_settings')
      .values({ cohort_id: input.cohortId, settings: after, updated_at: now, updated_by: input.actorId })
      .onConflict((oc) => oc.column('cohort_id').doUpdateSet({ settings: after, updated_at: now, updated_by: input.actorId }))
      .execute();
    await trx
      .insertInto('cohort_settings_history')
      .values({ id: randomUUID(), cohort_id: input.cohortId, actor_id: input.actorId, at: now, before, after })
      .execute();
    return true;
  });
}

/** Who changed a group's settings, when, from what to what; newest first. */
export async function listCohortSettingsHistory(db: Kysely<Database>, cohortId: string) {
  const rows = await db
    .selectFrom('cohort_settings_history as h')
    .innerJoin('users as u', 'u.id', 'h.actor_id')
    .select(['h.id', 'h.at', 'h.before', 'h.after', 'u.name as actor'])
    .where('h.cohort_id', '=', cohortId)
    .orderBy('h.at', 'desc')
    .limit(50)
    .execute();
  return rows.map((r) => ({ ...r, before: parseSettings(r.before), after: parseSettings(r.after) }));
}

export type JoinOutcome = 'joined' | 'pending' | 'already';

/**
 * Joins a user to a group by its (usable) code: at once, or as a request waiting for the
 * trainer's approval when the code requires it. Repeating is harmless.
 */
export async function joinCohort(
  db: Kysely<Database>,
  cohort: { id: string; requiresApproval: boolean },
  userId: string,
  now = Date.now(),
): Promise<JoinOutcome> {
  const member = await db
    .selectFrom('cohort_members')
    .select('user_id')
    .where('cohort_id', '=', cohort.id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (member) return 'already';
  if (!cohort.requiresApproval) {
    await addMember(db, cohort.id, userId);
    return 'joined';
  }
  await db
    .insertInto('cohort_join_requests')
    .values({ cohort_id: cohort.id, user_id: userId, requested_at: now })
    .onConflict((oc) => oc.columns(['cohort_id', 'user_id']).doNothing())
    .execute();
  return 'pending';
}

/** Groups a user asked to join that a trainer has not yet approved or declined. */
export function pendingRequestsOfUser(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('cohort_join_requests as r')
    .innerJoin('cohorts as c', 'c.id', 'r.cohort_id')
    .select(['c.id', 'c.name'])
    .where('r.user_id', '=', userId)
    .orderBy('r.requested_at')
    .execute();
}
