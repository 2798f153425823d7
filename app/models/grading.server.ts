import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema';
import { rubricMax, scoreExam } from '../domain/exam';
import { type RubricSubmission, scoreRubric } from '../domain/rubric';
import { translator } from '../i18n/intl.server';
import { type Viewer, visibleTrainees } from './cohort.server';
import { decodeItemSnapshot } from './exam-item.server';
import { localeOfUser } from './locale.server';
import { notify } from './notification.server';

// Anonymous grading (ADR 015): until release, graders know an attempt only by its grading
// token, a random string unrelated to the attempt id, the user id or any time.

const TOKEN_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** The shape of a grading token, for validating URL params. */
export const GRADING_TOKEN = /^[0-9A-HJKMNP-TV-Z]{10}$/;

/** A fresh grading token: 10 Crockford base-32 characters (50 random bits). */
export function newGradingToken(): string {
  return Array.from(randomBytes(10), (b) => TOKEN_ALPHABET[b & 31]).join('');
}

// grades.levels and grades.comments are JSON maps keyed by rubric criterion id; these are their
// only decoders (a row that does not decode was not written by this code, and throws).
let levelsSchema: z.ZodType<Record<string, number>> | undefined;
let commentsSchema: z.ZodType<Record<string, string>> | undefined;

/** grades.levels: criterion id -> the points of the level chosen. */
export function decodeGradeLevels(text: string): Record<string, number> {
  levelsSchema ??= z.record(z.string(), z.number());
  const parsed = levelsSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error('grades.levels does not decode');
  return parsed.data;
}

/** grades.comments: criterion id -> the grader's comment. */
export function decodeGradeComments(text: string): Record<string, string> {
  commentsSchema ??= z.record(z.string(), z.string());
  const parsed = commentsSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error('grades.comments does not decode');
  return parsed.data;
}

/** Written answers are graded anonymously: this label stands in for the name until release. */
export function candidateLabel(token: string): string {
  return `Candidate ${candidateCode(token)}`;
}

/** The code part of a candidate's label ("1a2b3-…"), for pages that say "Candidate" in their own language. */
export function candidateCode(token: string): string {
  return `${token.slice(0, 5)}-${token.slice(5)}`;
}

/**
 * Attempts the viewer may grade: trainees of the groups they teach (taughtCohortIds) (admins: everyone's), never
 * the viewer's own attempts, so no one grades or releases their own exam.
 */
function visibleAttempts(db: Kysely<Database>, viewer: Viewer) {
  const q = db.selectFrom('exam_attempts as a').where('a.user_id', '!=', viewer.id);
  const scope = visibleTrainees(db, viewer);
  return scope ? q.where('a.user_id', 'in', scope) : q;
}

/**
 * Submitted attempts with written answers and how many are graded. Ordered by the token and
 * carrying no times, so neither the order nor the rows hint at who submitted when.
 */
export async function gradingQueue(db: Kysely<Database>, viewer: Viewer) {
  const rows = await visibleAttempts(db, viewer)
    .innerJoin('exam_attempt_items as i', (j) => j.onRef('i.attempt_id', '=', 'a.id').on('i.kind', '=', 'written'))
    .leftJoin('grades as g', 'g.attempt_item_id', 'i.id')
    .select((eb) => [
      'a.grading_token',
      'a.status',
      'a.form_id',
      eb.fn.count<number>('i.id').as('written'),
      eb.fn.count<number>(eb.case().when('g.status', '=', 'final').then(1).end()).as('final'),
    ])
    .where('a.status', 'in', ['submitted', 'graded'])
    .groupBy(['a.grading_token', 'a.status', 'a.form_id'])
    .orderBy('a.grading_token')
    .execute();
  return rows.map((r) => ({
    token: r.grading_token,
    status: r.status,
    form_id: r.form_id,
    written: Number(r.written),
    final: Number(r.final),
    label: candidateLabel(r.grading_token),
  }));
}

