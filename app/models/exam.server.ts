import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { groupCommit } from '../../db/group-commit';
import type { Database } from '../../db/schema';
import type { ExamContent } from '../content/load.server';
import type { ExamForm } from '../content/schema';
import {
  canStartExam,
  drawExam,
  examDeadline,
  type ItemSnapshot,
  isChoiceRight,
  isPastDeadline,
  rubricMax,
  type StartPermission,
  scoreExam,
} from '../domain/exam';
import { decodeItemResponse, decodeItemSnapshot } from './exam-item.server';
import { type FinalisedItem, writeAttemptResponses } from './exam-responses.server';
import { decodeGradeComments, decodeGradeLevels, newGradingToken } from './grading.server';

export type { AttemptStatus } from '../../db/schema';

export function listExamAttempts(db: Kysely<Database>, userId: string, courseSlug: string) {
  return db
    .selectFrom('exam_attempts')
    .selectAll()
    .where('user_id', '=', userId)
    .where('course_slug', '=', courseSlug)
    .orderBy('started_at', 'desc')
    .execute();
}

/**
 * Starts an attempt: draws items per blueprint, stores the draw's seed and a snapshot of every
 * item, and fixes the deadline from the trainee's accommodation. One attempt in progress per
 * trainee and course (a unique index enforces it even when two tabs race).
 */
export async function startExamAttempt(
  db: Kysely<Database>,
  input: {
    userId: string;
    courseSlug: string;
    exam: ExamContent;
    form: ExamForm;
    locale?: string;
    /** The published content tree the exam was drawn from (docs/decisions/030-content-store.md). */
    contentTreeId?: string | null;
  },
  now = Date.now(),
): Promise<StartPermission<{ attemptId: string }>> {
  const attempts = await listExamAttempts(db, input.userId, input.courseSlug);
  const permission = canStartExam(input.form, attempts, now);
  if (!permission.ok) return permission;
  const user = await db
    .selectFrom('users')
    .select(['time_multiplier', 'no_time_limit'])
    .where('id', '=', input.userId)
    .executeTakeFirstOrThrow();
  const seed = randomBytes(12).toString('hex');
  const drawn = drawExam(input.form, input.exam.items, input.exam.scenarios, seed);
  const id = randomUUID();
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('exam_attempts')
        .values({
          id,
          user_id: input.userId,
          course_slug: input.courseSlug,
          form_id: input.form.id,
          status: 'in_progress',
          seed,
          grading_token: newGradingToken(),
          pass_percent: input.exam.definition.passPercent,
          content_version: input.exam.version,
          content_tree_id: input.contentTreeId ?? null,
          locale: input.locale ?? 'en',
          started_at: now,
          deadline_at: examDeadline(now, input.form.timeLimitMinutes, {
            multiplier: user.time_multiplier,
            noLimit: user.no_time_limit === 1,
          }),
          submitted_at: null,
          submitted_by: null,
          objective_correct: null,
          objective_total: null,
          written_points: null,
          written_max: null,
          final_percent: null,
          passed: null,
          released_at: null,
          released_by: null,
        })
        .execute();
      const rows = drawn.map((d) => ({
        id: randomUUID(),
        attempt_id: id,
        position: d.position,
        item_id: d.itemId,
        kind: d.snapshot.kind,
        area: d.area,
        snapshot: JSON.stringify(d.snapshot),
        response: null,
        saved_at: null,
        correct: null,
      }));
      // Chunked so a long form stays under SQLite's bound-parameter limit.
      for (let i = 0; i < rows.length; i += 50)
        await trx
          .insertInto('exam_attempt_items')
          .values(rows.slice(i, i + 50))
          .execute();
    });
  } catch (e) {
    const active = (await listExamAttempts(db, input.userId, input.courseSlug)).find((a) => a.status === 'in_progress');
    if (active) return { ok: false, reason: 'active', attemptId: active.id };
    throw e;
  }
  return { ok: true, attemptId: id };
}

/** An attempt if it belongs to this user (else undefined: callers answer 404). */
export function getOwnAttempt(db: Kysely<Database>, userId: string, attemptId: string) {
  return db.selectFrom('exam_attempts').selectAll().where('id', '=', attemptId).where('user_id', '=', userId).executeTakeFirst();
}

export function getAttempt(db: Kysely<Database>, attemptId: string) {
  return db.selectFrom('exam_attempts').selectAll().where('id', '=', attemptId).executeTakeFirst();
}

export interface AttemptItem {
  id: string;
  position: number;
  itemId: string;
  kind: 'choice' | 'written';
  area: string;
  snapshot: ItemSnapshot;
  response: string | null;
  flagged: boolean;
  savedAt: number | null;
  correct: number | null;
}

