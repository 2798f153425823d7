import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { SIGNER_TITLES } from '../domain/certificate';
import { type ChecklistItem, type CompletionRule, completionChecklist, completionRule } from '../domain/completion';
import {
  type AdjustmentKind,
  type AttendanceStatus,
  hoursLedger,
  type Ledger,
  type LedgerAdjustment,
  type LedgerSession,
  pacificDay,
} from '../domain/hours';
import { issueCertificate } from './certificate.server';
import { getUnitProgress } from './progress.server';
import { traineeUnitSeconds } from './time-on-task.server';
import { traineeSessions } from './training-session.server';

// A trainee's training record for one course (docs/decisions/022-training-hours-ledger.md):
// the hours ledger's inputs read from the database, manual adjustments, the completion rule's
// facts, and the confirmation of completion. The arithmetic lives in app/domain/hours.ts and
// app/domain/completion.ts; this file only fetches and writes.

/** What the record needs of a course (structurally a CourseContent from app/content). */
export interface RecordCourse {
  course: {
    slug: string;
    title: string;
    completion?: { requiredHours: number; minimumLiveHours?: number; requirePassedExam: boolean };
  };
  units: { meta: { slug: string; title: string; minutes: number; competencies: string[] } }[];
}

function adjustmentsQuery(db: Kysely<Database>, courseSlug: string) {
  return db
    .selectFrom('hour_adjustments as h')
    .innerJoin('users as u', 'u.id', 'h.created_by')
    .select(['h.id', 'h.user_id', 'h.kind', 'h.minutes', 'h.reason', 'h.created_at', 'u.name as by'])
    .where('h.course_slug', '=', courseSlug)
    .orderBy('h.created_at')
    .orderBy('h.id');
}

const toAdjustment = (r: { id: string; kind: string; minutes: number; reason: string; created_at: number; by: string }) => ({
  id: r.id,
  kind: (r.kind === 'live' ? 'live' : 'self-paced') as AdjustmentKind,
  minutes: Number(r.minutes),
  reason: r.reason,
  at: Number(r.created_at),
  by: r.by,
});
export type Adjustment = ReturnType<typeof toAdjustment>;

/** Everything the ledger counts for one trainee, and the ledger. */
export async function traineeLedger(db: Kysely<Database>, userId: string, course: RecordCourse) {
  const slug = course.course.slug;
  const [sessions, progress, seconds, adjustments] = await Promise.all([
    traineeSessions(db, userId, slug),
    getUnitProgress(db, userId, slug),
    traineeUnitSeconds(db, userId, slug),
    adjustmentsQuery(db, slug).where('h.user_id', '=', userId).execute(),
  ]);
  const done = new Set(progress.filter((p) => p.completed_at !== null).map((p) => p.unit_slug));
  const adjustmentRows = adjustments.map(toAdjustment);
  const ledger = hoursLedger({
    sessions,
    units: course.units.map((u) => ({
      slug: u.meta.slug,
      title: u.meta.title,
      plannedMinutes: u.meta.minutes,
      complete: done.has(u.meta.slug),
      measuredSeconds: seconds.get(u.meta.slug) ?? 0,
    })),
    adjustments: adjustmentRows,
  });
  return { ledger, sessions, adjustments: adjustmentRows, unitsComplete: done.size };
}

/**
 * Hours per trainee of a group, for the progress matrix and its CSV: a fixed number of queries
 * whatever the group's size.
 */
