import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pacificDay } from '../../app/domain/review-schedule';
import { useDatabase } from '../../app/infra/db.server';
import { createSession } from '../../app/infra/session.server';
import { createUser } from '../../app/models/user.server';
import { loader as courseLoader } from '../../app/routes/courses.$course._index';
import { action as startAction } from '../../app/routes/courses.$course.practice._index';
import { action as setAction, loader as setLoader } from '../../app/routes/courses.$course.practice.$setId';
import { loader as statsLoader } from '../../app/routes/trainer.practice';
import { engines, type TestDb } from '../setup/db';

// The practice routes against hand-made requests: no key before the answer, other people's sets
// answer 404, a resent start makes one set, and the course page counts reviews due today.

const course = 'peer-support-core';
const ctx = { requestId: 'test', nonce: '', clientAddress: '127.0.0.1' };
const BASE = 'http://localhost';

describe.each(engines)('practice routes on $name', ({ fresh }) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await fresh();
    useDatabase(t.handle);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  async function signedIn(role: 'trainee' | 'trainer' = 'trainee') {
    const id = await createUser(t.handle.db, { email: `${randomUUID()}@example.org`, name: 'T', passwordHash: 'x', role });
    const cookie = (await createSession(id)).split(';')[0];
    return { id, cookie };
  }
  const post = (path: string, cookie: string, form: Record<string, string>) =>
    new Request(`${BASE}${path}`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded', Origin: BASE },
      body: new URLSearchParams(form).toString(),
    });
  const get = (path: string, cookie: string) => new Request(`${BASE}${path}`, { headers: { Cookie: cookie } });

  it('start twice makes one set; the question has no key; another trainee gets 404 on view and answer', async () => {
    const me = await signedIn();
    const other = await signedIn();
    const token = randomUUID();
    const path = `/courses/${course}/practice`;
    const started = (await startAction({
      request: post(path, me.cookie, { size: '5', token }),
      params: { course },
      context: ctx,
    })) as Response;
    expect(started.status).toBe(302);
    expect(started.headers.get('Location')).toBe(`${path}/${token}`);
    await startAction({ request: post(path, me.cookie, { size: '5', token }), params: { course }, context: ctx });
    expect(await t.handle.db.selectFrom('practice_sets').select('id').execute()).toHaveLength(1);
    // A size that is not offered is a field error, not a set.
    const odd = (await startAction({
      request: post(path, me.cookie, { size: '50', token: randomUUID() }),
      params: { course },
      context: ctx,
    })) as Response;
    expect(odd.status).toBe(400);

    const setPath = `${path}/${token}`;
    const params = { course, setId: token };
    const view = (await setLoader({ request: get(setPath, me.cookie), params, context: ctx })) as Response;
    const data = await view.json();
    expect(data.question.position).toBe(1);
    expect(JSON.stringify(data)).not.toMatch(/"answer"|"rationale"/);
    // Asking for feedback on an unanswered question shows the question, not its key.
    const peek = await (
      (await setLoader({ request: get(`${setPath}?shown=1`, me.cookie), params, context: ctx })) as Response
    ).json();
    expect(peek.feedback).toBeNull();
    expect(JSON.stringify(peek)).not.toMatch(/"answer"|"rationale"/);

    const notMine = await setLoader({ request: get(setPath, other.cookie), params, context: ctx }).catch((e: Response) => e);
    expect((notMine as Response).status).toBe(404);
    const choice = data.question.options[0].id;
    const foreign = await setAction({
      request: post(setPath, other.cookie, { position: '1', choice }),
      params,
      context: ctx,
    }).catch((e: Response) => e);
    expect((foreign as Response).status).toBe(404);
    expect(
      await t.handle.db.selectFrom('practice_set_items').select('id').where('response', 'is not', null).execute(),
    ).toHaveLength(0);

    const answered = (await setAction({
      request: post(setPath, me.cookie, { position: '1', choice }),
      params,
      context: ctx,
    })) as Response;
    expect(answered.headers.get('Location')).toBe(`${setPath}?shown=1`);
    const fb = await (
      (await setLoader({ request: get(`${setPath}?shown=1`, me.cookie), params, context: ctx })) as Response
    ).json();
    expect(fb.feedback.chosen).toBe(choice);
    expect(typeof fb.feedback.answer).toBe('string');
    expect(fb.feedback.study.length).toBeGreaterThan(0);
  });

  it('the course page counts the questions due for review today (Pacific)', async () => {
    const me = await signedIn();
    const today = pacificDay(Date.now());
    await t.handle.db
      .insertInto('practice_reviews')
      .values([
        {
          user_id: me.id,
          course_slug: course,
          item_id: 'crm-001',
          step: 0,
          due_day: today,
          top_streak: 0,
          retired_at: null,
          updated_at: 0,
        },
        {
          user_id: me.id,
          course_slug: course,
          item_id: 'crm-002',
          step: 0,
          due_day: '2000-01-01',
          top_streak: 0,
          retired_at: 1,
          updated_at: 0,
        },
        {
          user_id: me.id,
          course_slug: course,
          item_id: 'crm-003',
          step: 1,
          due_day: '2999-01-01',
          top_streak: 0,
          retired_at: null,
          updated_at: 0,
        },
      ])
      .execute();
    const page = await (
      (await courseLoader({ request: get(`/courses/${course}`, me.cookie), params: { course }, context: ctx })) as Response
    ).json();
    expect(page.practiceDue).toBe(1);
  });

  it('practice statistics are for trainers and authors only', async () => {
    const trainee = await signedIn();
    const refused = await statsLoader({ request: get('/trainer/practice', trainee.cookie), params: {}, context: ctx }).catch(
      (e: Response) => e,
    );
    expect((refused as Response).status).toBe(403);
    const trainer = await signedIn('trainer');
    const ok = (await statsLoader({ request: get('/trainer/practice', trainer.cookie), params: {}, context: ctx })) as Response;
    expect((await ok.json()).rows).toEqual([]);
  });
});
