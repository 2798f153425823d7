import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeSettings } from '../../app/components/group-quiz-settings';
import type { GroupQuizSettings } from '../../app/domain/quiz';
import { translator } from '../../app/i18n/intl.server';
import { useDatabase } from '../../app/infra/db.server';
import { createSession } from '../../app/infra/session.server';
import { addMember, createCohort, saveCohortQuizSettings } from '../../app/models/cohort.server';
import { openQuizDraw } from '../../app/models/quiz-attempt.server';
import { createUser } from '../../app/models/user.server';
import { engines, type TestDb } from '../setup/db';

// The unit quiz as a script would meet it: drawn questions, no empty or rushed attempts, the
// review policy in loader data. Routes are called as Remix calls them, on both engines.

const dir = mkdtempSync(join(tmpdir(), 'pa-quiz-'));
cpSync('tests/fixtures/content', dir, { recursive: true });
const POOL = 8;
const question = (n: number) => `  - id: pool-${n}
    type: single
    section: Starting out
    prompt: Pool question ${n}?
    options:
      - { id: a, text: Right answer ${n} }
      - { id: b, text: Wrong answer ${n} }
      - { id: c, text: Another wrong answer ${n} }
    answer: a
    rationale: Rationale number ${n} explains it.
`;
writeFileSync(
  join(dir, 'courses/mini/units/01-first.quiz.yaml'),
  `passPercent: 100\ndraw: 3\nquestions:\n${Array.from({ length: POOL }, (_, i) => question(i + 1)).join('')}`,
);
process.env.CONTENT_DIR = dir;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const { loader, action } = await import('../../app/routes/courses.$course.units.$unit');
const trainerPage = await import('../../app/routes/trainer.cohorts.$cohortId');
const params = { course: 'mini', unit: 'first' };
const URL_ = 'http://localhost/courses/mini/units/first';
const ctx = { requestId: 'test', nonce: '', clientAddress: '127.0.0.1' };