/** The attempt a grading token names, if the viewer may grade it (else undefined: answer 404). */
export async function findGradableAttempt(db: Kysely<Database>, viewer: Viewer, token: string) {
  const row = await visibleAttempts(db, viewer).select('a.id').where('a.grading_token', '=', token).executeTakeFirst();
  return row?.id;
}

export interface GradeInput {
  attemptId: string;
  attemptItemId: string;
  graderId: string;
  submission: RubricSubmission;
  overall: string;
  finalise: boolean;
  reason: string;
}

export type GradeResult = { ok: true; points: number; status: 'draft' | 'final' } | { ok: false; errors: Record<string, string> };

/** The attempt's score from its items and final grades, read inside a transaction. */
async function scoreInTransaction(trx: Transaction<Database>, attemptId: string, passPercent: number) {
  const items = await trx
    .selectFrom('exam_attempt_items as i')
    .leftJoin('grades as g', 'g.attempt_item_id', 'i.id')
    .select(['i.kind', 'i.area', 'i.correct', 'i.snapshot', 'g.status as grade_status', 'g.points'])
    .where('i.attempt_id', '=', attemptId)
    .execute();
  return scoreExam(
    items.map((i) => {
      const snap = decodeItemSnapshot(i.snapshot);
      return {
        area: i.area,
        kind: i.kind,
        correct: i.correct,
        points: i.grade_status === 'final' ? i.points : null,
        maxPoints: snap.kind === 'written' ? rubricMax(snap.rubric) : 1,
      };
    }),
    passPercent,
    [],
  );
}

async function refreshAttempt(trx: Transaction<Database>, attemptId: string) {
  const attempt = await trx.selectFrom('exam_attempts').selectAll().where('id', '=', attemptId).executeTakeFirstOrThrow();
  const score = await scoreInTransaction(trx, attemptId, attempt.pass_percent);
  if (attempt.status === 'submitted' && score.complete) {
    await trx
      .updateTable('exam_attempts')
      .set({ status: 'graded', written_points: score.writtenPoints })
      .where('id', '=', attemptId)
      .execute();
  } else if (attempt.status === 'graded' && !score.complete) {
    await trx.updateTable('exam_attempts').set({ status: 'submitted' }).where('id', '=', attemptId).execute();
  } else if (attempt.status === 'released') {
    // A regrade after release changes the released result at once.
    await trx
      .updateTable('exam_attempts')
      .set({ written_points: score.writtenPoints, final_percent: score.percent, passed: score.passed ? 1 : 0 })
      .where('id', '=', attemptId)
      .execute();
  }
}

/**
 * Saves a draft or final grade for one written answer, in one transaction with its audit
 * trail. Changing a final grade needs a reason and records who, when, from what to what and
 * why. When the last written answer of an attempt is final, the attempt is ready to release.
 */
