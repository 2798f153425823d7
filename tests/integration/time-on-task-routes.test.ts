import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildContent } from '../../app/content/content.server';
import { formatProblem } from '../../app/content/problems';
import { useDatabase } from '../../app/infra/db.server';
import { createSession } from '../../app/infra/session.server';
import { createUser } from '../../app/models/user.server';
import { action as unitAction, loader as unitLoader } from '../../app/routes/courses.$course.units.$unit';
import { action as timeAction, loader as timeLoader } from '../../app/routes/courses.$course.units.$unit_.time';
import { freshSqlite, type TestDb } from '../setup/db';

// The heartbeat route and the unit page's time rules, called as Remix calls them, on a copy of
// the mini fixture course that sets a one-minute minimum per unit.
const dir = mkdtempSync(join(tmpdir(), 'pa-time-'));
cpSync('tests/fixtures/content', dir, { recursive: true });
const courseFile = join(dir, 'courses/mini/course.yaml');
writeFileSync(courseFile, `${readFileSync(courseFile, 'utf8')}rules:\n  minimumUnitMinutes: 1\n`);
process.env.CONTENT_DIR = dir;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let t: TestDb;
let userId: string;
let cookie: string;
beforeEach(async () => {
  t = await freshSqlite();
  useDatabase(t.handle);
  userId = await createUser(t.handle.db, { email: 'ria@example.org', name: 'Ria', passwordHash: 'x' });
  cookie = (await createSession(userId)).split(';')[0];
});
afterEach(async () => {
  await t.cleanup();
});

