import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema';
import type { Quiz } from '../content/schema';
import { quizCompletesUnit, unitTimeGate } from '../domain/progress';
import { drawQuiz, type Responses, scoreQuiz } from '../domain/quiz';
import { unitSecondsSpent } from './time-on-task.server';

// quiz_attempts.snapshot and quiz_draws.snapshot hold the quiz as asked; quiz_attempts.responses
// the options chosen. These are their only decoders: a row that does not decode was not written
// by this code, and throws naming the column. The snapshot check is structural, not the content
// rules of today, so an attempt stored under older rules still reads.
const questionShape = z.looseObject({
  id: z.string(),
  type: z.enum(['single', 'multiple', 'truefalse']),
  prompt: z.string(),
  answer: z.union([z.string(), z.array(z.string()), z.boolean()]),
});
let quizSchema: z.ZodType<Quiz> | undefined;
let responsesSchema: z.ZodType<Responses> | undefined;

/** quiz_attempts.snapshot / quiz_draws.snapshot: the quiz as it was asked. */
export function decodeQuizSnapshot(text: string, column = 'quiz_attempts.snapshot'): Quiz {
  quizSchema ??= z.looseObject({ passPercent: z.number(), questions: z.array(questionShape) }) as unknown as z.ZodType<Quiz>;
  const parsed = quizSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${column} does not decode: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** quiz_attempts.responses: question id -> the option ids chosen. */
export function decodeQuizResponses(text: string): Responses {
  responsesSchema ??= z.record(z.string(), z.array(z.string()));
  const parsed = responsesSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error('quiz_attempts.responses does not decode');
  return parsed.data;
}

export interface QuizAttemptSummary {
  id: string;
  percent: number;
  correct: number;
  total: number;
  passed: boolean;
  submitted_at: number;
}

export async function listQuizAttempts(
  db: Kysely<Database>,
  userId: string,
  courseSlug: string,
  unitSlug: string,
): Promise<QuizAttemptSummary[]> {
  const rows = await db
    .selectFrom('quiz_attempts')
    .select(['id', 'percent', 'correct', 'total', 'passed', 'submitted_at'])
    .where('user_id', '=', userId)
    .where('course_slug', '=', courseSlug)
    .where('unit_slug', '=', unitSlug)
    .orderBy('submitted_at', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, passed: r.passed === 1 }));
}

/** One of the user's own attempts, with its snapshot (safe to show: it is already submitted). */
export async function getOwnQuizAttempt(db: Kysely<Database>, userId: string, attemptId: string) {
  const row = await db
    .selectFrom('quiz_attempts')
    .selectAll()
    .where('id', '=', attemptId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    ...row,
    passed: row.passed === 1,
    snapshot: decodeQuizSnapshot(row.snapshot),
    responses: decodeQuizResponses(row.responses),
  };
}

