import { readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requireCourse } from '../../app/content/content.server';
import { useDatabase } from '../../app/infra/db.server';
import { hashPassword } from '../../app/infra/password.server';
import { createSession, getSessionUser, IDLE_TIMEOUT_MS } from '../../app/infra/session.server';
import { getAttempt, startExamAttempt } from '../../app/models/exam.server';
import { createUser } from '../../app/models/user.server';
import { action as examAction, loader as examLoader } from '../../app/routes/courses.$course.exam._index';
import { loader as questionLoader } from '../../app/routes/courses.$course.exam.attempts.$attemptId._index';
import { loader as resultLoader } from '../../app/routes/courses.$course.exam.attempts.$attemptId.result';
import { loader as unitLoader } from '../../app/routes/courses.$course.units.$unit';
import { loader as healthz } from '../../app/routes/healthz';
import { action as loginAction } from '../../app/routes/login';
import { freshSqlite, type TestDb } from '../setup/db';

// Loaders and actions called as Remix calls them, against a fresh migrated SQLite database.

let t: TestDb;
let hash: string;
beforeEach(async () => {
  t = await freshSqlite();
  useDatabase(t.handle);
  // A cheap stored hash keeps many login attempts quick; the production cost is tested in utils.test.ts.
  hash ??= await hashPassword('correct horse battery', 2 ** 10);
});
afterEach(async () => {
  await t.cleanup();
});

