import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Quiz } from '../content/schema';
import { answerOf } from '../domain/quiz';
import type { AttemptRecord } from '../domain/statistics';
import { selectAttempts } from '../domain/statistics';
import type { SessionUser } from '../utils/auth.server';

// Response data for item analysis, in a fixed number of queries: one for attempts, one for
// their items. Scope: trainees in the viewer's cohorts (admins: everyone).

function visibleUsers(db: Kysely<Database>, viewer: SessionUser) {
  return db
    .selectFrom('cohort_members as m')
    .innerJoin('cohorts as c', 'c.id', 'm.cohort_id')
    .select('m.user_id')
    .where('c.trainer_id', '=', viewer.id);
}

/** Finalised exam attempts of one form as statistics input (slot = position in the attempt). */
export async function examResponses(
  db: Kysely<Database>,
  viewer: SessionUser,
  input: { courseSlug: string; formId: string; which: 'first' | 'all' },
): Promise<AttemptRecord[]> {
  let q = db
    .selectFrom('exam_attempts')
    .select(['id', 'user_id', 'submitted_at'])
    .where('course_slug', '=', input.courseSlug)
    .where('form_id', '=', input.formId)
    .where('status', '!=', 'in_progress');
  if (viewer.role !== 'admin') q = q.where('user_id', 'in', visibleUsers(db, viewer));
  const attempts = selectAttempts(
    (await q.execute()).map((a) => ({ id: a.id, userId: a.user_id, submittedAt: a.submitted_at ?? 0 })),
    input.which,
  );
  if (!attempts.length) return [];
  const byAttempt = new Map<string, AttemptRecord>(attempts.map((a) => [a.id, { attemptId: a.id, responses: [] }]));
  const ids = attempts.map((a) => a.id);
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('exam_attempt_items as i')
      .leftJoin('grades as g', (j) => j.onRef('g.attempt_item_id', '=', 'i.id').on('g.status', '=', 'final'))
      .select(['i.attempt_id', 'i.position', 'i.item_id', 'i.kind', 'i.response', 'i.correct', 'g.points', 'g.max_points'])
      .where('i.attempt_id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      const rec = byAttempt.get(r.attempt_id);
      if (!rec) continue;
      if (r.kind === 'written') {
        // Ungraded written answers have no score yet: left out until graded.
        if (r.points === null || !r.max_points) continue;
        rec.responses.push({
          slot: String(r.position),
          itemId: r.item_id,
          score: r.points,
          maxScore: r.max_points,
          option: null,
        });
      } else {
        rec.responses.push({
          slot: String(r.position),
          itemId: r.item_id,
          score: r.correct === 1 ? 1 : 0,
          maxScore: 1,
          option: r.response === null ? null : (JSON.parse(r.response) as string),
        });
      }
    }
  }
  return [...byAttempt.values()];
}

/** Attempts at one unit quiz as statistics input (slot = question id). */
export async function quizResponses(
  db: Kysely<Database>,
  viewer: SessionUser,
  input: { courseSlug: string; unitSlug: string; which: 'first' | 'all' },
): Promise<AttemptRecord[]> {
  let q = db
    .selectFrom('quiz_attempts')
    .select(['id', 'user_id', 'submitted_at', 'snapshot', 'responses'])
    .where('course_slug', '=', input.courseSlug)
    .where('unit_slug', '=', input.unitSlug);
  if (viewer.role !== 'admin') q = q.where('user_id', 'in', visibleUsers(db, viewer));
  const rows = await q.execute();
  const chosen = selectAttempts(
    rows.map((r) => ({ ...r, userId: r.user_id, submittedAt: r.submitted_at })),
    input.which,
  );
  const snapshots = new Map<string, Quiz>();
  return chosen.map((r) => {
    // Many attempts share one quiz version: parse each distinct snapshot once.
    let quiz = snapshots.get(r.snapshot);
    if (!quiz) {
      quiz = JSON.parse(r.snapshot) as Quiz;
      snapshots.set(r.snapshot, quiz);
    }
    const responses = JSON.parse(r.responses) as Record<string, string[]>;
    return {
      attemptId: r.id,
      responses: quiz.questions.map((question) => {
        const picked = [...(responses[question.id] ?? [])].sort();
        const answer = answerOf(question);
        const right = picked.length === answer.length && picked.every((v, i) => v === answer[i]);
        return {
          slot: question.id,
          itemId: question.id,
          score: right ? 1 : 0,
          maxScore: 1,
          option: picked.length ? picked.join(',') : null,
        };
      }),
    };
  });
}