/** Inserts a scored attempt and moves the unit's progress; call inside a transaction. */
async function recordAttempt(
  trx: Kysely<Database>,
  input: {
    id: string;
    userId: string;
    courseSlug: string;
    unitSlug: string;
    quiz: Quiz;
    contentVersion: string;
    /** The published content tree the questions came from (docs/decisions/030-content-store.md). */
    contentTreeId?: string | null;
    responses: Responses;
    submissionKey: string;
    /** The course's minimum time on a unit before a pass completes it (rules.minimumUnitMinutes). */
    minimumUnitMinutes?: number;
    /** The edition the questions were drawn in (the snapshot's language). */
    locale?: string;
  },
  now: number,
): Promise<void> {
  const score = scoreQuiz(input.quiz, input.responses);
  await trx
    .insertInto('quiz_attempts')
    .values({
      id: input.id,
      user_id: input.userId,
      course_slug: input.courseSlug,
      unit_slug: input.unitSlug,
      content_version: input.contentVersion,
      content_tree_id: input.contentTreeId ?? null,
      snapshot: JSON.stringify(input.quiz),
      responses: JSON.stringify(input.responses),
      correct: score.correct,
      total: score.total,
      percent: score.percent,
      passed: score.passed ? 1 : 0,
      submitted_at: now,
      submission_key: input.submissionKey,
      locale: input.locale ?? 'en',
    })
    .execute();
  // Read inside the transaction, after the first write, so it sees the latest credited time.
  const spent = input.minimumUnitMinutes ? await unitSecondsSpent(trx, input.userId, input.courseSlug, input.unitSlug) : 0;
  const completes = quizCompletesUnit(score.passed, unitTimeGate(input.minimumUnitMinutes, spent));
  const completedAt = completes ? now : null;
  await trx
    .insertInto('unit_progress')
    .values({
      user_id: input.userId,
      course_slug: input.courseSlug,
      unit_slug: input.unitSlug,
      completed_at: completedAt,
      completed_by: completes ? 'quiz' : null,
      best_percent: score.percent,
      last_visited_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['user_id', 'course_slug', 'unit_slug']).doUpdateSet((eb) => ({
        completed_at: eb.fn.coalesce('unit_progress.completed_at', eb.val(completedAt)),
        completed_by: eb.fn.coalesce('unit_progress.completed_by', eb.val<'quiz' | null>(completes ? 'quiz' : null)),
        best_percent: eb
          .case()
          .when('unit_progress.best_percent', 'is', null)
          .then(eb.val(score.percent))
          .when('unit_progress.best_percent', '<', score.percent)
          .then(eb.val(score.percent))
          .else(eb.ref('unit_progress.best_percent'))
          .end(),
        last_visited_at: now,
      })),
    )
    .execute();
}

/** Quiz content without the loader's bookkeeping fields, as a draw stores it. */
function plainQuiz(quiz: Quiz & { file?: string; version?: string }): Quiz {
  const { file: _file, version: _version, ...rest } = quiz;
  return rest;
}

export interface OpenDraw {
  id: string;
  quiz: Quiz;
}

/**
 * The questions this trainee's next attempt asks. The open draw for this quiz version is
 * reused, so a reload shows the same questions; otherwise a new one is drawn (avoiding the
 * questions of the last answered draw) and stored before anything is shown.
 */
export async function openQuizDraw(
  db: Kysely<Database>,
  input: {
    userId: string;
    courseSlug: string;
    unitSlug: string;
    quiz: Quiz;
    contentVersion: string;
    /** The published content tree `quiz` was read from: recorded on the draw and on the attempt that answers it. */
    contentTreeId?: string | null;
    /** The edition (language) of `quiz`: recorded on the draw and on the attempt that answers it. */
    locale?: string;
  },
  now = Date.now(),
): Promise<OpenDraw> {
  const mine = db
    .selectFrom('quiz_draws')
    .select(['id', 'snapshot'])
    .where('user_id', '=', input.userId)
    .where('course_slug', '=', input.courseSlug)
    .where('unit_slug', '=', input.unitSlug);
  const open = await mine
    .where('closed_at', 'is', null)
    .where('content_version', '=', input.contentVersion)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (open) return { id: open.id, quiz: decodeQuizSnapshot(open.snapshot, 'quiz_draws.snapshot') };
  const last = await mine.where('attempt_id', 'is not', null).orderBy('created_at', 'desc').executeTakeFirst();
  const avoid = last ? decodeQuizSnapshot(last.snapshot, 'quiz_draws.snapshot').questions.map((q) => q.id) : [];
  const id = randomUUID();
  const seed = randomUUID();
  const quiz = drawQuiz(plainQuiz(input.quiz), seed, avoid);
  await db
    .insertInto('quiz_draws')
    .values({
      id,
      user_id: input.userId,
      course_slug: input.courseSlug,
      unit_slug: input.unitSlug,
      content_version: input.contentVersion,
      content_tree_id: input.contentTreeId ?? null,
      seed,
      snapshot: JSON.stringify(quiz),
      created_at: now,
      closed_at: null,
      attempt_id: null,
      locale: input.locale ?? 'en',
    })
    .execute();
  return { id, quiz };
}