export async function saveGrade(db: Kysely<Database>, input: GradeInput, now = Date.now()): Promise<GradeResult> {
  return db.transaction().execute(async (trx) => {
    const item = await trx
      .selectFrom('exam_attempt_items as i')
      .innerJoin('exam_attempts as a', 'a.id', 'i.attempt_id')
      .select(['i.id', 'i.kind', 'i.snapshot', 'i.attempt_id', 'a.status', 'a.user_id'])
      .where('i.id', '=', input.attemptItemId)
      .where('i.attempt_id', '=', input.attemptId)
      .executeTakeFirst();
    if (item?.kind !== 'written') return { ok: false, errors: { form: 'trainer.grade.error.notGradable' } };
    if (item.user_id === input.graderId) return { ok: false, errors: { form: 'trainer.grade.error.ownExam' } };
    if (item.status === 'in_progress') return { ok: false, errors: { form: 'trainer.grade.error.inProgress' } };
    const snap = decodeItemSnapshot(item.snapshot);
    if (snap.kind !== 'written') return { ok: false, errors: { form: 'trainer.grade.error.notGradable' } };
    const existing = await trx.selectFrom('grades').selectAll().where('attempt_item_id', '=', item.id).executeTakeFirst();
    const wasFinal = existing?.status === 'final';
    // A final grade stays final, so a change to it must be complete too.
    const scored = scoreRubric(snap.rubric, input.submission, input.finalise || wasFinal);
    const errors = scored.ok ? {} : { ...scored.errors };
    if (wasFinal && !input.reason.trim()) errors.reason = 'trainer.grade.error.reason';
    if (!scored.ok || Object.keys(errors).length) return { ok: false, errors };

    const points = scored.points;
    const status: 'draft' | 'final' = input.finalise || wasFinal ? 'final' : 'draft';
    const values = {
      grader_id: input.graderId,
      status,
      levels: JSON.stringify(scored.levels),
      comments: JSON.stringify(scored.comments),
      overall_comment: input.overall,
      points,
      max_points: scored.max,
      updated_at: now,
    };
    let gradeId = existing?.id;
    if (existing) await trx.updateTable('grades').set(values).where('id', '=', existing.id).execute();
    else {
      gradeId = randomUUID();
      await trx
        .insertInto('grades')
        .values({ id: gradeId, attempt_item_id: item.id, ...values })
        .execute();
    }
    if (status === 'final' && (!wasFinal || existing?.points !== points || existing.levels !== values.levels)) {
      await trx
        .insertInto('grade_events')
        .values({
          id: randomUUID(),
          grade_id: gradeId as string,
          actor_id: input.graderId,
          at: now,
          action: wasFinal ? 'regraded' : 'finalised',
          from_points: wasFinal ? (existing?.points ?? null) : null,
          to_points: points,
          reason: input.reason.trim(),
        })
        .execute();
    }
    await refreshAttempt(trx, item.attempt_id);
    return { ok: true, points, status };
  });
}

/** Releases a fully graded attempt: the trainee sees the final score. Idempotent. */
export async function releaseAttempt(
  db: Kysely<Database>,
  attemptId: string,
  releasedBy: string,
  now = Date.now(),
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const a = await trx.selectFrom('exam_attempts').selectAll().where('id', '=', attemptId).executeTakeFirst();
    if (a?.status !== 'graded' || a.user_id === releasedBy) return false;
    const score = await scoreInTransaction(trx, attemptId, a.pass_percent);
    if (!score.complete) return false;
    const r = await trx
      .updateTable('exam_attempts')
      .set({
        status: 'released',
        written_points: score.writtenPoints,
        final_percent: score.percent,
        passed: score.passed ? 1 : 0,
        released_at: now,
        released_by: releasedBy,
      })
      .where('id', '=', attemptId)
      .where('status', '=', 'graded')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    // Told at release, in the same transaction: never at grading time (ADR 015, ADR 025).
    const t = translator(await localeOfUser(trx, a.user_id));
    await notify(
      trx,
      {
        userId: a.user_id,
        kind: 'result',
        title: t('account.notice.result.title'),
        body: t('account.notice.result.body'),
        link: `/courses/${a.course_slug}/exam/attempts/${a.id}/result`,
      },
      now,
    );
    return true;
  });
}

/** Releases every fully graded attempt the viewer can see; returns how many. */
export async function releaseAllGraded(db: Kysely<Database>, viewer: Viewer, now = Date.now()) {
  const rows = await visibleAttempts(db, viewer).select('a.id').where('a.status', '=', 'graded').execute();
  let n = 0;
  for (const r of rows) if (await releaseAttempt(db, r.id, viewer.id, now)) n++;
  return n;
}

/** The audit trail of an attempt's grades, newest first. */
export function gradeHistory(db: Kysely<Database>, attemptId: string) {
  return db
    .selectFrom('grade_events as e')
    .innerJoin('grades as g', 'g.id', 'e.grade_id')
    .innerJoin('exam_attempt_items as i', 'i.id', 'g.attempt_item_id')
    .innerJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.id', 'e.at', 'e.action', 'e.from_points', 'e.to_points', 'e.reason', 'u.name as actor', 'i.position'])
    .where('i.attempt_id', '=', attemptId)
    .orderBy('e.at', 'desc')
    .execute();
}