export async function cohortHours(db: Kysely<Database>, cohortId: string, course: RecordCourse) {
  const slug = course.course.slug;
  const memberIds = () => db.selectFrom('cohort_members').select('user_id').where('cohort_id', '=', cohortId);
  const [members, sessions, marks, progress, time, adjustments, completions] = await Promise.all([
    memberIds().execute(),
    db
      .selectFrom('training_sessions')
      .select(['id', 'cohort_id', 'title', 'starts_at', 'duration_minutes', 'makeup'])
      .where('course_slug', '=', slug)
      .where((eb) =>
        eb.or([
          eb('cohort_id', '=', cohortId),
          eb('id', 'in', eb.selectFrom('session_attendance').select('session_id').where('user_id', 'in', memberIds())),
        ]),
      )
      .execute(),
    db
      .selectFrom('session_attendance as a')
      .innerJoin('training_sessions as s', 's.id', 'a.session_id')
      .select(['a.session_id', 'a.user_id', 'a.status', 'a.minutes'])
      .where('s.course_slug', '=', slug)
      .where('a.user_id', 'in', memberIds())
      .execute(),
    db
      .selectFrom('unit_progress')
      .select(['user_id', 'unit_slug'])
      .where('course_slug', '=', slug)
      .where('completed_at', 'is not', null)
      .where('user_id', 'in', memberIds())
      .execute(),
    db
      .selectFrom('unit_time_totals')
      .select(['user_id', 'unit_slug', 'seconds'])
      .where('course_slug', '=', slug)
      .where('user_id', 'in', memberIds())
      .execute(),
    adjustmentsQuery(db, slug).where('h.user_id', 'in', memberIds()).execute(),
    db
      .selectFrom('course_completions')
      .select(['user_id', 'confirmed_at'])
      .where('course_slug', '=', slug)
      .where('user_id', 'in', memberIds())
      .execute(),
  ]);
  const markOf = new Map(marks.map((m) => [`${m.session_id}:${m.user_id}`, m]));
  const result = new Map<string, { ledger: Ledger; completedAt: number | null }>();
  for (const { user_id: userId } of members) {
    const done = new Set(progress.filter((p) => p.user_id === userId).map((p) => p.unit_slug));
    const secs = new Map(time.filter((t) => t.user_id === userId).map((t) => [t.unit_slug, Number(t.seconds)]));
    const ledgerSessions: LedgerSession[] = sessions
      .filter((s) => s.cohort_id === cohortId || markOf.has(`${s.id}:${userId}`))
      .map((s) => {
        const m = markOf.get(`${s.id}:${userId}`);
        return {
          id: s.id,
          title: s.title,
          startsAt: Number(s.starts_at),
          durationMinutes: Number(s.duration_minutes),
          makeup: Number(s.makeup) === 1,
          status: (m?.status ?? null) as AttendanceStatus | null,
          minutes: m ? Number(m.minutes) : null,
        };
      });
    const ledger = hoursLedger({
      sessions: ledgerSessions,
      units: course.units.map((u) => ({
        slug: u.meta.slug,
        title: u.meta.title,
        plannedMinutes: u.meta.minutes,
        complete: done.has(u.meta.slug),
        measuredSeconds: secs.get(u.meta.slug) ?? 0,
      })),
      adjustments: adjustments.filter((a) => a.user_id === userId).map(toAdjustment) as LedgerAdjustment[],
    });
    const completion = completions.find((c) => c.user_id === userId);
    result.set(userId, { ledger, completedAt: completion ? Number(completion.confirmed_at) : null });
  }
  return result;
}

export type AddAdjustment = 'added' | 'duplicate';

/** Adds (or, negative, removes) minutes by hand, with the reason; the same form twice is stored once. */
export async function addAdjustment(
  db: Kysely<Database>,
  input: {
    userId: string;
    courseSlug: string;
    kind: AdjustmentKind;
    minutes: number;
    reason: string;
    actorId: string;
    submissionKey: string;
  },
  now = Date.now(),
): Promise<AddAdjustment> {
  const existing = await db
    .selectFrom('hour_adjustments')
    .select('id')
    .where('submission_key', '=', input.submissionKey)
    .executeTakeFirst();
  if (existing) return 'duplicate';
  const id = randomUUID();
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('hour_adjustments')
        .values({
          id,
          user_id: input.userId,
          course_slug: input.courseSlug,
          kind: input.kind,
          minutes: input.minutes,
          reason: input.reason,
          created_by: input.actorId,
          created_at: now,
          submission_key: input.submissionKey,
        })
        .execute();
      await trx
        .insertInto('training_record_history')
        .values({
          id: randomUUID(),
          cohort_id: null,
          kind: 'adjustment',
          subject_id: id,
          user_id: input.userId,
          actor_id: input.actorId,
          at: now,
          before: null,
          after: JSON.stringify({ kind: input.kind, minutes: input.minutes, reason: input.reason }),
        })
        .execute();
    });
  } catch (e) {
    // Two submissions of the same form at once: the unique key lets one through.
    const again = await db
      .selectFrom('hour_adjustments')
      .select('id')
      .where('submission_key', '=', input.submissionKey)
      .executeTakeFirst();
    if (again) return 'duplicate';
    throw e;
  }
  return 'added';
}

export interface CompletionState {
  rule: CompletionRule | null;
  ledger: Ledger;
  checklist: { items: ChecklistItem[]; met: boolean } | null;
  completion: { id: string; confirmedAt: number; confirmedBy: string } | null;
  legalName: string | null;
  legalNameConfirmedAt: number | null;
  unitsComplete: number;
  examPassed: boolean;
}