export async function getAttemptItems(db: Kysely<Database>, attemptId: string): Promise<AttemptItem[]> {
  const rows = await db
    .selectFrom('exam_attempt_items')
    .selectAll()
    .where('attempt_id', '=', attemptId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    position: r.position,
    itemId: r.item_id,
    kind: r.kind,
    area: r.area,
    snapshot: decodeItemSnapshot(r.snapshot),
    response: decodeItemResponse(r.response),
    flagged: r.flagged === 1,
    savedAt: r.saved_at,
    correct: r.correct,
  }));
}

export type SaveResult = { ok: true; savedAt: number } | { ok: false; reason: 'closed' | 'not-found' | 'invalid' };

/**
 * Saves one answer (and/or its review flag). Refused once the attempt is submitted or its
 * deadline has passed; a save after the deadline finalises the attempt with what was saved.
 */
export async function saveExamResponse(
  db: Kysely<Database>,
  input: { userId: string; attemptId: string; position: number; response?: string | null; flagged?: boolean },
  now = Date.now(),
  /** The attempt row when the caller has just read it (the route guard does), to skip a read. */
  known?: { id: string; user_id: string; status: string; deadline_at: number | null },
): Promise<SaveResult> {
  const attempt =
    known && known.id === input.attemptId && known.user_id === input.userId
      ? known
      : await getOwnAttempt(db, input.userId, input.attemptId);
  if (!attempt) return { ok: false, reason: 'not-found' };
  if (attempt.status !== 'in_progress') return { ok: false, reason: 'closed' };
  if (isPastDeadline(attempt.deadline_at, now)) {
    await submitExamAttempt(db, attempt.id, 'deadline', now);
    return { ok: false, reason: 'closed' };
  }
  const item = await db
    .selectFrom('exam_attempt_items')
    .select(['id', 'kind', 'snapshot'])
    .where('attempt_id', '=', attempt.id)
    .where('position', '=', input.position)
    .executeTakeFirst();
  if (!item) return { ok: false, reason: 'not-found' };
  const set: { response?: string | null; flagged?: number; saved_at: number } = { saved_at: now };
  if (input.response !== undefined) {
    if (input.response === null || input.response === '') set.response = null;
    else {
      if (item.kind === 'choice') {
        const snap = decodeItemSnapshot(item.snapshot);
        if (snap.kind !== 'choice' || !snap.options.some((o) => o.id === input.response)) return { ok: false, reason: 'invalid' };
      }
      set.response = JSON.stringify(input.response);
    }
  }
  if (input.flagged !== undefined) set.flagged = input.flagged ? 1 : 0;
  // The status condition makes a save that races a submit lose cleanly instead of landing after it.
  // Saves arriving together share one commit (db/group-commit.ts).
  const { changes } = await groupCommit(
    db,
    db
      .updateTable('exam_attempt_items')
      .set(set)
      .where('id', '=', item.id)
      .where((eb) =>
        eb.exists(eb.selectFrom('exam_attempts').select('id').where('id', '=', attempt.id).where('status', '=', 'in_progress')),
      ),
  );
  if (changes !== 1) return { ok: false, reason: 'closed' };
  return { ok: true, savedAt: now };
}

/**
 * Finalises an attempt: scores the multiple-choice items and closes it, in one transaction.
 * Idempotent: only the first call changes anything (double clicks, two tabs, retries and the
 * deadline sweep all end in one finalised attempt). An attempt without written items is
 * final at once; one with written items waits for grading.
 */
export async function submitExamAttempt(
  db: Kysely<Database>,
  attemptId: string,
  by: 'trainee' | 'deadline',
  now = Date.now(),
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const attempt = await trx.selectFrom('exam_attempts').select(['pass_percent']).where('id', '=', attemptId).executeTakeFirst();
    if (!attempt) return false;
    const claimed = await trx
      .updateTable('exam_attempts')
      .set({ status: 'submitted', submitted_at: now, submitted_by: by })
      .where('id', '=', attemptId)
      .where('status', '=', 'in_progress')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return false;
    const items = await trx
      .selectFrom('exam_attempt_items')
      .select(['id', 'kind', 'snapshot', 'response', 'area', 'position', 'item_id'])
      .where('attempt_id', '=', attemptId)
      .execute();
    const right: string[] = [];
    const wrong: string[] = [];
    const finalised: FinalisedItem[] = [];
    let writtenMax = 0;
    for (const it of items) {
      const snap = decodeItemSnapshot(it.snapshot);
      const option = snap.kind === 'choice' ? decodeItemResponse(it.response) : null;
      const correct = snap.kind === 'choice' && isChoiceRight(snap, option);
      if (snap.kind === 'choice') (correct ? right : wrong).push(it.id);
      else writtenMax += rubricMax(snap.rubric);
      finalised.push({ id: it.id, position: it.position, itemId: it.item_id, kind: snap.kind, option, correct });
    }
    // What item analysis reads (ADR 021), in the same transaction as the scores.
    await writeAttemptResponses(trx, attemptId, finalised);
    for (let i = 0; i < right.length; i += 200)
      await trx
        .updateTable('exam_attempt_items')
        .set({ correct: 1 })
        .where('id', 'in', right.slice(i, i + 200))
        .execute();
    for (let i = 0; i < wrong.length; i += 200)
      await trx
        .updateTable('exam_attempt_items')
        .set({ correct: 0 })
        .where('id', 'in', wrong.slice(i, i + 200))
        .execute();
    const hasWritten = items.some((i) => i.kind === 'written');
    const objectiveTotal = right.length + wrong.length;
    const update = { objective_correct: right.length, objective_total: objectiveTotal, written_max: writtenMax };
    if (hasWritten) await trx.updateTable('exam_attempts').set(update).where('id', '=', attemptId).execute();
    else {
      // Without written items the choice score is final, scored as every exam score is (scoreExam).
      const isRight = new Set(right);
      const score = scoreExam(
        items.map((i) => ({ area: i.area, kind: 'choice', correct: isRight.has(i.id) ? 1 : 0, points: null, maxPoints: 1 })),
        attempt.pass_percent,
        [],
      );
      await trx
        .updateTable('exam_attempts')
        .set({
          ...update,
          status: 'released',
          written_points: 0,
          final_percent: score.percent,
          passed: score.passed ? 1 : 0,
          released_at: now,
        })
        .where('id', '=', attemptId)
        .execute();
    }
    return true;
  });
}

