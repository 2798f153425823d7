import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ExamContent, loadContentSources } from '../../app/content/load.server';
import type { SessionUser } from '../../app/guards/auth.server';
import { examStatistics } from '../../app/models/analysis.server';
import { addMember, createCohort } from '../../app/models/cohort.server';
import { getAttemptItems, saveExamResponse, startExamAttempt, submitExamAttempt } from '../../app/models/exam.server';
import {
  answerPracticeItem,
  cohortReadiness,
  dueReviewIds,
  getOwnPracticeSet,
  type PracticeCourse,
  practiceStatistics,
  startPracticeSet,
  traineeReadiness,
} from '../../app/models/practice.server';
import { createUser } from '../../app/models/user.server';
import { engines, type TestDb } from '../setup/db';

// Practice sets on each engine, against the real course bank: ownership, idempotent answers,
// the review ladder, exam draws without practice-only items, and exam item analysis untouched by
// practice answers.

let exam: ExamContent;
let course: PracticeCourse;
beforeAll(async () => {
  const sources = await loadContentSources('content');
  const c = sources.courses.find((x) => x.course.slug === 'peer-support-core');
  if (!c?.exam) throw new Error('the course bank is missing');
  exam = c.exam;
  course = { slug: 'peer-support-core', exam };
});

// Noon Pacific on a winter day, and the days after.
const T0 = Date.parse('2026-01-12T20:00:00Z');
const DAY = 86_400_000;

