import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Quiz } from '../content/schema';
import { quizCompletesUnit, unitTimeGate } from '../domain/progress';
import { type Responses, scoreQuiz } from '../domain/quiz';
import { unitSecondsSpent } from './time-on-task.server';

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
    snapshot: JSON.parse(row.snapshot) as Quiz,
    responses: JSON.parse(row.responses) as Responses,
  };
}

/**
 * Scores and stores an attempt with a snapshot of the quiz as asked, and moves progress, in
 * one transaction. The submission key makes a double submit store one attempt: the second
 * call returns the first attempt's id.
 */
export async function submitQuizAttempt(
  db: Kysely<Database>,
  input: {
    userId: string;
    courseSlug: string;
    unitSlug: string;
    quiz: Quiz;
    contentVersion: string;
    responses: Responses;
    submissionKey: string;
    /** The course's minimum time on a unit before a pass completes it (rules.minimumUnitMinutes). */
    minimumUnitMinutes?: number;
  },
  now = Date.now(),
): Promise<{ id: string; duplicate: boolean }> {
  const existing = await db
    .selectFrom('quiz_attempts')
    .select(['id', 'user_id'])
    .where('submission_key', '=', input.submissionKey)
    .executeTakeFirst();
  if (existing && existing.user_id === input.userId) return { id: existing.id, duplicate: true };
  const key = existing ? randomUUID() : input.submissionKey;
  const score = scoreQuiz(input.quiz, input.responses);
  const id = randomUUID();
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('quiz_attempts')
        .values({
          id,
          user_id: input.userId,
          course_slug: input.courseSlug,
          unit_slug: input.unitSlug,
          content_version: input.contentVersion,
          snapshot: JSON.stringify(input.quiz),
          responses: JSON.stringify(input.responses),
          correct: score.correct,
          total: score.total,
          percent: score.percent,
          passed: score.passed ? 1 : 0,
          submitted_at: now,
          submission_key: key,
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
            completed_by: eb.fn.coalesce('unit_progress.completed_by', eb.val(completes ? 'quiz' : null)),
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
    });
  } catch (e) {
    // Two requests with one key raced: the other one won, and that is the attempt.
    const winner = await db
      .selectFrom('quiz_attempts')
      .select('id')
      .where('submission_key', '=', key)
      .where('user_id', '=', input.userId)
      .executeTakeFirst();
    if (winner) return { id: winner.id, duplicate: true };
    throw e;
  }
  return { id, duplicate: false };
}

/** Every quiz attempt of a trainee in a course, with snapshots, for their trainer's page. */
export async function listTraineeQuizAttempts(db: Kysely<Database>, userId: string, courseSlug: string) {
  const rows = await db
    .selectFrom('quiz_attempts')
    .select(['id', 'unit_slug', 'percent', 'passed', 'submitted_at', 'snapshot', 'responses'])
    .where('user_id', '=', userId)
    .where('course_slug', '=', courseSlug)
    .orderBy('submitted_at', 'asc')
    .execute();
  return rows.map((r) => ({
    ...r,
    passed: r.passed === 1,
    snapshot: JSON.parse(r.snapshot) as Quiz,
    responses: JSON.parse(r.responses) as Responses,
  }));
}
