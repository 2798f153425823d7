import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Quiz } from '../content/schema';
import type { Bin } from '../domain/chart-scale';
import { isAnswerRight } from '../domain/quiz';
import {
  type AttemptRecord,
  type ItemStats,
  itemStatistics,
  type ResponseRecord,
  scoreDistribution,
  selectAttempts,
  type TestStats,
  testStatistics,
} from '../domain/statistics';
import { type Viewer, visibleTrainees } from './cohort.server';
import { readAttemptResponses } from './exam-responses.server';
import { decodeQuizResponses, decodeQuizSnapshot } from './quiz-attempt.server';

// Response data for item analysis. Scope: the trainees the viewer may see (visibleTrainees).

export interface AnalysisFigures {
  /** Attempts per tenth of the score range (0-10 %, ..., 90-100 %). */
  distribution: Bin[];
  items: ItemStats[];
  test: TestStats;
}

/**
 * The attempts of one edition (language), or all of them (null: combined by item id, which the
 * shared ids of every edition allow). The choice of "first" attempts is made over all editions
 * first, so the figures per edition add up to the combined ones.
 */
function inEdition<T extends { locale: string }>(attempts: T[], edition: string | null | undefined): T[] {
  return edition ? attempts.filter((a) => a.locale === edition) : attempts;
}

/** Attempts per query; also bounds the ids per IN list (far below SQLite's and PostgreSQL's limits). */
const CHUNK = 2000;

/**
 * Item and test statistics over the finalised exam attempts of one form (slot = position in the
 * attempt). Reads each attempt's compact record (written when it was finalised; see
 * app/models/exam-responses.server.ts and docs/decisions/021-compact-exam-responses.md), CHUNK
 * attempts per query, plus the final grades of their written answers. Ungraded written answers
 * are left out until graded.
 */
export async function examStatistics(
  db: Kysely<Database>,
  viewer: Viewer,
  input: { courseSlug: string; formId: string; which: 'first' | 'all'; edition?: string | null },
  opts: { chunk?: number } = {},
): Promise<AnalysisFigures> {
  const chunk = opts.chunk ?? CHUNK;
  let q = db
    .selectFrom('exam_attempts')
    .select(['id', 'user_id', 'submitted_at', 'locale'])
    .where('course_slug', '=', input.courseSlug)
    .where('form_id', '=', input.formId)
    .where('status', '!=', 'in_progress');
  const scope = visibleTrainees(db, viewer);
  if (scope) q = q.where('user_id', 'in', scope);
  const ids = inEdition(
    selectAttempts(
      (await q.execute()).map((a) => ({ id: a.id, userId: a.user_id, submittedAt: a.submitted_at ?? 0, locale: a.locale })),
      input.which,
    ),
    input.edition,
  ).map((a) => a.id);

  const records: AttemptRecord[] = [];
  const choice = choiceRecords();
  for (let from = 0; from < ids.length; from += chunk) {
    const batch = ids.slice(from, from + chunk);
    const stored = await readAttemptResponses(db, batch);
    const written: string[] = [];
    for (const entries of stored.values()) for (const e of entries) if (e.length === 3) written.push(e[2]);
    const grades = new Map<string, { points: number; max: number }>();
    for (let w = 0; w < written.length; w += chunk) {
      const found = await db
        .selectFrom('grades')
        .select(['attempt_item_id', 'points', 'max_points'])
        .where('status', '=', 'final')
        .where('attempt_item_id', 'in', written.slice(w, w + chunk))
        .execute();
      for (const g of found) grades.set(g.attempt_item_id, { points: g.points, max: g.max_points });
    }
    for (const attemptId of batch) {
      const responses: ResponseRecord[] = [];
      for (const e of stored.get(attemptId) ?? []) {
        if (e.length === 4) responses.push(choice(e[0], e[1], e[2], e[3]));
        else {
          const grade = grades.get(e[2]);
          if (grade?.max)
            responses.push({ slot: `${e[0]}`, itemId: e[1], score: grade.points, maxScore: grade.max, option: null });
        }
      }
      records.push({ attemptId, responses });
    }
  }
  return { items: itemStatistics(records), test: testStatistics(records), distribution: scoreDistribution(records) };
}

/**
 * The record of a choice response, one shared object per (position, item, correct, option): a
 * few thousand distinct ones stand for millions of responses, which keeps a report over every
 * attempt from filling the heap with identical objects (docs/decisions/010-item-analysis-at-scale.md).
 */
function choiceRecords() {
  const byPosition: Map<string, Map<string | null, ResponseRecord[]>>[] = [];
  return (position: number, itemId: string, correct: 0 | 1, option: string | null): ResponseRecord => {
    byPosition[position] ??= new Map();
    const byItem = byPosition[position];
    let byOption = byItem.get(itemId);
    if (!byOption) {
      byOption = new Map();
      byItem.set(itemId, byOption);
    }
    let pair = byOption.get(option);
    if (!pair) {
      pair = [];
      byOption.set(option, pair);
    }
    pair[correct] ??= { slot: `${position}`, itemId, score: correct, maxScore: 1, option };
    return pair[correct];
  };
}

/** Attempts at one unit quiz as statistics input (slot = question id). */
export async function quizResponses(
  db: Kysely<Database>,
  viewer: Viewer,
  input: { courseSlug: string; unitSlug: string; which: 'first' | 'all'; edition?: string | null },
): Promise<AttemptRecord[]> {
  let q = db
    .selectFrom('quiz_attempts')
    .select(['id', 'user_id', 'submitted_at', 'snapshot', 'responses', 'locale'])
    .where('course_slug', '=', input.courseSlug)
    .where('unit_slug', '=', input.unitSlug);
  const scope = visibleTrainees(db, viewer);
  if (scope) q = q.where('user_id', 'in', scope);
  const rows = await q.execute();
  const chosen = inEdition(
    selectAttempts(
      rows.map((r) => ({ ...r, userId: r.user_id, submittedAt: r.submitted_at })),
      input.which,
    ),
    input.edition,
  );
  const snapshots = new Map<string, Quiz>();
  return chosen.map((r) => {
    // Many attempts share one quiz version: parse each distinct snapshot once.
    let quiz = snapshots.get(r.snapshot);
    if (!quiz) {
      quiz = decodeQuizSnapshot(r.snapshot);
      snapshots.set(r.snapshot, quiz);
    }
    const responses = decodeQuizResponses(r.responses);
    return {
      attemptId: r.id,
      responses: quiz.questions.map((question) => {
        const picked = [...(responses[question.id] ?? [])].sort();
        return {
          slot: question.id,
          itemId: question.id,
          score: isAnswerRight(question, picked) ? 1 : 0,
          maxScore: 1,
          option: picked.length ? picked.join(',') : null,
        };
      }),
    };
  });
}

/** Item and test statistics over the attempts at one unit quiz. */
export async function quizStatistics(
  db: Kysely<Database>,
  viewer: Viewer,
  input: { courseSlug: string; unitSlug: string; which: 'first' | 'all'; edition?: string | null },
): Promise<AnalysisFigures> {
  const records = await quizResponses(db, viewer, input);
  return { items: itemStatistics(records), test: testStatistics(records), distribution: scoreDistribution(records) };
}
