import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requireCourse } from '../../app/content/content.server';
import { useDatabase } from '../../app/infra/db.server';
import { createSession } from '../../app/infra/session.server';
import { getAttemptItems, saveExamResponse, startExamAttempt, submitExamAttempt } from '../../app/models/exam.server';
import { releaseAttempt, saveGrade } from '../../app/models/grading.server';
import { createUser } from '../../app/models/user.server';
import { loader as authorExamLoader } from '../../app/routes/author.courses.$course.exam';
import { loader as attemptLoader } from '../../app/routes/courses.$course.exam.attempts.$attemptId._index';
import { loader as resultLoader } from '../../app/routes/courses.$course.exam.attempts.$attemptId.result';
import { loader as reviewLoader } from '../../app/routes/courses.$course.exam.attempts.$attemptId.review';
import { freshSqlite, type TestDb } from '../setup/db';

// Rubric anchors (sample answers per level) help graders agree; they must never reach a trainee.
// The real course is used so that every anchor written in scenarios.yaml is checked.

let t: TestDb;
beforeEach(async () => {
  t = await freshSqlite();
  useDatabase(t.handle);
});
afterEach(async () => {
  await t.cleanup();
});

const ctx = { requestId: 'test', nonce: '', clientAddress: '127.0.0.1' };
const course = 'peer-support-core';
async function signedIn(role: 'trainee' | 'author' | 'trainer') {
  const id = await createUser(t.handle.db, { email: `${role}@example.org`, name: role, passwordHash: 'x', role });
  return { id, cookie: (await createSession(id)).split(';')[0] };
}
async function body(
  loader: (a: { request: Request; params: Record<string, string>; context: typeof ctx }) => Promise<unknown>,
  url: string,
  cookie: string,
  params: Record<string, string>,
): Promise<string> {
  const r = await loader({
    request: new Request(`http://localhost${url}`, { headers: { Cookie: cookie } }),
    params,
    context: ctx,
  });
  expect(r).toBeInstanceOf(Response);
  expect((r as Response).status).toBe(200);
  return (r as Response).text();
}
async function anchors(): Promise<string[]> {
  const exam = (await requireCourse(course)).exam;
  return (exam?.scenarios ?? []).flatMap((s) => s.rubric.flatMap((c) => c.levels.flatMap((l) => (l.anchor ? [l.anchor] : []))));
}

describe('rubric anchors', () => {
  it('are written for every level of every scenario in the course', async () => {
    const exam = (await requireCourse(course)).exam;
    const levels = (exam?.scenarios ?? []).flatMap((s) => s.rubric.flatMap((c) => c.levels));
    expect(levels.length).toBeGreaterThan(0);
    expect(levels.filter((l) => !l.anchor)).toEqual([]);
  });

  it('show in the author exam view', async () => {
    const { cookie } = await signedIn('author');
    const exam = (await requireCourse(course)).exam;
    const scn = exam?.scenarios[0];
    const anchor = scn?.rubric[0].levels[0].anchor;
    expect(anchor).toBeTruthy();
    const text = await body(authorExamLoader, `/author/courses/${course}/exam?area=${scn?.area}`, cookie, { course });
    expect(text).toContain(JSON.stringify(anchor).slice(1, -1));
  });

  it('never reach a trainee: not in the open attempt, the review page or the released result', async () => {
    const all = await anchors();
    expect(all.length).toBeGreaterThan(0);
    const noAnchors = (text: string) => {
      expect(text).not.toContain('"anchor"');
      for (const a of all) expect(text).not.toContain(JSON.stringify(a).slice(1, -1));
    };
    const trainee = await signedIn('trainee');
    const trainer = await signedIn('trainer');
    const exam = (await requireCourse(course)).exam;
    if (!exam) throw new Error('the course has no exam');
    const form = exam.definition.forms.find((f) => f.id === 'short');
    if (!form) throw new Error('the course has no short form');
    const started = await startExamAttempt(t.handle.db, { userId: trainee.id, courseSlug: course, exam, form });
    if (!started.ok) throw new Error('could not start an attempt');
    const attemptId = started.attemptId;
    const params = { course, attemptId };
    const base = `/courses/${course}/exam/attempts/${attemptId}`;

    const items = await getAttemptItems(t.handle.db, attemptId);
    const written = items.find((i) => i.kind === 'written');
    if (written?.snapshot.kind !== 'written') throw new Error('the short form draws no scenario');
    // The snapshot (server side) keeps the anchors, so graders see the rubric the trainee was graded on.
    expect(written.snapshot.rubric.some((c) => c.levels.some((l) => l.anchor))).toBe(true);

    const open = await body(attemptLoader, `${base}?q=${written.position}`, trainee.cookie, params);
    expect(open).toContain('"kind":"written"');
    noAnchors(open);
    noAnchors(await body(reviewLoader, `${base}/review`, trainee.cookie, params));

    await saveExamResponse(t.handle.db, {
      userId: trainee.id,
      attemptId,
      position: written.position,
      response: 'I would listen first and ask what she wants.',
    });
    await submitExamAttempt(t.handle.db, attemptId, 'trainee');
    const top = written.snapshot.rubric.map((c) => [c.id, String(Math.max(...c.levels.map((l) => l.points)))] as const);
    const graded = await saveGrade(t.handle.db, {
      attemptId,
      attemptItemId: written.id,
      graderId: trainer.id,
      submission: { levels: top, comments: [] },
      overall: 'Clear and kind.',
      finalise: true,
      reason: '',
    });
    expect(graded.ok).toBe(true);
    expect(await releaseAttempt(t.handle.db, attemptId, trainer.id)).toBe(true);

    const result = await body(resultLoader, `${base}/result`, trainee.cookie, params);
    // The released result shows the rubric level descriptions (review policy "full") ...
    const topLevel = written.snapshot.rubric[0].levels.at(-1);
    expect(result).toContain(JSON.stringify(topLevel?.description).slice(1, -1));
    // ... and nothing of the anchors.
    noAnchors(result);
  });
});