/** Where a trainee stands against the course's completion rule. */
export async function completionState(db: Kysely<Database>, userId: string, course: RecordCourse): Promise<CompletionState> {
  const slug = course.course.slug;
  const [{ ledger, unitsComplete }, user, passed, completion] = await Promise.all([
    traineeLedger(db, userId, course),
    db.selectFrom('users').select(['legal_name', 'legal_name_confirmed_at']).where('id', '=', userId).executeTakeFirst(),
    db
      .selectFrom('exam_attempts')
      .select('id')
      .where('user_id', '=', userId)
      .where('course_slug', '=', slug)
      .where('status', '=', 'released')
      .where('passed', '=', 1)
      .executeTakeFirst(),
    db
      .selectFrom('course_completions as c')
      .innerJoin('users as u', 'u.id', 'c.confirmed_by')
      .select(['c.id', 'c.confirmed_at', 'u.name'])
      .where('c.user_id', '=', userId)
      .where('c.course_slug', '=', slug)
      .executeTakeFirst(),
  ]);
  const rule = completionRule(course.course.completion);
  const legalName = user?.legal_name?.trim() || null;
  const legalNameConfirmedAt = user?.legal_name_confirmed_at == null ? null : Number(user.legal_name_confirmed_at);
  const examPassed = Boolean(passed);
  const unitSlugs = new Set(course.units.map((u) => u.meta.slug));
  const completeInCourse = ledger.units.filter((u) => u.complete && unitSlugs.has(u.slug)).length;
  return {
    rule,
    ledger,
    checklist: rule
      ? completionChecklist(rule, {
          unitsComplete: completeInCourse,
          unitsTotal: course.units.length,
          liveMinutes: ledger.liveMinutes,
          totalMinutes: ledger.totalMinutes,
          examPassed,
          legalName,
          legalNameConfirmed: legalName !== null && legalNameConfirmedAt !== null,
        })
      : null,
    completion: completion
      ? { id: completion.id, confirmedAt: Number(completion.confirmed_at), confirmedBy: completion.name }
      : null,
    legalName,
    legalNameConfirmedAt,
    unitsComplete,
    examPassed,
  };
}

/**
 * The trainee confirms that `name` is their legal name as it should read on the certificate.
 * Refused (false) when the stored name is not that name any more (changed in another tab).
 */
export async function confirmLegalName(db: Kysely<Database>, userId: string, name: string, now = Date.now()): Promise<boolean> {
  const user = await db.selectFrom('users').select(['legal_name']).where('id', '=', userId).executeTakeFirst();
  const current = user?.legal_name?.trim();
  if (!current || current !== name.trim()) return false;
  await db
    .updateTable('users')
    .set({ legal_name_confirmed_at: now })
    .where('id', '=', userId)
    .where('legal_name', '=', user?.legal_name ?? '')
    .execute();
  return true;
}

export type ConfirmCompletion =
  | { ok: true; completionId: string; certificate: { id: string; number: string } }
  | { ok: false; reason: 'no-rule' | 'already' }
  | { ok: false; reason: 'not-met'; unmet: ChecklistItem[] };

/**
 * A trainer or admin confirms that a trainee completed the course. The rule is checked here,
 * inside the transaction that records it and issues the certificate, so a hand-made request
 * for a trainee who has not met it writes nothing. Confirming twice records one completion.
 */
export async function confirmCompletion(
  db: Kysely<Database>,
  input: {
    userId: string;
    course: RecordCourse;
    actor: { id: string; name: string; role: string };
    /** Competency id -> title (content/competencies.yaml). */
    competencyTitles: Map<string, string>;
  },
  now = Date.now(),
): Promise<ConfirmCompletion> {
  const slug = input.course.course.slug;
  try {
    return await db.transaction().execute(async (trx) => {
      const state = await completionState(trx, input.userId, input.course);
      if (state.completion) return { ok: false, reason: 'already' } as const;
      if (!state.rule || !state.checklist) return { ok: false, reason: 'no-rule' } as const;
      if (!state.checklist.met)
        return { ok: false, reason: 'not-met', unmet: state.checklist.items.filter((i) => !i.met) } as const;
      const completionId = randomUUID();
      await trx
        .insertInto('course_completions')
        .values({
          id: completionId,
          user_id: input.userId,
          course_slug: slug,
          confirmed_by: input.actor.id,
          confirmed_at: now,
          live_minutes: state.ledger.liveMinutes,
          self_paced_minutes: state.ledger.selfPacedMinutes,
          adjustment_minutes: state.ledger.adjustmentMinutes,
        })
        .execute();
      const started = await startedAt(trx, input.userId, slug, state.ledger);
      const covered = new Set<string>();
      const done = new Set(state.ledger.units.filter((u) => u.complete).map((u) => u.slug));
      for (const u of input.course.units) if (done.has(u.meta.slug)) for (const c of u.meta.competencies) covered.add(c);
      const attended = new Set(state.ledger.sessions.filter((s) => s.credited > 0).map((s) => s.id));
      const sessions = await traineeSessions(trx, input.userId, slug);
      for (const s of sessions) if (attended.has(s.id)) for (const c of s.competencies) covered.add(c);
      const competencies = [...input.competencyTitles.entries()].filter(([id]) => covered.has(id)).map(([, title]) => title);
      const certificate = await issueCertificate(
        trx,
        {
          userId: input.userId,
          issuedBy: input.actor.id,
          completionId,
          facts: {
            legalName: state.legalName ?? '',
            courseSlug: slug,
            courseTitle: input.course.course.title,
            liveMinutes: state.ledger.liveMinutes,
            selfPacedMinutes: state.ledger.selfPacedMinutes,
            startedOn: pacificDay(Math.min(started, now)),
            completedOn: pacificDay(now),
            competencies,
            signerName: input.actor.name,
            signerTitle: SIGNER_TITLES[input.actor.role === 'admin' ? 'admin' : 'trainer'],
          },
        },
        now,
      );
      return { ok: true, completionId, certificate } as const;
    });
  } catch (e) {
    // Two confirmations at once: the unique (user, course) lets one through.
    const row = await db
      .selectFrom('course_completions')
      .select('id')
      .where('user_id', '=', input.userId)
      .where('course_slug', '=', slug)
      .executeTakeFirst();
    if (row) return { ok: false, reason: 'already' };
    throw e;
  }
}