const ctx = { requestId: 'test', nonce: '', clientAddress: '127.0.0.1' };
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: ctx });
async function signedIn(email = 'x@example.org') {
  const id = await createUser(t.handle.db, { email, name: 'X', passwordHash: hash });
  const cookie = (await createSession(id)).split(';')[0];
  return { id, cookie };
}
async function status(p: Promise<unknown>): Promise<number> {
  try {
    const r = await p;
    return r instanceof Response ? r.status : 200;
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
}

describe('healthz', () => {
  it('is 200 when the database answers and 503 when it does not', async () => {
    expect((await healthz()).status).toBe(200);
    t.handle.sqlite?.close();
    expect((await healthz()).status).toBe(503);
    t = await freshSqlite();
    useDatabase(t.handle);
  });
});

describe('login action', () => {
  const form = (email: string, password: string) =>
    new Request('http://localhost/login', { method: 'POST', body: new URLSearchParams({ email, password }) });
  it('returns 400 with field messages for invalid input', async () => {
    const r = (await loginAction(args(form('nope', '')))) as Response;
    expect(r.status).toBe(400);
    const body = await r.json();
    expect(body.errors).toMatchObject({ email: expect.any(String), password: 'account.login.passwordRequired' });
    expect(body.values.password).toBeUndefined();
  });
  it('starts a session on success and answers 429 once throttled', async () => {
    await createUser(t.handle.db, { email: 'lee@example.org', name: 'Lee', passwordHash: hash });
    const ok = (await loginAction(args(form('lee@example.org', 'correct horse battery')))) as Response;
    expect(ok.status).toBe(302);
    expect(ok.headers.get('Set-Cookie')).toMatch(/^pa_session=.*HttpOnly.*SameSite=Lax/i);
    for (let i = 0; i < 10; i++) await loginAction(args(form('lee@example.org', 'wrong')));
    expect(((await loginAction(args(form('lee@example.org', 'correct horse battery')))) as Response).status).toBe(429);
  });
});

describe('sessions', () => {
  it('end after the idle timeout and at logout', async () => {
    const { id, cookie } = await signedIn();
    const req = () => new Request('http://localhost/', { headers: { Cookie: cookie } });
    expect((await getSessionUser(req()))?.id).toBe(id);
    await t.handle.db
      .updateTable('sessions')
      .set({ last_seen_at: Date.now() - IDLE_TIMEOUT_MS - 1 })
      .execute();
    expect(await getSessionUser(req())).toBeNull();
    expect(await t.handle.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  });
  it('are looked up once for the loaders of one page, each holding its own copy of the request, and not kept after', async () => {
    const { id, cookie } = await signedIn();
    const req = () => new Request('http://localhost/', { headers: { Cookie: cookie } });
    // Remix gives the root loader and the route loader separate Request objects for one page.
    const [root, route] = [getSessionUser(req()), getSessionUser(req())];
    expect(route).toBe(root);
    expect((await root)?.id).toBe(id);
    await t.handle.db.deleteFrom('sessions').execute();
    expect(await getSessionUser(req())).toBeNull();
  });
  it('see a role change on the next request', async () => {
    const { id, cookie } = await signedIn();
    await t.handle.db.updateTable('users').set({ role: 'trainer' }).where('id', '=', id).execute();
    expect((await getSessionUser(new Request('http://localhost/', { headers: { Cookie: cookie } })))?.role).toBe('trainer');
  });
});

describe('exam routes are closed until every unit is complete', () => {
  const params = { course: 'peer-support-core' };
  it('answers the exam page with 403 and the remaining units, and refuses a hand-made start', async () => {
    const { cookie } = await signedIn();
    const page = (await examLoader(
      args(new Request('http://localhost/courses/peer-support-core/exam', { headers: { Cookie: cookie } }), params),
    )) as Response;
    expect(page.status).toBe(403);
    const units = readdirSync('content/courses/peer-support-core/units').filter((f) => f.endsWith('.mdx'));
    expect((await page.json()).remaining.length).toBe(units.length);
    const start = new Request('http://localhost/courses/peer-support-core/exam', {
      method: 'POST',
      headers: { Cookie: cookie },
      body: new URLSearchParams({ intent: 'start', formId: 'short' }),
    });
    expect(await status(examAction(args(start, params)))).toBe(403);
  });
  it('sends an anonymous visitor to log in', async () => {
    const r = await examLoader(args(new Request('http://localhost/courses/peer-support-core/exam'), params)).catch((e) => e);
    expect(r.status).toBe(302);
    expect(r.headers.get('Location')).toBe('/login?redirectTo=%2Fcourses%2Fpeer-support-core%2Fexam');
  });
});

describe('unit page loader', () => {
  it('sends prompts and options but no answers or rationales', async () => {
    const { cookie } = await signedIn();
    const r = (await unitLoader(
      args(
        new Request('http://localhost/courses/peer-support-core/units/what-is-peer-support', { headers: { Cookie: cookie } }),
        {
          course: 'peer-support-core',
          unit: 'what-is-peer-support',
        },
      ),
    )) as Response;
    const text = await r.text();
    expect(text).toContain('"questions"');
    expect(text).not.toMatch(/"answer"|"rationale"/);
  });
  it('answers 404 for a unit that does not exist', async () => {
    const { cookie } = await signedIn();
    const req = new Request('http://localhost/courses/peer-support-core/units/nope', { headers: { Cookie: cookie } });
    expect(await status(unitLoader(args(req, { course: 'peer-support-core', unit: 'nope' })))).toBe(404);
  });
});

describe('an exam attempt whose time ran out', () => {
  it('is closed by the result page that shows it, never by the guard of the question page', async () => {
    const { id, cookie } = await signedIn();
    const course = await requireCourse('peer-support-core');
    const exam = course.exam;
    const form = exam?.definition.forms.find((f) => f.timeLimitMinutes !== null);
    if (!exam || !form) throw new Error('the course needs a timed exam form');
    const started = await startExamAttempt(
      t.handle.db,
      { userId: id, courseSlug: 'peer-support-core', exam, form },
      Date.now() - (form.timeLimitMinutes ?? 0) * 60_000 - 60_000,
    );
    if (!started.ok) throw new Error('the attempt did not start');
    const params = { course: 'peer-support-core', attemptId: started.attemptId };
    const base = `http://localhost/courses/peer-support-core/exam/attempts/${started.attemptId}`;
    const get = (url: string) => new Request(url, { headers: { Cookie: cookie } });

    const question = (await questionLoader(args(get(base), params)).catch((e) => e)) as Response;
    expect(question.status).toBe(302);
    expect(question.headers.get('Location')).toBe(`${new URL(base).pathname}/result`);
    // The guard only read: the attempt is still open until a page that says so closes it.
    expect((await getAttempt(t.handle.db, started.attemptId))?.status).toBe('in_progress');

    const result = (await resultLoader(args(get(`${base}/result`), params))) as Response;
    expect(result.status).toBe(200);
    expect((await result.json()).byDeadline).toBe(true);
    const closed = await getAttempt(t.handle.db, started.attemptId);
    expect(closed?.status).not.toBe('in_progress');
    expect(closed?.submitted_by).toBe('deadline');
  });
});
