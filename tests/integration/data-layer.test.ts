import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../app/infra/password.server';
import {
  addMember,
  canViewTrainee,
  createCohort,
  findCohortByCode,
  findCohortFor,
  listCohortsFor,
} from '../../app/models/cohort.server';
import { attemptLogin, MAX_FAILURES_PER_ACCOUNT } from '../../app/models/login.server';
import { getUnitProgress, markUnitDone } from '../../app/models/progress.server';
import { listQuizAttempts, submitDrawnAttempt } from '../../app/models/quiz-attempt.server';
import { getOwnReflections, saveReflection } from '../../app/models/reflection.server';
import { createUser, findUserByEmail, setRole } from '../../app/models/user.server';
import { pendingMigrations } from '../../db/connect';
import { twoQuestionQuiz } from '../fixtures/quiz';
import { engines, type TestDb } from '../setup/db';
import { answerQuiz } from '../setup/quiz';

const quiz = twoQuestionQuiz;

let hash: string;

describe.each(engines)('data layer on $name', ({ fresh }) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await fresh();
    // A cheap stored hash keeps many login attempts quick; the production cost is tested in utils.test.ts.
    hash ??= await hashPassword('correct horse battery', 2 ** 10);
  });
  afterEach(async () => {
    await t.cleanup();
  });
  const db = () => t.handle.db;
  const user = (email: string, role: 'trainee' | 'trainer' | 'admin' = 'trainee') =>
    createUser(db(), { email, name: email.split('@')[0], passwordHash: hash, role });

  it('is fully migrated', async () => {
    expect(await pendingMigrations(db())).toEqual([]);
  });

  it('stores emails in lower case and refuses a second account with the same email', async () => {
    await user('Sam@Example.org');
    expect((await findUserByEmail(db(), 'sam@example.org'))?.email).toBe('sam@example.org');
    await expect(user('sam@example.org')).rejects.toThrow();
  });

  it('logs in with the right password and refuses a wrong one with the same answer as an unknown email', async () => {
    const id = await user('lee@example.org');
    expect(await attemptLogin(db(), { email: 'lee@example.org', password: 'correct horse battery', address: '1.2.3.4' })).toEqual(
      { ok: true, userId: id },
    );
    expect(await attemptLogin(db(), { email: 'lee@example.org', password: 'nope', address: '1.2.3.4' })).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await attemptLogin(db(), { email: 'nobody@example.org', password: 'nope', address: '1.2.3.4' })).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('throttles an account after repeated failures, even with the right password, until the window passes', async () => {
    await user('kai@example.org');
    const now = Date.now();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      await attemptLogin(db(), { email: 'kai@example.org', password: 'wrong', address: `10.0.0.${i}` }, now);
    }
    expect(
      await attemptLogin(db(), { email: 'kai@example.org', password: 'correct horse battery', address: '9.9.9.9' }, now + 1000),
    ).toMatchObject({
      ok: false,
      reason: 'throttled',
    });
    const later = now + 16 * 60 * 1000;
    expect(
      (await attemptLogin(db(), { email: 'kai@example.org', password: 'correct horse battery', address: '9.9.9.9' }, later)).ok,
    ).toBe(true);
  });

  it('gives trainers only their own cohorts and admins all; join codes find cohorts', async () => {
    const t1 = await user('t1@example.org', 'trainer');
    const t2 = await user('t2@example.org', 'trainer');
    const admin = await user('a@example.org', 'admin');
    const trainee = await user('tr@example.org');
    const c1 = await createCohort(db(), { name: 'One', startsOn: '2026-01-01', endsOn: '2026-02-01', trainerId: t1 });
    await createCohort(db(), { name: 'Two', startsOn: '2026-01-01', endsOn: '2026-02-01', trainerId: t2 });
    await addMember(db(), c1.id, trainee);
    await addMember(db(), c1.id, trainee);
    const asT1 = { id: t1, email: '', name: '', role: 'trainer' as const };
    const asT2 = { id: t2, email: '', name: '', role: 'trainer' as const };
    const asAdmin = { id: admin, email: '', name: '', role: 'admin' as const };
    const mine = await listCohortsFor(db(), asT1);
    expect(mine.map((c) => [c.name, Number(c.members)])).toEqual([['One', 1]]);
    expect((await listCohortsFor(db(), asAdmin)).length).toBe(2);
    expect(await findCohortFor(db(), asT2, c1.id)).toBeUndefined();
    expect((await findCohortByCode(db(), c1.joinCode))?.id).toBe(c1.id);
    expect(await canViewTrainee(db(), asT1, trainee)).toBe(true);
    expect(await canViewTrainee(db(), asT2, trainee)).toBe(false);
    expect(await canViewTrainee(db(), asAdmin, trainee)).toBe(true);
  });

  it('changes roles', async () => {
    const id = await user('r@example.org');
    expect(await setRole(db(), id, 'trainer')).toBe(true);
    expect((await findUserByEmail(db(), 'r@example.org'))?.role).toBe('trainer');
  });

  it('stores a quiz attempt with its snapshot once per draw, and keeps the best score and completion', async () => {
    const id = await user('q@example.org');
    const base = { userId: id, courseSlug: 'c', unitSlug: 'u', quiz, contentVersion: 'v1' };
    const first = await answerQuiz(db(), { ...base, responses: { q1: ['b'] } }, 1000);
    const again = await submitDrawnAttempt(db(), { ...base, drawId: first.draw.id, responses: { q1: ['b'] } }, 1001);
    expect(first.status).toBe('recorded');
    expect(again).toEqual({ status: 'duplicate', id: first.status === 'recorded' ? first.id : '' });
    let progress = await getUnitProgress(db(), id, 'c');
    expect(progress[0]).toMatchObject({ completed_at: null, best_percent: 0 });

    await answerQuiz(db(), { ...base, responses: { q1: ['a'], q2: ['true'] } }, 2000);
    await answerQuiz(db(), { ...base, responses: { q1: ['a'] } }, 3000);
    await answerQuiz(db(), { ...base, responses: {} }, 4000);
    progress = await getUnitProgress(db(), id, 'c');
    expect(progress[0]).toMatchObject({ completed_at: 2000, completed_by: 'quiz', best_percent: 100 });
    const attempts = await listQuizAttempts(db(), id, 'c', 'u');
    expect(attempts.map((a) => a.percent)).toEqual([0, 50, 100, 0]);
    const row = await db()
      .selectFrom('quiz_attempts')
      .select(['snapshot', 'content_version'])
      .where('id', '=', first.status === 'recorded' ? first.id : '')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.snapshot)).toEqual(first.draw.quiz);
    expect(row.content_version).toBe('v1');
  });

  it('marks a unit without a quiz done, once', async () => {
    const id = await user('m@example.org');
    await markUnitDone(db(), id, 'c', 'intro', 100);
    await markUnitDone(db(), id, 'c', 'intro', 200);
    expect((await getUnitProgress(db(), id, 'c'))[0]).toMatchObject({ completed_at: 100, completed_by: 'manual' });
  });

  it('keeps reflections private to their owner', async () => {
    const a = await user('a1@example.org');
    const b = await user('b1@example.org');
    await saveReflection(db(), { userId: a, courseSlug: 'c', unitSlug: 'u', reflectionId: 'r', body: 'first' });
    await saveReflection(db(), { userId: a, courseSlug: 'c', unitSlug: 'u', reflectionId: 'r', body: 'second' });
    expect((await getOwnReflections(db(), a, 'c', 'u')).r.body).toBe('second');
    expect(await getOwnReflections(db(), b, 'c', 'u')).toEqual({});
  });
});