/** When the trainee started the course: the first of joining a group, time in a unit, or a session attended. */
async function startedAt(db: Kysely<Database>, userId: string, courseSlug: string, ledger: Ledger): Promise<number> {
  const [joined, firstTime] = await Promise.all([
    db
      .selectFrom('cohort_members')
      .select((eb) => eb.fn.min('joined_at').as('at'))
      .where('user_id', '=', userId)
      .executeTakeFirst(),
    db
      .selectFrom('unit_time_intervals')
      .select((eb) => eb.fn.min('started_at').as('at'))
      .where('user_id', '=', userId)
      .where('course_slug', '=', courseSlug)
      .executeTakeFirst(),
  ]);
  const candidates = [joined?.at, firstTime?.at, ...ledger.sessions.filter((s) => s.credited > 0).map((s) => s.startsAt)]
    .filter((x) => x !== null && x !== undefined)
    .map(Number)
    .filter((x) => Number.isFinite(x));
  return candidates.length ? Math.min(...candidates) : Date.now();
}

/** The trainee's own record for the transcript: ledger, completion, quizzes and exam attempts. */
export async function transcript(db: Kysely<Database>, userId: string, course: RecordCourse) {
  const slug = course.course.slug;
  const [state, progress, quizzes, exams] = await Promise.all([
    completionState(db, userId, course),
    db
      .selectFrom('unit_progress')
      .select(['unit_slug', 'completed_at', 'best_percent'])
      .where('user_id', '=', userId)
      .where('course_slug', '=', slug)
      .execute(),
    db
      .selectFrom('quiz_attempts')
      .select(['unit_slug', 'percent', 'passed', 'submitted_at', 'locale'])
      .where('user_id', '=', userId)
      .where('course_slug', '=', slug)
      .orderBy('submitted_at')
      .execute(),
    db
      .selectFrom('exam_attempts')
      .select(['form_id', 'status', 'started_at', 'submitted_at', 'final_percent', 'passed', 'locale'])
      .where('user_id', '=', userId)
      .where('course_slug', '=', slug)
      .orderBy('started_at')
      .execute(),
  ]);
  const progressOf = new Map(progress.map((p) => [p.unit_slug, p]));
  return {
    ...state,
    units: state.ledger.units.map((u) => {
      const p = progressOf.get(u.slug);
      return {
        ...u,
        completedAt: p?.completed_at == null ? null : Number(p.completed_at),
        bestPercent: p?.best_percent ?? null,
      };
    }),
    quizzes: quizzes.map((q) => ({
      unitSlug: q.unit_slug,
      percent: Number(q.percent),
      passed: Number(q.passed) === 1,
      at: Number(q.submitted_at),
      locale: q.locale,
    })),
    // A result shows only once released, as on the trainee's own exam pages.
    exams: exams.map((e) => ({
      formId: e.form_id,
      status: e.status,
      startedAt: Number(e.started_at),
      submittedAt: e.submitted_at === null ? null : Number(e.submitted_at),
      percent: e.status === 'released' ? e.final_percent : null,
      passed: e.status === 'released' ? Number(e.passed) === 1 : null,
      locale: e.locale,
    })),
  };
}
