import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rng } from '../../app/domain/random';
import {
  type AttemptRecord,
  itemStatistics,
  type ResponseRecord,
  scoreDistribution,
  selectAttempts,
  testStatistics,
} from '../../app/domain/statistics';
import type { SessionUser } from '../../app/guards/auth.server';
import { examStatistics, quizResponses, quizStatistics } from '../../app/models/analysis.server';
import { addMember, createCohort } from '../../app/models/cohort.server';
import { newGradingToken } from '../../app/models/grading.server';
import { createUser } from '../../app/models/user.server';
import * as compactResponses from '../../db/migrations/0008_compact_responses';
import type { AttemptStatus } from '../../db/schema';
import { twoQuestionQuiz } from '../fixtures/quiz';
import { engines, type TestDb } from '../setup/db';
import { answerQuiz } from '../setup/quiz';

// examStatistics reads one compact record per finalised attempt (docs/decisions/021); these tests
// write attempts as rows, fill the records with migration 0008's backfill, and check that what it
// computes is what itemStatistics / testStatistics give over the response records the rules
// describe (docs/decisions/007), on each engine.

const COURSE = 'mini';
const FORM = 'f';

interface Row {
  position: number;
  itemId: string;
  kind: 'choice' | 'written';
  response: string | null;
  correct: number | null;
  grade?: { status: 'final' | 'draft'; points: number; max: number };
}