/**
 * Closes one attempt whose deadline has passed, with the answers saved so far (as the deadline
 * sweep would), and returns the attempt as it now is; any other attempt comes back unchanged.
 * The result page calls it, so a trainee who comes back late sees "time ran out" and the score.
 */
export async function finaliseIfOverdue(
  db: Kysely<Database>,
  attempt: Selectable<Database['exam_attempts']>,
  now = Date.now(),
): Promise<Selectable<Database['exam_attempts']>> {
  if (attempt.status !== 'in_progress' || !isPastDeadline(attempt.deadline_at, now)) return attempt;
  await submitExamAttempt(db, attempt.id, 'deadline', now);
  return (await getOwnAttempt(db, attempt.user_id, attempt.id)) ?? attempt;
}

/** Finalises every attempt whose deadline has passed, whether or not the trainee came back. */
export async function finaliseOverdueAttempts(db: Kysely<Database>, now = Date.now()): Promise<number> {
  const overdue = await db
    .selectFrom('exam_attempts')
    .select('id')
    .where('status', '=', 'in_progress')
    .where('deadline_at', '<', now)
    .execute();
  let n = 0;
  for (const a of overdue) if (await submitExamAttempt(db, a.id, 'deadline', now)) n++;
  return n;
}

/** Adds time to an attempt in progress (WCAG 2.2.1: timing adjustable). */
export async function extendAttempt(db: Kysely<Database>, attemptId: string, minutes: number): Promise<boolean> {
  const a = await getAttempt(db, attemptId);
  if (a?.status !== 'in_progress' || a.deadline_at === null) return false;
  await db
    .updateTable('exam_attempts')
    .set({ deadline_at: a.deadline_at + minutes * 60_000 })
    .where('id', '=', attemptId)
    .where('status', '=', 'in_progress')
    .execute();
  return true;
}

export async function setAccommodation(db: Kysely<Database>, userId: string, input: { multiplier: number; noLimit: boolean }) {
  await db
    .updateTable('users')
    .set({ time_multiplier: input.multiplier, no_time_limit: input.noLimit ? 1 : 0 })
    .where('id', '=', userId)
    .execute();
}

/** Final grades of an attempt's written items (item id -> points), for scoring. */
export async function finalGrades(db: Kysely<Database>, attemptId: string) {
  const rows = await db
    .selectFrom('grades as g')
    .innerJoin('exam_attempt_items as i', 'i.id', 'g.attempt_item_id')
    .select(['i.id as item_id', 'g.points', 'g.status', 'g.levels', 'g.comments', 'g.overall_comment', 'g.max_points'])
    .where('i.attempt_id', '=', attemptId)
    .execute();
  return new Map(
    rows.map((r) => [r.item_id, { ...r, levels: decodeGradeLevels(r.levels), comments: decodeGradeComments(r.comments) }]),
  );
}

/** The attempt's score from its items and final grades (partial until every written item is graded). */
export async function attemptScore(db: Kysely<Database>, attemptId: string, passPercent: number, areaOrder: string[]) {
  const [items, grades] = await Promise.all([getAttemptItems(db, attemptId), finalGrades(db, attemptId)]);
  return {
    items,
    grades,
    score: scoreExam(
      items.map((i) => {
        const g = grades.get(i.id);
        return {
          area: i.area,
          kind: i.kind,
          correct: i.correct,
          points: g && g.status === 'final' ? g.points : null,
          maxPoints: i.snapshot.kind === 'written' ? rubricMax(i.snapshot.rubric) : 1,
        };
      }),
      passPercent,
      areaOrder,
    ),
  };
}
