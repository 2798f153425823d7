import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { ATTENDANCE_STATUSES, type AttendanceStatus } from '../domain/hours';

// Live sessions a trainer schedules for a group, and attendance at them
// (docs/decisions/022-training-hours-ledger.md). Callers have already checked that the viewer
// may manage the group (guards/trainer.server.ts, through cohort.server.ts's scope functions);
// every function here is bounded by the cohort id it is given, so a session of another group
// is simply not found. Every change writes a history row (who, when, before, after) in the
// same transaction.

export type SessionMode = 'in-person' | 'online';
export const SESSION_MODES: readonly SessionMode[] = ['in-person', 'online'];

export interface SessionInput {
  title: string;
  startsAt: number;
  durationMinutes: number;
  mode: SessionMode;
  competencies: string[];
  notes: string;
  makeup: boolean;
}

export interface AttendanceMark {
  userId: string;
  status: AttendanceStatus;
  minutes: number;
}

/** Runs `fn` in a transaction, or in the caller's when `db` already is one (the demo seed). */
function inTransaction<T>(db: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

function sessionSnapshot(s: SessionInput) {
  return JSON.stringify({
    title: s.title,
    startsAt: s.startsAt,
    durationMinutes: s.durationMinutes,
    mode: s.mode,
    competencies: s.competencies,
    notes: s.notes,
    makeup: s.makeup,
  });
}

function parseList(text: string): string[] {
  try {
    const v = JSON.parse(text);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function toSession(r: {
  id: string;
  cohort_id: string;
  course_slug: string;
  title: string;
  starts_at: number;
  duration_minutes: number;
  mode: string;
  competencies: string;
  notes: string;
  makeup: number;
}) {
  return {
    id: r.id,
    cohortId: r.cohort_id,
    courseSlug: r.course_slug,
    title: r.title,
    startsAt: Number(r.starts_at),
    durationMinutes: Number(r.duration_minutes),
    mode: (r.mode === 'online' ? 'online' : 'in-person') as SessionMode,
    competencies: parseList(r.competencies),
    notes: r.notes,
    makeup: Number(r.makeup) === 1,
  };
}
export type TrainingSession = ReturnType<typeof toSession>;

const SESSION_COLUMNS = [
  'id',
  'cohort_id',
  'course_slug',
  'title',
  'starts_at',
  'duration_minutes',
  'mode',
  'competencies',
  'notes',
  'makeup',
] as const;

export async function createTrainingSession(
  db: Kysely<Database>,
  input: { cohortId: string; courseSlug: string; actorId: string; session: SessionInput },
  now = Date.now(),
): Promise<string> {
  const id = randomUUID();
  const s = input.session;
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('training_sessions')
      .values({
        id,
        cohort_id: input.cohortId,
        course_slug: input.courseSlug,
        title: s.title,
        starts_at: s.startsAt,
        duration_minutes: s.durationMinutes,
        mode: s.mode,
        competencies: JSON.stringify(s.competencies),
        notes: s.notes,
        makeup: s.makeup ? 1 : 0,
        created_by: input.actorId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('training_record_history')
      .values({
        id: randomUUID(),
        cohort_id: input.cohortId,
        kind: 'session',
        subject_id: id,
        user_id: null,
        actor_id: input.actorId,
        at: now,
        before: null,
        after: sessionSnapshot(s),
      })
      .execute();
  });
  return id;
}

/** Changes a session's details; false when the group has no such session. Saving the same details records nothing. */
export async function updateTrainingSession(
  db: Kysely<Database>,
  input: { cohortId: string; sessionId: string; actorId: string; session: SessionInput },
  now = Date.now(),
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('training_sessions')
      .select(SESSION_COLUMNS)
      .where('id', '=', input.sessionId)
      .where('cohort_id', '=', input.cohortId)
      .executeTakeFirst();
    if (!row) return false;
    const before = sessionSnapshot(toSession(row));
    const after = sessionSnapshot(input.session);
    if (before === after) return true;
    const s = input.session;
    await trx
      .updateTable('training_sessions')
      .set({
        title: s.title,
        starts_at: s.startsAt,
        duration_minutes: s.durationMinutes,
        mode: s.mode,
        competencies: JSON.stringify(s.competencies),
        notes: s.notes,
        makeup: s.makeup ? 1 : 0,
        updated_at: now,
      })
      .where('id', '=', input.sessionId)
      .execute();
    await trx
      .insertInto('training_record_history')
      .values({
        id: randomUUID(),
        cohort_id: input.cohortId,
        kind: 'session',
        subject_id: input.sessionId,
        user_id: null,
        actor_id: input.actorId,
        at: now,
        before,
        after,
      })
      .execute();
    return true;
  });
}

export async function listCohortSessions(db: Kysely<Database>, cohortId: string, courseSlug: string) {
  const rows = await db
    .selectFrom('training_sessions')
    .select(SESSION_COLUMNS)
    .where('cohort_id', '=', cohortId)
    .where('course_slug', '=', courseSlug)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
  return rows.map(toSession);
}

/** One session of the group, or undefined (callers answer 404). */
export async function findCohortSession(db: Kysely<Database>, cohortId: string, sessionId: string) {
  const row = await db
    .selectFrom('training_sessions')
    .select(SESSION_COLUMNS)
    .where('id', '=', sessionId)
    .where('cohort_id', '=', cohortId)
    .executeTakeFirst();
  return row ? toSession(row) : undefined;
}

/** The group's trainees with their mark for the session (null = not taken yet), in name order. */
export async function sessionRoster(db: Kysely<Database>, cohortId: string, sessionId: string) {
  const rows = await db
    .selectFrom('cohort_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .leftJoin('session_attendance as a', (j) => j.onRef('a.user_id', '=', 'm.user_id').on('a.session_id', '=', sessionId))
    .select(['u.id', 'u.name', 'u.email', 'a.status', 'a.minutes', 'a.source', 'a.updated_at'])
    .where('m.cohort_id', '=', cohortId)
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
  return rows.map((r) => ({
    userId: r.id,
    name: r.name,
    email: r.email,
    status: (r.status ?? null) as AttendanceStatus | null,
    minutes: r.minutes === null ? null : Number(r.minutes),
    source: r.source,
    updatedAt: r.updated_at === null ? null : Number(r.updated_at),
  }));
}

export type SaveAttendance = { ok: true; changed: number } | { ok: false; reason: 'no-session' | 'not-member' };

/**
 * Saves attendance for a session of the group: every mark must be for one of the group's
 * trainees. Only marks that differ from what is stored are written, each with a history row;
 * submitting the same form twice changes nothing the second time.
 */
export async function saveAttendance(
  db: Kysely<Database>,
  input: { cohortId: string; sessionId: string; actorId: string; source: 'manual' | 'zoom'; marks: AttendanceMark[] },
  now = Date.now(),
): Promise<SaveAttendance> {
  return inTransaction(db, async (trx) => {
    const session = await trx
      .selectFrom('training_sessions')
      .select(['id', 'duration_minutes'])
      .where('id', '=', input.sessionId)
      .where('cohort_id', '=', input.cohortId)
      .executeTakeFirst();
    if (!session) return { ok: false, reason: 'no-session' } as const;
    const members = new Set(
      (await trx.selectFrom('cohort_members').select('user_id').where('cohort_id', '=', input.cohortId).execute()).map(
        (r) => r.user_id,
      ),
    );
    if (input.marks.some((m) => !members.has(m.userId))) return { ok: false, reason: 'not-member' } as const;
    const existing = new Map(
      (
        await trx
          .selectFrom('session_attendance')
          .select(['user_id', 'status', 'minutes'])
          .where('session_id', '=', input.sessionId)
          .execute()
      ).map((r) => [r.user_id, { status: r.status, minutes: Number(r.minutes) }]),
    );
    const duration = Number(session.duration_minutes);
    let changed = 0;
    for (const m of input.marks) {
      if (!ATTENDANCE_STATUSES.includes(m.status)) continue;
      // The stored minutes say what the mark is worth, so a reader never has to re-derive it.
      const minutes =
        m.status === 'present' ? duration : m.status === 'absent' || m.status === 'excused' ? 0 : Math.min(duration, m.minutes);
      const before = existing.get(m.userId);
      if (before && before.status === m.status && before.minutes === minutes) continue;
      const values = { status: m.status, minutes, source: input.source, updated_by: input.actorId, updated_at: now };
      await trx
        .insertInto('session_attendance')
        .values({ session_id: input.sessionId, user_id: m.userId, ...values })
        .onConflict((oc) => oc.columns(['session_id', 'user_id']).doUpdateSet(values))
        .execute();
      await trx
        .insertInto('training_record_history')
        .values({
          id: randomUUID(),
          cohort_id: input.cohortId,
          kind: 'attendance',
          subject_id: input.sessionId,
          user_id: m.userId,
          actor_id: input.actorId,
          at: now,
          before: before ? JSON.stringify(before) : null,
          after: JSON.stringify({ status: m.status, minutes, source: input.source }),
        })
        .execute();
      changed++;
    }
    return { ok: true, changed } as const;
  });
}

/** Who changed a session or its attendance, when, from what to what; newest first. */
export async function sessionHistory(db: Kysely<Database>, cohortId: string, sessionId: string) {
  const rows = await db
    .selectFrom('training_record_history as h')
    .innerJoin('users as actor', 'actor.id', 'h.actor_id')
    .leftJoin('users as trainee', 'trainee.id', 'h.user_id')
    .select(['h.id', 'h.kind', 'h.at', 'h.before', 'h.after', 'actor.name as actor', 'trainee.name as trainee'])
    .where('h.subject_id', '=', sessionId)
    .where('h.cohort_id', '=', cohortId)
    .orderBy('h.at', 'desc')
    .orderBy('h.id')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    at: Number(r.at),
    actor: r.actor,
    trainee: r.trainee,
    before: r.before === null ? null : (JSON.parse(r.before) as Record<string, unknown>),
    after: r.after === null ? null : (JSON.parse(r.after) as Record<string, unknown>),
  }));
}

/**
 * The sessions a trainee sees and the ledger counts: every session of the course in the groups
 * they belong to, and any other session they have a mark for, with their own mark only.
 */
export async function traineeSessions(db: Kysely<Database>, userId: string, courseSlug: string) {
  const rows = await db
    .selectFrom('training_sessions as s')
    .leftJoin('session_attendance as a', (j) => j.onRef('a.session_id', '=', 's.id').on('a.user_id', '=', userId))
    .select([...SESSION_COLUMNS.map((c) => `s.${c}` as const), 'a.status', 'a.minutes'])
    .where('s.course_slug', '=', courseSlug)
    .where((eb) =>
      eb.or([
        eb('s.cohort_id', 'in', eb.selectFrom('cohort_members').select('cohort_id').where('user_id', '=', userId)),
        eb('a.user_id', 'is not', null),
      ]),
    )
    .orderBy('s.starts_at')
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({
    ...toSession(r),
    status: (r.status ?? null) as AttendanceStatus | null,
    minutes: r.minutes === null ? null : Number(r.minutes),
  }));
}