describe.each(engines)('item analysis on $name', ({ fresh }) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await fresh();
  });
  afterEach(async () => {
    await t.cleanup();
  });
  const db = () => t.handle.db;

  async function user(role: SessionUser['role']): Promise<SessionUser> {
    const email = `${role}-${randomUUID()}@example.org`;
    const id = await createUser(db(), { email, name: role, passwordHash: 'x', role });
    return { id, email, name: role, role };
  }

  /** One attempt with its items and grades; returns its id. */
  async function insertAttempt(
    userId: string,
    rows: Row[],
    opts: { status?: AttemptStatus; form?: string; course?: string; submittedAt: number },
  ): Promise<string> {
    const id = randomUUID();
    await db()
      .insertInto('exam_attempts')
      .values({
        id,
        user_id: userId,
        course_slug: opts.course ?? COURSE,
        form_id: opts.form ?? FORM,
        status: opts.status ?? 'submitted',
        seed: 's',
        grading_token: newGradingToken(),
        pass_percent: 50,
        content_version: 'v',
        started_at: opts.submittedAt - 1000,
        submitted_at: opts.status === 'in_progress' ? null : opts.submittedAt,
      })
      .execute();
    for (const r of rows) {
      const itemRowId = randomUUID();
      await db()
        .insertInto('exam_attempt_items')
        .values({
          id: itemRowId,
          attempt_id: id,
          position: r.position,
          item_id: r.itemId,
          kind: r.kind,
          area: 'x',
          snapshot: '{}',
          response: r.response,
          correct: r.correct,
        })
        .execute();
      if (r.grade)
        await db()
          .insertInto('grades')
          .values({
            id: randomUUID(),
            attempt_item_id: itemRowId,
            grader_id: userId,
            status: r.grade.status,
            levels: '{}',
            comments: '{}',
            overall_comment: '',
            points: r.grade.points,
            max_points: r.grade.max,
            updated_at: 0,
          })
          .execute();
    }
    return id;
  }

  /** Migration 0008's backfill over the attempts inserted so far (the table is made again). */
  async function backfill() {
    await db().schema.dropTable('exam_attempt_responses').execute();
    // biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any>
    await compactResponses.up(db() as Kysely<any>);
  }

  /** The records the old model built: written answers only with a final grade and a max > 0. */
  const record = (attemptId: string, rows: Row[]): AttemptRecord => ({
    attemptId,
    responses: rows.flatMap((r): ResponseRecord[] => {
      if (r.kind === 'written') {
        const g = r.grade;
        return g?.status === 'final' && g.max
          ? [{ slot: `${r.position}`, itemId: r.itemId, score: g.points, maxScore: g.max, option: null }]
          : [];
      }
      const option = r.response === null ? null : (JSON.parse(r.response) as string);
      return [{ slot: `${r.position}`, itemId: r.itemId, score: r.correct === 1 ? 1 : 0, maxScore: 1, option }];
    }),
  });

  /** A random exam form: 5 positions, choices at 1-4 from a pool of 6, a written scenario at 5. */
  async function seedExam() {
    const random = rng('analysis-integration');
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    const admin = await user('admin');
    const trainer = await user('trainer');
    const trainees = await Promise.all(Array.from({ length: 8 }, () => user('trainee')));
    const cohort = await createCohort(db(), { name: 'G', startsOn: '2026-01-01', endsOn: '2026-12-31', trainerId: trainer.id });
    for (const tr of trainees.slice(0, 4)) await addMember(db(), cohort.id, tr.id);

    const rowsById = new Map<string, Row[]>();
    for (let a = 0; a < 36; a++) {
      const who = trainees[a % trainees.length];
      const ability = random();
      const rows: Row[] = [];
      for (let position = 1; position <= 5; position++) {
        if (a % 9 === 4 && position === 2) continue; // an attempt that lacks a position
        if (position < 5) {
          const itemId = `c${1 + Math.floor(random() * 6)}`;
          const roll = random();
          if (roll < 0.1) rows.push({ position, itemId, kind: 'choice', response: null, correct: roll < 0.05 ? 0 : null });
          else {
            const right = random() < ability;
            rows.push({
              position,
              itemId,
              kind: 'choice',
              response: JSON.stringify(right ? 'b' : pick(['a', 'c', 'd'])),
              correct: right ? 1 : 0,
            });
          }
        } else {
          const itemId = pick(['w1', 'w2']);
          const max = itemId === 'w1' ? 4 : 7;
          const points = Math.round(ability * max * 10) / 10; // tenths: partial credit
          const roll = random();
          const grade =
            roll < 0.15
              ? undefined // not graded yet
              : roll < 0.25
                ? { status: 'draft' as const, points, max }
                : roll < 0.3
                  ? { status: 'final' as const, points: 0, max: 0 }
                  : { status: 'final' as const, points, max };
          rows.push({
            position,
            itemId,
            kind: 'written',
            response: JSON.stringify('My answer, with "quotes"'),
            correct: null,
            grade,
          });
        }
      }
      const id = await insertAttempt(who.id, rows, {
        status: a % 3 ? 'submitted' : 'released',
        submittedAt: 1_000_000 + ((a * 7919) % 36) * 60_000,
      });
      rowsById.set(id, rows);
    }
    // Left out: an attempt in progress, another form, another course.
    const choice: Row = { position: 1, itemId: 'c1', kind: 'choice', response: '"b"', correct: 1 };
    await insertAttempt(trainees[0].id, [choice], { status: 'in_progress', submittedAt: 2_000_000 });
    await insertAttempt(trainees[0].id, [choice], { form: 'other', submittedAt: 2_000_000 });
    await insertAttempt(trainees[0].id, [choice], { course: 'other', submittedAt: 2_000_000 });
    await backfill();

    /** The expected records, in the order the model lists the attempts (the same query). */
    async function expected(viewer: SessionUser, which: 'first' | 'all'): Promise<AttemptRecord[]> {
      let q = db()
        .selectFrom('exam_attempts')
        .select(['id', 'user_id', 'submitted_at'])
        .where('course_slug', '=', COURSE)
        .where('form_id', '=', FORM)
        .where('status', '!=', 'in_progress');
      if (viewer.role !== 'admin')
        q = q.where(
          'user_id',
          'in',
          db()
            .selectFrom('cohort_members as m')
            .innerJoin('cohorts as c', 'c.id', 'm.cohort_id')
            .select('m.user_id')
            .where('c.trainer_id', '=', viewer.id),
        );
      const listed = (await q.execute()).map((a) => ({ id: a.id, userId: a.user_id, submittedAt: a.submitted_at ?? 0 }));
      return selectAttempts(listed, which).map((a) => record(a.id, rowsById.get(a.id)!));
    }
    return { admin, trainer, rowsById, expected };
  }

  it('gives exactly the statistics of the response records, for every viewer and choice of attempts', async () => {
    const { admin, trainer, rowsById, expected } = await seedExam();
    const all = [...rowsById.values()].flat();
    // The data has the awkward cases.
    expect(all.some((r) => r.kind === 'choice' && r.response === null)).toBe(true);
    expect(all.some((r) => r.grade?.status === 'final' && r.grade.max && !Number.isInteger(r.grade.points))).toBe(true);
    expect(all.some((r) => r.kind === 'written' && !r.grade)).toBe(true);
    expect(all.some((r) => r.grade?.status === 'draft')).toBe(true);
    expect(all.some((r) => r.grade?.max === 0)).toBe(true);
    expect([...rowsById.values()].some((rows) => rows.length < 5)).toBe(true);

    for (const viewer of [admin, trainer]) {
      for (const which of ['all', 'first'] as const) {
        const records = await expected(viewer, which);
        const got = await examStatistics(db(), viewer, { courseSlug: COURSE, formId: FORM, which });
        expect(got).toEqual({
          items: itemStatistics(records),
          test: testStatistics(records),
          distribution: scoreDistribution(records),
        });
        expect(got.test.attempts).toBe(records.filter((r) => r.responses.length).length);
      }
    }
    const adminAll = await examStatistics(db(), admin, { courseSlug: COURSE, formId: FORM, which: 'all' });
    expect(adminAll.test.attempts).toBe(36);
    expect(adminAll.items.map((i) => i.itemId)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'w1', 'w2']);
    expect(adminAll.items.find((i) => i.itemId === 'w1')?.options).toEqual([]);
    expect(adminAll.test.alpha).not.toBeNull();
    const trainerFirst = await examStatistics(db(), trainer, { courseSlug: COURSE, formId: FORM, which: 'first' });
    expect(trainerFirst.test.attempts).toBe(4);
  });

  it('gives the same figures whatever the number of attempts per query', async () => {
    const { admin } = await seedExam();
    const input = { courseSlug: COURSE, formId: FORM, which: 'all' as const };
    const whole = await examStatistics(db(), admin, input);
    for (const chunk of [1, 2, 7, 35, 36])
      expect(await examStatistics(db(), admin, input, { chunk }), `chunk ${chunk}`).toEqual(whole);
  });

  it('gives empty figures when nobody has finished the form', async () => {
    const admin = await user('admin');
    expect(await examStatistics(db(), admin, { courseSlug: COURSE, formId: FORM, which: 'all' })).toEqual({
      items: [],
      test: testStatistics([]),
      distribution: scoreDistribution([]),
    });
  });

  it('quiz statistics are those of the quiz response records', async () => {
    const admin = await user('admin');
    const quiz = twoQuestionQuiz;
    const answers = [
      { q1: ['a'], q2: ['true'] },
      { q1: ['b'], q2: ['true'] },
      { q1: ['a'], q2: ['false'] },
      { q1: [], q2: ['false'] },
    ];
    for (const [i, responses] of answers.entries()) {
      const trainee = await user('trainee');
      await answerQuiz(
        db(),
        { userId: trainee.id, courseSlug: COURSE, unitSlug: 'u', quiz, contentVersion: 'v', responses },
        1_000 + i,
      );
    }
    const input = { courseSlug: COURSE, unitSlug: 'u', which: 'all' as const };
    const records = await quizResponses(db(), admin, input);
    expect(records).toHaveLength(4);
    expect(await quizStatistics(db(), admin, input)).toEqual({
      items: itemStatistics(records),
      test: testStatistics(records),
      distribution: scoreDistribution(records),
    });
  });
});
