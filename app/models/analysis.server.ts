import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema';
import type { Quiz } from '../content/schema';
import { answerOf } from '../domain/quiz';
import {
  type AttemptRecord,
  accumulate,
  type ItemStats,
  ResponseStatistics,
  selectAttempts,
  type TestStats,
} from '../domain/statistics';
import type { SessionUser } from '../guards/auth.server';
import { taughtCohortIds } from './cohort.server';

// Response data for item analysis. Scope: trainees in the viewer's cohorts (admins: everyone).

function visibleUsers(db: Kysely<Database>, viewer: SessionUser) {
  return db.selectFrom('cohort_members as m').select('m.user_id').where('m.cohort_id', 'in', taughtCohortIds(db, viewer));
}

export interface AnalysisFigures {
  items: ItemStats[];
  test: TestStats;
}

// Separators for the per-attempt aggregate below: ASCII unit and record separators, which no
// item id (a slug), attempt item id (a UUID) or stored response (JSON text, where control
// characters are always escaped) can contain.
const FIELD = '\x1f';
const RECORD = '\x1e';
const W = 'w'.charCodeAt(0);
const ONE = '1'.charCodeAt(0);
/** Attempts per query; also bounds the ids per IN list (far below SQLite's and PostgreSQL's limits). */
const CHUNK = 2000;

/**
 * Item and test statistics over the finalised exam attempts of one form (slot = position in the
 * attempt). Reads CHUNK attempts per query, one row per attempt: the database joins each
 * attempt's items, in position order, into one string (`string_agg`, the same on SQLite 3.44+
 * and PostgreSQL), which is read here straight into the accumulator; no object per response is
 * made or kept (see docs/decisions/010-item-analysis-at-scale.md). Each record is
 *   tag position FIELD item_id FIELD payload
 * where tag is '1' (choice, correct), '0' (choice, not correct) or 'w' (written); payload is
 * '=' + the response JSON for an answered choice, '' for an unanswered one, and the attempt
 * item id for a written one, whose final grade a second query per chunk reads (so points are
 * never turned into text and back). Ungraded written answers are left out until graded.
 */
export async function examStatistics(
  db: Kysely<Database>,
  viewer: SessionUser,
  input: { courseSlug: string; formId: string; which: 'first' | 'all' },
  opts: { chunk?: number } = {},
): Promise<AnalysisFigures> {
  const chunk = opts.chunk ?? CHUNK;
  let q = db
    .selectFrom('exam_attempts')
    .select(['id', 'user_id', 'submitted_at'])
    .where('course_slug', '=', input.courseSlug)
    .where('form_id', '=', input.formId)
    .where('status', '!=', 'in_progress');
  if (viewer.role !== 'admin') q = q.where('user_id', 'in', visibleUsers(db, viewer));
  const ids = selectAttempts(
    (await q.execute()).map((a) => ({ id: a.id, userId: a.user_id, submittedAt: a.submitted_at ?? 0 })),
    input.which,
  ).map((a) => a.id);

  const stats = new ResponseStatistics();
  // item_id FIELD payload of a choice record -> its item id and option, parsed once per distinct text.
  const choices = new Map<string, { itemId: string; option: string | null }>();
  for (let from = 0; from < ids.length; from += chunk) {
    const batch = ids.slice(from, from + chunk);
    const rows = await db
      .selectFrom('exam_attempt_items as i')
      .select([
        'i.attempt_id',
        sql<string>`string_agg(
          case when i.kind = 'written' then 'w' when i.correct = 1 then '1' else '0' end
            || cast(i.position as text) || ${FIELD} || i.item_id || ${FIELD}
            || case when i.kind = 'written' then i.id when i.response is null then '' else '=' || i.response end,
          ${RECORD} order by i.position)`.as('responses'),
        sql<string | null>`string_agg(case when i.kind = 'written' then i.id end, ${RECORD})`.as('written'),
      ])
      .where('i.attempt_id', 'in', batch)
      .groupBy('i.attempt_id')
      .execute();

    // Rows come in no particular order: take the attempts in the order selectAttempts gave.
    const at = new Map(batch.map((id, i) => [id, i]));
    const texts: (string | undefined)[] = new Array(batch.length);
    const written: string[] = [];
    for (const r of rows) {
      texts[at.get(r.attempt_id)!] = r.responses;
      if (r.written) written.push(...r.written.split(RECORD));
    }
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

    for (const text of texts) {
      if (text !== undefined) readAttempt(text, stats, choices, grades);
      stats.endAttempt();
    }
  }
  return { items: stats.items(), test: stats.test() };
}

/** Feeds one attempt's aggregated records (see examStatistics) to the accumulator. */
function readAttempt(
  text: string,
  stats: ResponseStatistics,
  choices: Map<string, { itemId: string; option: string | null }>,
  grades: Map<string, { points: number; max: number }>,
): void {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf(RECORD, start);
    if (end < 0) end = text.length;
    const idAt = text.indexOf(FIELD, start + 1) + 1;
    // Positions are whole numbers from 1: read the digits without making a string.
    let position = 0;
    for (let c = start + 1; c < idAt - 1; c++) {
      const digit = text.charCodeAt(c) - 48;
      if (digit < 0 || digit > 9) {
        position = Number(text.slice(start + 1, idAt - 1));
        break;
      }
      position = position * 10 + digit;
    }
    const tag = text.charCodeAt(start);
    if (tag === W) {
      const payloadAt = text.indexOf(FIELD, idAt) + 1;
      const grade = grades.get(text.slice(payloadAt, end));
      if (grade?.max) stats.add(position, text.slice(idAt, payloadAt - 1), grade.points, grade.max, null);
    } else {
      const key = text.slice(idAt, end);
      let choice = choices.get(key);
      if (!choice) {
        const payloadAt = key.indexOf(FIELD) + 1;
        const option = payloadAt < key.length ? (JSON.parse(key.slice(payloadAt + 1)) as string) : null;
        choice = { itemId: key.slice(0, payloadAt - 1), option };
        choices.set(key, choice);
      }
      stats.add(position, choice.itemId, tag === ONE ? 1 : 0, 1, choice.option);
    }
    start = end + 1;
  }
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

/** Item and test statistics over the attempts at one unit quiz. */
export async function quizStatistics(
  db: Kysely<Database>,
  viewer: SessionUser,
  input: { courseSlug: string; unitSlug: string; which: 'first' | 'all' },
): Promise<AnalysisFigures> {
  const stats = accumulate(await quizResponses(db, viewer, input));
  return { items: stats.items(), test: stats.test() };
}