describe.each(engines)('practice on $name', ({ fresh }) => {
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
    const id = await createUser(db(), { email, name: `${role} ${email.slice(0, 12)}`, passwordHash: 'x', role });
    return { id, email, name: role, role };
  }
  const itemById = (id: string) => exam.items.find((i) => i.id === id);

  /** Answers every question of a set: wrong where `wrong(position)` says so. */
  async function answerAll(userId: string, setId: string, wrong: (position: number) => boolean, now: number) {
    const got = await getOwnPracticeSet(db(), userId, setId);
    for (const i of got?.items ?? []) {
      const choice = wrong(i.position)
        ? (i.snapshot.options.find((o) => o.id !== i.snapshot.answer)?.id ?? '')
        : i.snapshot.answer;
      expect(await answerPracticeItem(db(), { userId, setId, position: i.position, choice }, now)).toEqual({
        ok: true,
        recorded: true,
      });
    }
    return got?.items ?? [];
  }

  it('draws a set of 10 (or 5) without exam-only items, once per form id, for its owner only', async () => {
    const me = await user('trainee');
    const other = await user('trainee');
    const setId = randomUUID();
    expect(await startPracticeSet(db(), { userId: me.id, course, size: 10, setId }, T0)).toEqual({ ok: true, setId });
    // The same form again (double click, resend): the same set, nothing new.
    expect(await startPracticeSet(db(), { userId: me.id, course, size: 10, setId }, T0)).toEqual({ ok: true, setId });
    expect(await db().selectFrom('practice_sets').select('id').execute()).toHaveLength(1);
    // Someone else's id: refused, and the set stays mine.
    expect(await startPracticeSet(db(), { userId: other.id, course, size: 10, setId }, T0)).toEqual({
      ok: false,
      reason: 'taken',
    });
    expect(await getOwnPracticeSet(db(), other.id, setId)).toBeUndefined();

    const mine = await getOwnPracticeSet(db(), me.id, setId);
    expect(mine?.items).toHaveLength(10);
    for (const i of mine?.items ?? []) expect(itemById(i.itemId)?.use).not.toBe('exam');
    expect(new Set(mine?.items.map((i) => i.area)).size).toBeGreaterThanOrEqual(6);

    const short = randomUUID();
    await startPracticeSet(db(), { userId: me.id, course, size: 5, setId: short }, T0);
    expect((await getOwnPracticeSet(db(), me.id, short))?.items).toHaveLength(5);
  });

  it('records an answer once; another trainee cannot answer in my set; a choice not on the question is refused', async () => {
    const me = await user('trainee');
    const other = await user('trainee');
    const setId = randomUUID();
    await startPracticeSet(db(), { userId: me.id, course, size: 5, setId }, T0);
    const first = (await getOwnPracticeSet(db(), me.id, setId))?.items[0];
    if (!first) throw new Error('no item');
    const wrong = first.snapshot.options.find((o) => o.id !== first.snapshot.answer)?.id ?? '';

    expect(await answerPracticeItem(db(), { userId: other.id, setId, position: 1, choice: wrong }, T0)).toEqual({
      ok: false,
      reason: 'not-found',
    });
    expect(await answerPracticeItem(db(), { userId: me.id, setId, position: 1, choice: 'zz' }, T0)).toEqual({
      ok: false,
      reason: 'invalid-choice',
    });
    expect(await answerPracticeItem(db(), { userId: me.id, setId, position: 1, choice: wrong }, T0)).toEqual({
      ok: true,
      recorded: true,
    });
    // Resent, or changed by hand: the first answer stands.
    expect(
      await answerPracticeItem(db(), { userId: me.id, setId, position: 1, choice: first.snapshot.answer }, T0 + 1000),
    ).toEqual({ ok: true, recorded: false });
    const after = await getOwnPracticeSet(db(), me.id, setId);
    expect(after?.items[0]).toMatchObject({ response: wrong, correct: false });
    // Two submits at once: one is recorded.
    const second = after?.items[1];
    if (!second) throw new Error('no item');
    const results = await Promise.all(
      [0, 1, 2].map(() => answerPracticeItem(db(), { userId: me.id, setId, position: 2, choice: second.snapshot.answer }, T0)),
    );
    expect(results.filter((r) => r.ok && r.recorded)).toHaveLength(1);
    // The missed item is on the ladder once, due tomorrow (Pacific).
    const reviews = await db().selectFrom('practice_reviews').selectAll().execute();
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ item_id: first.itemId, step: 0, due_day: '2026-01-13', top_streak: 0, retired_at: null });
  });

  it('asks missed items first once due, climbs the ladder on right answers, completes sets', async () => {
    const me = await user('trainee');
    const setId = randomUUID();
    await startPracticeSet(db(), { userId: me.id, course, size: 5, setId }, T0);
    const items = await answerAll(me.id, setId, (p) => p <= 2, T0);
    const missed = items.filter((i) => i.position <= 2).map((i) => i.itemId);
    expect((await db().selectFrom('practice_sets').select('completed_at').executeTakeFirst())?.completed_at).not.toBeNull();
    expect(await dueReviewIds(db(), me.id, course, T0)).toEqual([]);
    expect((await dueReviewIds(db(), me.id, course, T0 + DAY)).sort()).toEqual([...missed].sort());

    // The same day, the missed items wait: not drawn as new.
    const sameDay = randomUUID();
    await startPracticeSet(db(), { userId: me.id, course, size: 10, setId: sameDay }, T0 + 60_000);
    const drawnSameDay = (await getOwnPracticeSet(db(), me.id, sameDay))?.items.map((i) => i.itemId) ?? [];
    for (const id of missed) expect(drawnSameDay).not.toContain(id);

    const next = randomUUID();
    await startPracticeSet(db(), { userId: me.id, course, size: 10, setId: next }, T0 + DAY);
    const set = await getOwnPracticeSet(db(), me.id, next);
    expect(set?.items.slice(0, 2).map((i) => i.reason)).toEqual(['review', 'review']);
    expect(
      set?.items
        .slice(0, 2)
        .map((i) => i.itemId)
        .sort(),
    ).toEqual([...missed].sort());
    await answerAll(me.id, next, () => false, T0 + DAY);
    const states = await db().selectFrom('practice_reviews').selectAll().where('item_id', 'in', missed).execute();
    // Right on review: the next rung, 3 days on.
    expect(states.map((s) => [s.step, s.due_day])).toEqual([
      [1, '2026-01-16'],
      [1, '2026-01-16'],
    ]);
  });

  it('readiness reads practice and exam answers; a group estimate covers the cohort', async () => {
    const trainer = await user('trainer');
    const a = await user('trainee');
    const b = await user('trainee');
    const cohort = await createCohort(db(), { name: 'G', startsOn: '2026-01-01', endsOn: '2026-12-31', trainerId: trainer.id });
    await addMember(db(), cohort.id, a.id);
    await addMember(db(), cohort.id, b.id);
    for (let k = 0; k < 4; k++) {
      const s = randomUUID();
      await startPracticeSet(db(), { userId: a.id, course, size: 10, setId: s }, T0 + k);
      await answerAll(a.id, s, () => false, T0 + k);
    }
    const r = await traineeReadiness(db(), a.id, course, T0 + 1000);
    expect(r.map((x) => x.area)).toEqual(exam.definition.areas.map((x) => x.id));
    expect(r.reduce((s, x) => s + x.answered, 0)).toBe(40);
    expect(r.filter((x) => x.enough).every((x) => x.mean > 0.8)).toBe(true);
    const group = await cohortReadiness(db(), cohort.id, course, T0 + 1000);
    expect(group.members).toBe(2);
    expect(group.areas.reduce((s, x) => s + x.answered, 0)).toBe(40);
  });

  it('the exam never draws a practice-only item; practice answers never enter exam item analysis', async () => {
    const trainer = await user('trainer');
    const me = await user('trainee');
    const cohort = await createCohort(db(), { name: 'G', startsOn: '2026-01-01', endsOn: '2026-12-31', trainerId: trainer.id });
    await addMember(db(), cohort.id, me.id);
    const form = exam.definition.forms.find((f) => f.id === 'full');
    if (!form) throw new Error('no full form');
    const started = await startExamAttempt(db(), { userId: me.id, courseSlug: course.slug, exam, form }, T0);
    if (!started.ok) throw new Error('no attempt');
    const drawn = await getAttemptItems(db(), started.attemptId);
    expect(drawn.filter((i) => i.kind === 'choice')).toHaveLength(120);
    const practiceOnly = new Set(exam.items.filter((i) => i.use === 'practice').map((i) => i.id));
    expect(practiceOnly.size).toBeGreaterThan(0);
    for (const i of drawn) expect(practiceOnly.has(i.itemId)).toBe(false);
    for (const i of drawn.slice(0, 30))
      if (i.snapshot.kind === 'choice')
        await saveExamResponse(
          db(),
          { userId: me.id, attemptId: started.attemptId, position: i.position, response: i.snapshot.answer },
          T0,
        );
    await submitExamAttempt(db(), started.attemptId, 'trainee', T0 + 1000);

    const before = await examStatistics(db(), trainer, { courseSlug: course.slug, formId: 'full', which: 'all' });
    for (let k = 0; k < 3; k++) {
      const s = randomUUID();
      await startPracticeSet(db(), { userId: me.id, course, size: 10, setId: s }, T0 + 2000 + k);
      await answerAll(me.id, s, (p) => p % 2 === 0, T0 + 2000 + k);
    }
    const after = await examStatistics(db(), trainer, { courseSlug: course.slug, formId: 'full', which: 'all' });
    expect(after).toEqual(before);

    // Practice statistics: the trainer sees their trainee's 30 answers; another trainer none; an author all.
    const stats = await practiceStatistics(db(), trainer, course.slug);
    expect(stats.reduce((s, x) => s + x.answered, 0)).toBe(30);
    expect(stats.reduce((s, x) => s + x.right, 0)).toBe(15);
    const stranger = await user('trainer');
    expect(await practiceStatistics(db(), stranger, course.slug)).toEqual([]);
    const author = await user('author');
    expect((await practiceStatistics(db(), author, course.slug)).reduce((s, x) => s + x.answered, 0)).toBe(30);
  });
});
