import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getContent } from '../../app/content/content.server';
import { useDatabase } from '../../app/infra/db.server';
import { createSession } from '../../app/infra/session.server';
import { addMember, createCohort } from '../../app/models/cohort.server';
import { getAttempt, getAttemptItems, saveExamResponse, startExamAttempt, submitExamAttempt } from '../../app/models/exam.server';
import { candidateCode } from '../../app/models/grading.server';
import { createUser } from '../../app/models/user.server';
import { loader as csvLoader } from '../../app/routes/trainer.cohorts.$cohortId.exam-results[.]csv';
import { loader as queueLoader } from '../../app/routes/trainer.grading._index';
import { action as gradeAction, loader as gradeLoader } from '../../app/routes/trainer.grading.$token';
import { loader as traineeLoader } from '../../app/routes/trainer.trainees.$userId';
import { freshSqlite, type TestDb } from '../setup/db';

// The grading routes called as Remix calls them: what a curious or hostile trainer can send
// and see, against a fresh migrated SQLite database and the real curriculum.

let t: TestDb;
beforeEach(async () => {
  t = await freshSqlite();
  useDatabase(t.handle);
});
afterEach(async () => {
  await t.cleanup();
});

const ctx = { requestId: 'test', nonce: '', clientAddress: '127.0.0.1' };
const db = () => t.handle.db;
const ANSWER = 'I would listen first and ask what would help right now.';

async function setUp(trainerIsMember = false) {
  const course = (await getContent()).courses.find((c) => c.course.slug === 'peer-support-core');
  if (!course?.exam) throw new Error('no exam in the curriculum');
  const trainerId = await createUser(db(), {
    email: 'tess@example.org',
    name: 'Tess Trainer',
    passwordHash: 'x',
    role: 'trainer',
  });
  const cookie = (await createSession(trainerId)).split(';')[0];
  const cohort = await createCohort(db(), { name: 'Group', startsOn: '2026-01-01', endsOn: '2026-12-31', trainerId });
  const userId = trainerIsMember
    ? trainerId
    : await createUser(db(), { email: 'pat.private@example.org', name: 'Pat Private', passwordHash: 'x' });
  await addMember(db(), cohort.id, userId);
  const form = course.exam.definition.forms.find((f) => f.id === 'short');
  if (!form) throw new Error('no short form');
  const r = await startExamAttempt(db(), { userId, courseSlug: 'peer-support-core', exam: course.exam, form });
  if (!r.ok) throw new Error('no start');
  const written = (await getAttemptItems(db(), r.attemptId)).find((i) => i.kind === 'written');
  if (!written) throw new Error('no written item');
  await saveExamResponse(db(), { userId, attemptId: r.attemptId, position: written.position, response: ANSWER });
  await submitExamAttempt(db(), r.attemptId, 'trainee');
  const attempt = await getAttempt(db(), r.attemptId);
  if (!attempt) throw new Error('no attempt');
  const rubric = written.snapshot.kind === 'written' ? written.snapshot.rubric : [];
  return { cookie, cohortId: cohort.id, userId, attempt, itemId: written.id, rubric };
}
type Setup = Awaited<ReturnType<typeof setUp>>;

const get = (s: Setup, path: string) => new Request(`http://localhost${path}`, { headers: { Cookie: s.cookie } });
const post = (s: Setup, fields: [string, string][]) =>
  new Request(`http://localhost/trainer/grading/${s.attempt.grading_token}`, {
    method: 'POST',
    headers: { Cookie: s.cookie },
    body: new URLSearchParams(fields),
  });