/** One of the user's own draws at this unit, or undefined. */
export async function getOwnDraw(db: Kysely<Database>, userId: string, courseSlug: string, unitSlug: string, drawId: string) {
  const row = await db
    .selectFrom('quiz_draws')
    .selectAll()
    .where('id', '=', drawId)
    .where('user_id', '=', userId)
    .where('course_slug', '=', courseSlug)
    .where('unit_slug', '=', unitSlug)
    .executeTakeFirst();
  return row ? { ...row, quiz: decodeQuizSnapshot(row.snapshot, 'quiz_draws.snapshot') } : undefined;
}

export type DrawSubmission = { status: 'recorded'; id: string } | { status: 'duplicate'; id: string } | { status: 'closed' };

/**
 * Scores and stores the answer to a draw, in one transaction: the draw is closed (only if it
 * was still open, so two submissions cannot both count), every other open draw of this unit
 * is closed too (a second tab cannot add an attempt), then the attempt and progress are
 * written. Submitting an answered draw again returns its attempt.
 */
export async function submitDrawnAttempt(
  db: Kysely<Database>,
  input: {
    userId: string;
    courseSlug: string;
    unitSlug: string;
    drawId: string;
    responses: Responses;
    /** The course's minimum time on a unit before a pass completes it (rules.minimumUnitMinutes). */
    minimumUnitMinutes?: number;
  },
  now = Date.now(),
): Promise<DrawSubmission> {
  const draw = await getOwnDraw(db, input.userId, input.courseSlug, input.unitSlug, input.drawId);
  if (!draw) return { status: 'closed' };
  if (draw.attempt_id) return { status: 'duplicate', id: draw.attempt_id };
  const id = randomUUID();
  const recorded = await db.transaction().execute(async (trx) => {
    const closed = await trx
      .updateTable('quiz_draws')
      .set({ closed_at: now, attempt_id: id })
      .where('id', '=', draw.id)
      .where('closed_at', 'is', null)
      .executeTakeFirst();
    if (Number(closed.numUpdatedRows) !== 1) return false;
    await trx
      .updateTable('quiz_draws')
      .set({ closed_at: now })
      .where('user_id', '=', input.userId)
      .where('course_slug', '=', input.courseSlug)
      .where('unit_slug', '=', input.unitSlug)
      .where('closed_at', 'is', null)
      .execute();
    await recordAttempt(
      trx,
      {
        id,
        userId: input.userId,
        courseSlug: input.courseSlug,
        unitSlug: input.unitSlug,
        quiz: draw.quiz,
        contentVersion: draw.content_version,
        contentTreeId: draw.content_tree_id,
        responses: input.responses,
        submissionKey: draw.id,
        minimumUnitMinutes: input.minimumUnitMinutes,
        locale: draw.locale,
      },
      now,
    );
    return true;
  });
  if (recorded) return { status: 'recorded', id };
  const again = await getOwnDraw(db, input.userId, input.courseSlug, input.unitSlug, input.drawId);
  return again?.attempt_id ? { status: 'duplicate', id: again.attempt_id } : { status: 'closed' };
}

/** Every quiz attempt of a trainee in a course, with snapshots, for their trainer's page. */
export async function listTraineeQuizAttempts(db: Kysely<Database>, userId: string, courseSlug: string) {
  const rows = await db
    .selectFrom('quiz_attempts')
    .select(['id', 'unit_slug', 'percent', 'passed', 'submitted_at', 'snapshot', 'responses', 'locale'])
    .where('user_id', '=', userId)
    .where('course_slug', '=', courseSlug)
    .orderBy('submitted_at', 'asc')
    .execute();
  return rows.map((r) => ({
    ...r,
    passed: r.passed === 1,
    snapshot: decodeQuizSnapshot(r.snapshot),
    responses: decodeQuizResponses(r.responses),
  }));
}