const ctx = { requestId: 'test', nonce: '', clientAddress: '127.0.0.1' };
const unitUrl = (unit: string) => `http://localhost/courses/mini/units/${unit}`;
async function outcome(p: Promise<unknown>): Promise<Response> {
  try {
    return (await p) as Response;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}
function beat(body: BodyInit | null, opts: { unit?: string; course?: string; type?: string; signedIn?: boolean } = {}) {
  const course = opts.course ?? 'mini';
  const unit = opts.unit ?? 'first';
  const headers: Record<string, string> = {};
  if (opts.signedIn !== false) headers.Cookie = cookie;
  if (opts.type) headers['Content-Type'] = opts.type;
  const request = new Request(`http://localhost/courses/${course}/units/${unit}/time`, { method: 'POST', headers, body });
  return outcome(timeAction({ request, params: { course, unit }, context: ctx }));
}
const openUnit = async (unit: string) => {
  const r = await outcome(
    unitLoader({
      request: new Request(unitUrl(unit), { headers: { Cookie: cookie } }),
      params: { course: 'mini', unit },
      context: ctx,
    }),
  );
  expect(r.status).toBe(200);
  return (await r.json()) as { complete: boolean; time: { minimumMinutes: number; spentSeconds: number; url: string } };
};
const post = (unit: string, form: Record<string, string>) =>
  outcome(
    unitAction({
      request: new Request(unitUrl(unit), { method: 'POST', headers: { Cookie: cookie }, body: new URLSearchParams(form) }),
      params: { course: 'mini', unit },
      context: ctx,
    }),
  );
/** Moves the trainee's clock back, as if the last request had come `seconds` earlier. */
const rewind = (seconds: number) =>
  t.handle.db
    .updateTable('unit_time_clocks')
    .set((eb) => ({ page_at: eb('page_at', '-', seconds * 1000) }))
    .where('user_id', '=', userId)
    .execute();

describe('the heartbeat route', () => {
  it('credits a form-encoded or JSON heartbeat and answers with the time spent', async () => {
    await openUnit('first');
    const hello = await beat(new URLSearchParams({ active: '0' }));
    expect(hello.status).toBe(200);
    expect(await hello.json()).toEqual({ creditedSeconds: 0, spentSeconds: 0, completedNow: false });
    const r = await beat(JSON.stringify({ active: 20 }), { type: 'application/json' });
    expect(await r.json()).toEqual({ creditedSeconds: 20, spentSeconds: 20, completedNow: false });
  });

  it('answers junk with 4xx, never 5xx, and credits nothing', async () => {
    const cases: [Promise<Response>, number][] = [
      [beat(null), 400],
      [beat(new URLSearchParams({ active: 'lots' })), 400],
      [beat(new URLSearchParams({ active: '-5' })), 400],
      [beat(new URLSearchParams({ active: '99999' })), 400],
      [beat(new URLSearchParams({ active: 'Infinity' })), 400],
      [beat('{"active":', { type: 'application/json' }), 400],
      [beat('[1,2]', { type: 'application/json' }), 400],
      [beat('active=10', { type: 'multipart/form-data; boundary=nope' }), 400],
      [beat(new URLSearchParams({ active: '10' }), { unit: 'no-such-unit' }), 404],
      [beat(new URLSearchParams({ active: '10' }), { course: 'no-such-course' }), 404],
      [beat(new URLSearchParams({ active: '10' }), { unit: 'Bad Slug!' }), 404],
    ];
    for (const [p, expected] of cases) expect((await p).status).toBe(expected);
    const anonymous = await beat(new URLSearchParams({ active: '10' }), { signedIn: false });
    expect(anonymous.status).toBe(302);
    const get = await outcome(Promise.resolve().then(() => timeLoader()));
    expect(get.status).toBe(404);
    expect(await t.handle.db.selectFrom('unit_time_intervals').selectAll().execute()).toEqual([]);
  });
});

describe('the unit page without JavaScript', () => {
  it('credits the time between two requests and shows it against the minimum', async () => {
    expect((await openUnit('first')).time).toMatchObject({
      minimumMinutes: 1,
      spentSeconds: 0,
      url: '/courses/mini/units/first/time',
    });
    await rewind(45);
    expect((await openUnit('first')).time.spentSeconds).toBe(45);
  });

  it('completes a passed quiz only once the minimum is reached', async () => {
    const first = (await openUnit('first')) as unknown as { quiz: { drawId: string }; complete: boolean };
    const submitted = await post('first', {
      intent: 'quiz',
      drawId: first.quiz.drawId,
      'q:mini-one': 'b',
      'q:mini-two': 'true',
    });
    expect(submitted.status).toBe(302);
    expect((await openUnit('first')).complete).toBe(false);
    await rewind(61);
    const later = await openUnit('first');
    expect(later.time.spentSeconds).toBeGreaterThanOrEqual(60);
    expect(later.complete).toBe(true);
  });

  it('refuses "mark done" before the minimum, in plain words, and accepts it after', async () => {
    await openUnit('second');
    const early = await post('second', { intent: 'done' });
    expect(early.status).toBe(400);
    expect((await early.json()).doneError).toMatch(/after about 1 minute of reading/);
    expect((await openUnit('second')).complete).toBe(false);
    await rewind(70);
    await openUnit('second');
    expect((await post('second', { intent: 'done' })).status).toBe(302);
    expect((await openUnit('second')).complete).toBe(true);
  });
});

describe('the course rule minimumUnitMinutes', () => {
  it('is read from course.yaml, and a bad value is a content error with its place in the file', async () => {
    expect((await buildContent(dir)).courses[0].course.rules.minimumUnitMinutes).toBe(1);
    const bad = mkdtempSync(join(tmpdir(), 'pa-time-bad-'));
    try {
      cpSync(dir, bad, { recursive: true });
      const file = join(bad, 'courses/mini/course.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('minimumUnitMinutes: 1', 'minimumUnitMinutes: ten'));
      const problems = (await buildContent(bad)).problems.map((p) =>
        formatProblem({ ...p, file: p.file.slice(p.file.indexOf('courses/')) }),
      );
      expect(problems).toEqual([expect.stringMatching(/^courses\/mini\/course\.yaml:\d+:\d+ .*minimumUnitMinutes/)]);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});