describe.each(engines)('unit quiz integrity on $name', ({ fresh }) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await fresh();
    useDatabase(t.handle);
  });
  afterEach(async () => {
    await t.cleanup();
  });
  const db = () => t.handle.db;

  async function trainee(settings?: GroupQuizSettings) {
    const id = await createUser(db(), { email: `t${Math.random()}@example.org`, name: 'T', passwordHash: 'x' });
    if (settings) {
      const trainer = await createUser(db(), {
        email: `tr${Math.random()}@example.org`,
        name: 'Tr',
        passwordHash: 'x',
        role: 'trainer',
      });
      const { id: cohortId } = await createCohort(db(), {
        name: 'G',
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        trainerId: trainer,
      });
      await addMember(db(), cohortId, id);
      await saveCohortQuizSettings(db(), { cohortId, actorId: trainer, settings });
    }
    return { id, cookie: (await createSession(id)).split(';')[0] };
  }
  async function page(cookie: string, search = '') {
    const r = (await loader({
      request: new Request(`${URL_}${search}`, { headers: { Cookie: cookie } }),
      params,
      context: { ...ctx },
    })) as Response;
    const text = await r.text();
    return { text, data: JSON.parse(text) };
  }
  async function submit(cookie: string, fields: [string, string][]) {
    const body = new URLSearchParams([['intent', 'quiz'], ...fields]);
    try {
      return (await action({
        request: new Request(URL_, { method: 'POST', headers: { Cookie: cookie }, body }),
        params,
        context: ctx,
      })) as Response;
    } catch (e) {
      if (e instanceof Response) return e;
      throw e;
    }
  }
  const answers = (drawId: string, ids: string[], pick: (id: string) => string): [string, string][] => [
    ['drawId', drawId],
    ...ids.map((id): [string, string] => [`q:${id}`, pick(id)]),
  ];
  const attemptCount = async (userId: string) =>
    Number(
      (
        await db()
          .selectFrom('quiz_attempts')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('user_id', '=', userId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const attemptOf = (r: Response) => new URL(r.headers.get('Location') ?? '', URL_).searchParams.get('attempt') ?? '';

  it('shows a stored draw of 3 from the pool, the same on reload, with no key in the data', async () => {
    const u = await trainee();
    const first = await page(u.cookie);
    expect(first.data.quiz).toMatchObject({ asked: 3, pool: POOL, drawId: expect.any(String) });
    expect(first.data.quiz.questions).toHaveLength(3);
    expect(first.text).not.toMatch(/"answer"|"rationale"|Rationale number|"right"|"correct"/);
    const again = await page(u.cookie);
    expect(again.data.quiz.drawId).toBe(first.data.quiz.drawId);
    expect(again.data.quiz.questions).toEqual(first.data.quiz.questions);
  });

  it('sends back an empty or partial submission with each open question marked, recording nothing', async () => {
    const u = await trainee();
    const { data } = await page(u.cookie);
    const ids: string[] = data.quiz.questions.map((q: { id: string }) => q.id);
    const empty = await submit(u.cookie, [['drawId', data.quiz.drawId]]);
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({ unanswered: ids, chosen: {} });
    const partial = await submit(
      u.cookie,
      answers(data.quiz.drawId, ids.slice(0, 2), () => 'b'),
    );
    expect(partial.status).toBe(400);
    expect(await partial.json()).toEqual({ unanswered: [ids[2]], chosen: { [ids[0]]: ['b'], [ids[1]]: ['b'] } });
    expect(await attemptCount(u.id)).toBe(0);
    // Still the same open attempt afterwards.
    expect((await page(u.cookie)).data.quiz.drawId).toBe(data.quiz.drawId);
  });

  it('refuses answers to questions the attempt did not ask', async () => {
    const u = await trainee();
    const { data } = await page(u.cookie);
    const ids: string[] = data.quiz.questions.map((q: { id: string }) => q.id);
    const other = Array.from({ length: POOL }, (_, i) => `pool-${i + 1}`).find((id) => !ids.includes(id)) ?? '';
    const r = await submit(u.cookie, [...answers(data.quiz.drawId, ids, () => 'a'), [`q:${other}`, 'a']]);
    expect(r.status).toBe(400);
    expect(await attemptCount(u.id)).toBe(0);
  });

  it('scores against the draw, stores it, stores a double submit once, and a retake asks other questions', async () => {
    const u = await trainee();
    const { data } = await page(u.cookie);
    const ids: string[] = data.quiz.questions.map((q: { id: string }) => q.id);
    const r = await submit(
      u.cookie,
      answers(data.quiz.drawId, ids, () => 'b'),
    );
    expect(r.status).toBe(302);
    const twice = await submit(
      u.cookie,
      answers(data.quiz.drawId, ids, () => 'a'),
    );
    expect(attemptOf(twice)).toBe(attemptOf(r));
    expect(await attemptCount(u.id)).toBe(1);
    const row = await db()
      .selectFrom('quiz_attempts')
      .select(['snapshot', 'percent', 'content_tree_id'])
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.snapshot).questions.map((q: { id: string }) => q.id)).toEqual(ids);
    expect(row.percent).toBe(0);
    // The draw and its attempt name the published tree the questions came from.
    const head = await db()
      .selectFrom('content_heads')
      .select('tree_id')
      .where('name', '=', 'published')
      .executeTakeFirstOrThrow();
    const draw = await db()
      .selectFrom('quiz_draws')
      .select('content_tree_id')
      .where('id', '=', data.quiz.drawId)
      .executeTakeFirstOrThrow();
    expect(row.content_tree_id).toBe(head.tree_id);
    expect(draw.content_tree_id).toBe(head.tree_id);
    const retake = await page(u.cookie);
    expect(retake.data.quiz.drawId).not.toBe(data.quiz.drawId);
    const retakeIds: string[] = retake.data.quiz.questions.map((q: { id: string }) => q.id);
    expect(retakeIds.filter((id) => ids.includes(id))).toEqual([]);
  });

  it('under the default policy a failed attempt shows which were wrong and where to look, but no key', async () => {
    const u = await trainee();
    const { data } = await page(u.cookie);
    const ids: string[] = data.quiz.questions.map((q: { id: string }) => q.id);
    const r = await submit(
      u.cookie,
      answers(data.quiz.drawId, ids, (id) => (id === ids[0] ? 'a' : 'b')),
    );
    const result = await page(u.cookie, `?attempt=${attemptOf(r)}`);
    expect(result.data.result).toMatchObject({
      correct: 1,
      total: 3,
      passed: false,
      review: { showWhichRight: true, showKey: false },
    });
    expect(result.data.result.questions.map((q: { right: boolean }) => q.right)).toEqual([true, false, false]);
    expect(result.data.result.sections).toEqual([{ title: 'Starting out', anchor: 'section-starting-out' }]);
    expect(result.text).not.toMatch(/Rationale number|"answer":\[/);
    // After passing, review opens, and the key arrives.
    const next = await page(u.cookie);
    const nextIds: string[] = next.data.quiz.questions.map((q: { id: string }) => q.id);
    const pass = await submit(
      u.cookie,
      answers(next.data.quiz.drawId, nextIds, () => 'a'),
    );
    const passed = await page(u.cookie, `?attempt=${attemptOf(pass)}`);
    expect(passed.data.result.review).toEqual({ showWhichRight: true, showKey: true });
    expect(passed.text).toMatch(/Rationale number/);
    // ... for the earlier attempt too.
    expect((await page(u.cookie, `?attempt=${attemptOf(r)}`)).text).toMatch(/Rationale number/);
  });

  it.each([
    ['after-each-attempt', 'which-wrong', true, true],
    ['never', 'which-wrong', true, false],
    ['never', 'score-only', false, false],
    ['after-pass-or-last', 'score-only', false, false],
  ] as const)('loader data under %s / %s follows the policy', async (quizReview, quizFeedback, whichRight, key) => {
    const u = await trainee({ quizReview, quizFeedback });
    const { data } = await page(u.cookie);
    const ids: string[] = data.quiz.questions.map((q: { id: string }) => q.id);
    const r = await submit(
      u.cookie,
      answers(data.quiz.drawId, ids, () => 'b'),
    );
    const result = await page(u.cookie, `?attempt=${attemptOf(r)}`);
    expect(result.data.result.review).toEqual({ showWhichRight: whichRight, showKey: key });
    expect(result.text.includes('Rationale number')).toBe(key);
    expect(/"answer":\[/.test(result.text)).toBe(key);
    expect(/"right":(true|false)/.test(result.text)).toBe(whichRight);
    expect(result.data.result.questions).toHaveLength(whichRight ? 3 : 0);
  });

  it('the scripted completion from issue #13 no longer works: empty, harvest the key, resubmit', async () => {
    const u = await trainee();
    const { data } = await page(u.cookie);
    // 1. Submit with nothing chosen: sent back, nothing recorded, no key shown.
    const empty = await submit(u.cookie, [['drawId', data.quiz.drawId]]);
    expect(empty.status).toBe(400);
    expect(await empty.text()).not.toMatch(/"answer"|Rationale number/);
    // 2. A guessed attempt is recorded, but its result carries no key to copy.
    const ids: string[] = data.quiz.questions.map((q: { id: string }) => q.id);
    const guess = await submit(
      u.cookie,
      answers(data.quiz.drawId, ids, () => 'c'),
    );
    const result = await page(u.cookie, `?attempt=${attemptOf(guess)}`);
    expect(result.text).not.toMatch(/"answer":\[|Rationale number/);
    // 3. Resubmitting the same form again is the same attempt, not a new score.
    const again = await submit(
      u.cookie,
      answers(data.quiz.drawId, ids, () => 'a'),
    );
    expect(attemptOf(again)).toBe(attemptOf(guess));
    // 4. The next attempt asks other questions, so nothing learned about these can be replayed.
    const next = await page(u.cookie);
    expect(next.data.quiz.questions.map((q: { id: string }) => q.id).filter((id: string) => ids.includes(id))).toEqual([]);
    expect((await db().selectFrom('unit_progress').select('completed_at').executeTakeFirstOrThrow()).completed_at).toBeNull();
  });

  it('enforces the wait after a failed attempt on the server, and says when the next one opens', async () => {
    const u = await trainee({ quizWaitMinutes: 10 });
    const { data } = await page(u.cookie);
    const ids: string[] = data.quiz.questions.map((q: { id: string }) => q.id);
    await submit(
      u.cookie,
      answers(data.quiz.drawId, ids, () => 'b'),
    );
    const waiting = await page(u.cookie);
    expect(waiting.data.quiz.drawId).toBeNull();
    expect(waiting.data.quiz.questions).toEqual([]);
    expect(waiting.data.waitUntil).toMatch(/\d{1,2}:\d{2} [AP]M/);
    // A script that gets a draw anyway is still refused.
    const draw = await openQuizDraw(db(), {
      userId: u.id,
      courseSlug: 'mini',
      unitSlug: 'first',
      quiz: { passPercent: 100, questions: [] },
      contentVersion: 'script',
    });
    const r = await submit(u.cookie, [['drawId', draw.id]]);
    expect(r.status).toBe(429);
    expect((await r.json()).quizError).toMatch(/next attempt opens at .* \(Pacific time\)/);
    expect(await attemptCount(u.id)).toBe(1);
  });

  it('enforces the attempt limit, and opens review after the last allowed attempt', async () => {
    const u = await trainee({ quizAttemptLimit: 1 });
    const { data } = await page(u.cookie);
    const ids: string[] = data.quiz.questions.map((q: { id: string }) => q.id);
    const r = await submit(
      u.cookie,
      answers(data.quiz.drawId, ids, () => 'b'),
    );
    const after = await page(u.cookie, `?attempt=${attemptOf(r)}`);
    expect(after.data.quiz.drawId).toBeNull();
    expect(after.data.permission).toEqual({ ok: false, reason: 'limit' });
    expect(after.data.result.review.showKey).toBe(true);
    const draw = await openQuizDraw(db(), {
      userId: u.id,
      courseSlug: 'mini',
      unitSlug: 'first',
      quiz: { passPercent: 100, questions: [] },
      contentVersion: 'script',
    });
    expect((await submit(u.cookie, [['drawId', draw.id]])).status).toBe(429);
    expect(await attemptCount(u.id)).toBe(1);
  });

  it('refuses a draw that a newer attempt replaced (a second tab)', async () => {
    const u = await trainee();
    const { data } = await page(u.cookie);
    const stale = await openQuizDraw(db(), {
      userId: u.id,
      courseSlug: 'mini',
      unitSlug: 'first',
      quiz: { passPercent: 100, questions: [] },
      contentVersion: 'old',
    });
    const ids: string[] = data.quiz.questions.map((q: { id: string }) => q.id);
    expect(
      (
        await submit(
          u.cookie,
          answers(data.quiz.drawId, ids, () => 'a'),
        )
      ).status,
    ).toBe(302);
    expect((await submit(u.cookie, [['drawId', stale.id]])).status).toBe(409);
    expect(await attemptCount(u.id)).toBe(1);
  });

  describe('trainer quiz settings for a group', () => {
    async function setup() {
      const trainer = await createUser(db(), {
        email: `tr${Math.random()}@example.org`,
        name: 'Tess Trainer',
        passwordHash: 'x',
        role: 'trainer',
      });
      const other = await createUser(db(), {
        email: `o${Math.random()}@example.org`,
        name: 'Other',
        passwordHash: 'x',
        role: 'trainer',
      });
      const { id: cohortId } = await createCohort(db(), {
        name: 'G',
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        trainerId: trainer,
      });
      const cookie = async (id: string) => (await createSession(id)).split(';')[0];
      return { trainer, cohortId, trainerCookie: await cookie(trainer), otherCookie: await cookie(other) };
    }
    const post = async (cookie: string, cohortId: string, fields: Record<string, string>) => {
      const request = new Request(`http://localhost/trainer/cohorts/${cohortId}?course=mini`, {
        method: 'POST',
        headers: { Cookie: cookie },
        body: new URLSearchParams({ intent: 'quiz-settings', ...fields }),
      });
      try {
        return (await trainerPage.action({ request, params: { cohortId }, context: ctx })) as Response;
      } catch (e) {
        if (e instanceof Response) return e;
        throw e;
      }
    };
    const blank = { attemptLimit: '', waitMinutes: '', review: '', feedback: '' };

    it('saves overrides, records who changed what, and the trainees work under them', async () => {
      const s = await setup();
      const u = await trainee();
      await addMember(db(), s.cohortId, u.id);
      const r = await post(s.trainerCookie, s.cohortId, { ...blank, attemptLimit: '2', waitMinutes: '15', review: 'never' });
      expect(r.status).toBe(302);
      const history = await db().selectFrom('cohort_settings_history').selectAll().execute();
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({ actor_id: s.trainer, before: '{}' });
      expect(JSON.parse(history[0].after)).toEqual({ quizAttemptLimit: 2, quizWaitMinutes: 15, quizReview: 'never' });
      // The same settings again record nothing.
      await post(s.trainerCookie, s.cohortId, { ...blank, attemptLimit: '2', waitMinutes: '15', review: 'never' });
      expect(await db().selectFrom('cohort_settings_history').selectAll().execute()).toHaveLength(1);
      const { data } = await page(u.cookie);
      expect(data).toMatchObject({ attemptLimit: 2, waitMinutes: 15, reviewPolicy: 'never' });
      const view = (await trainerPage.loader({
        request: new Request(`http://localhost/trainer/cohorts/${s.cohortId}?course=mini`, {
          headers: { Cookie: s.trainerCookie },
        }),
        params: { cohortId: s.cohortId },
        context: ctx,
      })) as Response;
      const d = await view.json();
      expect(d.history[0]).toMatchObject({
        actor: 'Tess Trainer',
        before: {},
        after: { quizAttemptLimit: 2, quizWaitMinutes: 15, quizReview: 'never' },
      });
      // The page says them in its language.
      const en = translator('en');
      expect(describeSettings(d.history[0].before, en)).toBe('all as the course sets them');
      expect(describeSettings(d.history[0].after, en)).toBe(
        'attempt limit 2; wait after a failed attempt 15 minutes; answers shown: never',
      );
    });

    it('answers bad input with a message by the field, and another trainer with 404', async () => {
      const s = await setup();
      const bad = await post(s.trainerCookie, s.cohortId, { ...blank, attemptLimit: 'lots', review: 'sometimes' });
      expect(bad.status).toBe(400);
      const body = await bad.json();
      expect(body.errors).toMatchObject({
        attemptLimit: 'trainer.quizSettings.error.attemptsWhole',
        review: 'trainer.quizSettings.error.choose',
      });
      expect((await post(s.otherCookie, s.cohortId, blank)).status).toBe(404);
      expect(await db().selectFrom('cohort_settings_history').selectAll().execute()).toHaveLength(0);
    });
  });
});
