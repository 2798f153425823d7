import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getUnitProgress } from '../../app/models/progress.server';
import {
  creditHeartbeat,
  creditUnitRequest,
  listTimeIntervals,
  recordHeartbeat,
  recordUnitRequest,
  traineeUnitSeconds,
  unitSecondsSpent,
} from '../../app/models/time-on-task.server';
import { createUser } from '../../app/models/user.server';
import { openDatabase } from '../../db/connect';
import { twoQuestionQuiz } from '../fixtures/quiz';
import { engines, type TestDb } from '../setup/db';
import { answerQuiz } from '../setup/quiz';

const T = 1_800_000_000_000;
const s = (n: number) => n * 1000;

describe.each(engines)('time on task on $name', ({ name, fresh }) => {
  let t: TestDb;
  let userId: string;
  beforeEach(async () => {
    t = await fresh();
    userId = await createUser(t.handle.db, { email: 'tia@example.org', name: 'Tia', passwordHash: 'x' });
  });
  afterEach(async () => {
    await t.cleanup();
  });
  const db = () => t.handle.db;
  const unit = (unitSlug: string) => ({ userId, courseSlug: 'c', unitSlug });
  const total = async () => [...(await traineeUnitSeconds(db(), userId, 'c')).values()].reduce((a, b) => a + b, 0);

  it('credits a heartbeat up to its cap and keeps an append-only ledger beside the totals', async () => {
    expect(await creditHeartbeat(db(), { ...unit('a'), activeSeconds: 3600 }, undefined, T)).toMatchObject({ seconds: 40 });
    await creditHeartbeat(db(), { ...unit('a'), activeSeconds: 30 }, undefined, T + s(30));
    await creditHeartbeat(db(), { ...unit('b'), activeSeconds: 30 }, undefined, T + s(40));
    expect(await unitSecondsSpent(db(), userId, 'c', 'a')).toBe(70);
    expect(await unitSecondsSpent(db(), userId, 'c', 'b')).toBe(10);
    const ledger = await listTimeIntervals(db(), userId, 'c');
    expect(ledger.map((r) => [r.unit_slug, r.seconds, r.source, r.ended_at - r.started_at])).toEqual([
      ['a', 40, 'heartbeat', s(40)],
      ['a', 30, 'heartbeat', s(30)],
      ['b', 10, 'heartbeat', s(10)],
    ]);
  });

  it('does not double count heartbeats that arrive at the same moment', async () => {
    // Twice: first when the trainee has no clock row yet (insert race), then when it has one (update race).
    let results = await Promise.all(
      Array.from({ length: 12 }, () => creditHeartbeat(db(), { ...unit('a'), activeSeconds: 30 }, undefined, T - s(60))),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    const beats = Array.from({ length: 12 }, (_, i) =>
      creditHeartbeat(db(), { ...unit(i % 2 ? 'a' : 'b'), activeSeconds: 30 }, undefined, T),
    );
    results = await Promise.all(beats);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await total()).toBe(60);
    expect(await listTimeIntervals(db(), userId)).toHaveLength(2);
  });

  it.runIf(name === 'sqlite')(
    'does not double count across two connections to the SQLite file, as two server processes have',
    async () => {
      const file = t.handle.sqlite?.name as string;
      const other = openDatabase(`file:${file}`);
      try {
        await creditHeartbeat(db(), { ...unit('a'), activeSeconds: 30 }, undefined, T - s(60));
        const beats = Array.from({ length: 10 }, (_, i) =>
          creditHeartbeat(i % 2 ? other.db : db(), { ...unit('a'), activeSeconds: 30 }, undefined, T + i),
        );
        await Promise.all(beats);
        // The latest beat ends at T + 9 ms: one beat's 30 s is all that may be added.
        expect(await total()).toBe(60);
      } finally {
        await other.db.destroy();
      }
    },
  );

  it('credits the capped gap between requests to the unit that was open', async () => {
    await creditUnitRequest(db(), unit('a'), undefined, T);
    expect(await creditUnitRequest(db(), unit('a'), undefined, T + s(90))).toMatchObject({ unit: 'a', seconds: 90 });
    expect(await creditUnitRequest(db(), unit('b'), undefined, T + s(90) + s(7200))).toMatchObject({ unit: 'a', seconds: 300 });
    expect(await creditUnitRequest(db(), unit('b'), undefined, T + s(90) + s(7200) + s(20))).toMatchObject({
      unit: 'b',
      seconds: 20,
      source: 'request',
    });
    expect(Object.fromEntries(await traineeUnitSeconds(db(), userId, 'c'))).toEqual({ a: 390, b: 20 });
  });

  it('stops counting request gaps once the page reports heartbeats', async () => {
    await creditUnitRequest(db(), unit('a'), undefined, T);
    await creditHeartbeat(db(), { ...unit('a'), activeSeconds: 0 }, undefined, T + 500);
    await creditHeartbeat(db(), { ...unit('a'), activeSeconds: 30 }, undefined, T + s(30));
    // Idle with JavaScript for ten minutes, then a reload: the idle time is not counted.
    expect(await creditUnitRequest(db(), unit('a'), undefined, T + s(630))).toBeNull();
    expect(await total()).toBe(30);
  });

  it('lets a passed quiz complete the unit only once the course minimum is reached', async () => {
    const submit = (right: boolean, now: number) =>
      answerQuiz(
        db(),
        {
          ...unit('a'),
          quiz: twoQuestionQuiz,
          contentVersion: 'v1',
          responses: right ? { q1: ['a'], q2: ['true'] } : { q1: ['b'], q2: ['false'] },
          minimumUnitMinutes: 10,
        },
        now,
      );
    const complete = async () => (await getUnitProgress(db(), userId, 'c')).find((p) => p.unit_slug === 'a')?.completed_at;
    const gate = (now: number) => recordUnitRequest(db(), { ...unit('a'), minimumUnitMinutes: 10 }, undefined, now);

    expect(await gate(T)).toMatchObject({ minimumSeconds: 600, spentSeconds: 0, met: false });
    await submit(true, T + s(19));
    expect(await complete()).toBeNull();
    expect(await gate(T + s(300))).toMatchObject({ spentSeconds: 300, met: false });
    expect(await complete()).toBeNull();
    // A heartbeat that reaches the minimum completes the unit and says so.
    await creditHeartbeat(db(), { ...unit('a'), activeSeconds: 0 }, undefined, T + s(301));
    for (let i = 1; i < 10; i++) {
      const r = await recordHeartbeat(
        db(),
        { ...unit('a'), activeSeconds: 30, minimumUnitMinutes: 10 },
        undefined,
        T + s(300 + 30 * i),
      );
      expect(r.completedNow).toBe(false);
    }
    const last = await recordHeartbeat(db(), { ...unit('a'), activeSeconds: 30, minimumUnitMinutes: 10 }, undefined, T + s(600));
    expect(last).toMatchObject({ spentSeconds: 600, completedNow: true });
    expect(await complete()).toBe(T + s(600));
    expect(await gate(T + s(700))).toMatchObject({ met: true });
  });

  it('completes at once when the minimum was already met, and never on a failed quiz', async () => {
    await creditUnitRequest(db(), unit('a'), undefined, T);
    await creditUnitRequest(db(), unit('a'), undefined, T + s(300));
    await creditUnitRequest(db(), unit('a'), undefined, T + s(600));
    const base = { ...unit('a'), quiz: twoQuestionQuiz, contentVersion: 'v1', minimumUnitMinutes: 10 };
    await answerQuiz(db(), { ...base, responses: { q1: ['b'], q2: ['false'] } }, T + s(601));
    expect(await recordUnitRequest(db(), { ...unit('a'), minimumUnitMinutes: 10 }, undefined, T + s(602))).toMatchObject({
      met: true,
    });
    expect((await getUnitProgress(db(), userId, 'c'))[0].completed_at).toBeNull();
    await answerQuiz(db(), { ...base, responses: { q1: ['a'], q2: ['true'] } }, T + s(603));
    expect((await getUnitProgress(db(), userId, 'c'))[0].completed_at).toBe(T + s(603));
  });
});