const tokenParams = (s: Setup) => ({ token: s.attempt.grading_token });
async function outcome(p: Promise<unknown>): Promise<Response> {
  try {
    return (await p) as Response;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}
const gradeCount = async () =>
  Number((await db().selectFrom('grades').select(db().fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const allLevels = (s: Setup, pick: 'top' | 'bottom') =>
  s.rubric.map(
    (c) => [`level:${c.id}`, String(pick === 'top' ? Math.max(...c.levels.map((l) => l.points)) : 0)] as [string, string],
  );

describe('grading action', () => {
  it('answers a forged rubric field with 400 and a form error, and writes nothing', async () => {
    const s = await setUp();
    const forged = [['itemId', s.itemId], ['intent', 'final'], ...allLevels(s, 'top'), ['level:anything', '1000']] as [
      string,
      string,
    ][];
    const r = await outcome(gradeAction({ request: post(s, forged), params: tokenParams(s), context: ctx }));
    expect(r.status).toBe(400);
    expect((await r.json()).errors.form).toBe('trainer.grade.error.unknownCriterion');
    // This one used to fail with a 500 (NOT NULL constraint).
    const unknown = await outcome(
      gradeAction({
        request: post(s, [
          ['itemId', s.itemId],
          ['intent', 'draft'],
          ['level:nonexistent', 'abc'],
        ]),
        params: tokenParams(s),
        context: ctx,
      }),
    );
    expect(unknown.status).toBe(400);
    const tooHigh = await outcome(
      gradeAction({
        request: post(s, [
          ['itemId', s.itemId],
          ['intent', 'final'],
          ...allLevels(s, 'top').map(([k]) => [k, '1000'] as [string, string]),
        ]),
        params: tokenParams(s),
        context: ctx,
      }),
    );
    expect(tooHigh.status).toBe(400);
    expect(await gradeCount()).toBe(0);
    const ok = await outcome(
      gradeAction({
        request: post(s, [['itemId', s.itemId], ['intent', 'final'], ...allLevels(s, 'top')]),
        params: tokenParams(s),
        context: ctx,
      }),
    );
    expect(ok.status).toBe(200);
    expect(await gradeCount()).toBe(1);
  });

  it('refuses a hand-made grade from a trainer on their own attempt (404 like any attempt out of reach)', async () => {
    const s = await setUp(true);
    const r = await outcome(
      gradeAction({
        request: post(s, [['itemId', s.itemId], ['intent', 'final'], ...allLevels(s, 'top')]),
        params: tokenParams(s),
        context: ctx,
      }),
    );
    expect(r.status).toBe(404);
    const release = await outcome(
      gradeAction({ request: post(s, [['intent', 'release']]), params: tokenParams(s), context: ctx }),
    );
    expect(release.status).toBe(404);
    expect(await gradeCount()).toBe(0);
  });

  it('does not accept the attempt id in place of the grading token', async () => {
    const s = await setUp();
    const r = await outcome(
      gradeLoader({ request: get(s, `/trainer/grading/${s.attempt.id}`), params: { token: s.attempt.id }, context: ctx }),
    );
    expect(r.status).toBe(404);
  });
});

describe('what a trainer can see before release', () => {
  it('never puts the candidate and the person in the same place, until release', async () => {
    const s = await setUp();
    const token = s.attempt.grading_token;
    const label = candidateCode(token);
    const person = ['Pat Private', 'pat.private@example.org', s.userId];
    const text = async (p: Promise<unknown>) => {
      const r = await outcome(p);
      expect(r.status).toBe(200);
      return r.text();
    };
    const queue = await text(queueLoader({ request: get(s, '/trainer/grading'), params: {}, context: ctx }));
    const grading = await text(
      gradeLoader({ request: get(s, `/trainer/grading/${token}`), params: tokenParams(s), context: ctx }),
    );
    const trainee = await text(
      traineeLoader({ request: get(s, `/trainer/trainees/${s.userId}`), params: { userId: s.userId }, context: ctx }),
    );
    const csv = await text(
      csvLoader({
        request: get(s, `/trainer/cohorts/${s.cohortId}/exam-results.csv`),
        params: { cohortId: s.cohortId },
        context: ctx,
      }),
    );
    // The grading side knows the candidate, not the person, the attempt id, or any time of the attempt.
    expect(queue).toContain(token);
    for (const page of [queue, grading]) {
      for (const p of [...person, s.attempt.id, String(s.attempt.submitted_at), String(s.attempt.started_at)])
        expect(page).not.toContain(p);
    }
    expect(queue).toContain(label);
    expect(grading).toContain(label);
    expect(grading).toContain(ANSWER);
    // The person side knows the person, not the candidate, the grading page or the written answer.
    for (const page of [trainee, csv]) {
      expect(page).toContain('Pat Private');
      expect(page).not.toContain(token);
      expect(page).not.toContain(label);
      expect(page).not.toContain('/trainer/grading');
      expect(page).not.toContain(ANSWER);
    }
    expect(trainee).toContain('"prompt":null');

    // Graded but not yet released: the person side must not show that either.
    for (const c of s.rubric) expect(c.levels.length).toBeGreaterThan(0);
    const graded = await outcome(
      gradeAction({
        request: post(s, [['itemId', s.itemId], ['intent', 'final'], ...allLevels(s, 'top')]),
        params: tokenParams(s),
        context: ctx,
      }),
    );
    expect(graded.status).toBe(200);
    expect((await getAttempt(db(), s.attempt.id))?.status).toBe('graded');
    const traineeGraded = await text(
      traineeLoader({ request: get(s, `/trainer/trainees/${s.userId}`), params: { userId: s.userId }, context: ctx }),
    );
    const csvGraded = await text(
      csvLoader({
        request: get(s, `/trainer/cohorts/${s.cohortId}/exam-results.csv`),
        params: { cohortId: s.cohortId },
        context: ctx,
      }),
    );
    expect(traineeGraded).not.toContain('"graded"');
    expect(csvGraded).not.toContain('graded');
    expect(csvGraded).not.toContain(token);

    // After release the link may be shown, on both sides.
    const released = await outcome(
      gradeAction({ request: post(s, [['intent', 'release']]), params: tokenParams(s), context: ctx }),
    );
    expect(released.status).toBe(302);
    const traineeAfter = await text(
      traineeLoader({ request: get(s, `/trainer/trainees/${s.userId}`), params: { userId: s.userId }, context: ctx }),
    );
    expect(traineeAfter).toContain(`/trainer/grading/${token}`);
    expect(traineeAfter).toContain(ANSWER);
    const csvAfter = await text(
      csvLoader({
        request: get(s, `/trainer/cohorts/${s.cohortId}/exam-results.csv`),
        params: { cohortId: s.cohortId },
        context: ctx,
      }),
    );
    expect(csvAfter).toContain(label);
    const gradingAfter = await text(
      gradeLoader({ request: get(s, `/trainer/grading/${token}`), params: tokenParams(s), context: ctx }),
    );
    expect(gradingAfter).toContain('Pat Private');
  });
});
