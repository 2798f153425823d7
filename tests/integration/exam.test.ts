import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildContent } from '../../app/content/content.server';
import type { ExamContent } from '../../app/content/load.server';
import {
  extendAttempt,
  finaliseOverdueAttempts,
  getAttemptItems,
  getOwnAttempt,
  saveExamResponse,
  setAccommodation,
  startExamAttempt,
  submitExamAttempt,
} from '../../app/models/exam.server';
import { readAttemptResponses } from '../../app/models/exam-responses.server';
import { createUser } from '../../app/models/user.server';
import { engines, type TestDb } from '../setup/db';

let exam: ExamContent;

describe.each(engines)('practice exam attempts on $name', ({ fresh }) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await fresh();
    exam ??= (await buildContent('tests/fixtures/content')).courses[0].exam!;
  });
  afterEach(async () => {
    await t.cleanup();
  });
  const db = () => t.handle.db;
  const form = () => exam.definition.forms[0];
  const trainee = () => createUser(db(), { email: `t${Math.random()}@example.org`, name: 'T', passwordHash: 'x' });
  const start = (userId: string, now = Date.now()) =>
    startExamAttempt(db(), { userId, courseSlug: 'mini', exam, form: form() }, now);

  it('draws per blueprint, stores snapshots and a deadline, and allows one attempt in progress', async () => {
    const u = await trainee();
    const r = await start(u, 1_000_000);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const a = await getOwnAttempt(db(), u, r.attemptId);
    expect(a).toMatchObject({ status: 'in_progress', deadline_at: 1_000_000 + 10 * 60_000, pass_percent: 50 });
    const items = await getAttemptItems(db(), r.attemptId);
    expect(items.map((i) => i.kind)).toEqual(['choice', 'choice', 'written']);
    expect(items[0].snapshot.kind === 'choice' && items[0].snapshot.rationale).toBeTruthy();
    expect(await start(u)).toEqual({ ok: false, reason: 'active', attemptId: r.attemptId });
  });

  it('lets two simultaneous starts make exactly one attempt', async () => {
    const u = await trainee();
    const results = await Promise.all([start(u), start(u), start(u)]);
    const ids = new Set(results.map((r) => ('attemptId' in r ? r.attemptId : null)));
    expect(ids.size).toBe(1);
    const count = await db()
      .selectFrom('exam_attempts')
      .select(db().fn.countAll<number>().as('n'))
      .where('user_id', '=', u)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('applies the time accommodation: a multiplier, or no limit', async () => {
    const u = await trainee();
    await setAccommodation(db(), u, { multiplier: 1.5, noLimit: false });
    const r = await start(u, 0);
    expect(r.ok && (await getOwnAttempt(db(), u, r.attemptId))?.deadline_at).toBe(15 * 60_000);
    const v = await trainee();
    await setAccommodation(db(), v, { multiplier: 1, noLimit: true });
    const s = await start(v, 0);
    expect(s.ok && (await getOwnAttempt(db(), v, s.attemptId))?.deadline_at).toBeNull();
  });

  it('saves answers and flags, refuses options the item does not have, and someone else cannot save', async () => {
    const u = await trainee();
    const other = await trainee();
    const r = await start(u, 0);
    if (!r.ok) throw new Error('no start');
    expect(
      await saveExamResponse(db(), { userId: u, attemptId: r.attemptId, position: 1, response: 'a', flagged: true }, 1000),
    ).toEqual({ ok: true, savedAt: 1000 });
    expect(await saveExamResponse(db(), { userId: u, attemptId: r.attemptId, position: 1, response: 'zz' }, 1000)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await saveExamResponse(db(), { userId: other, attemptId: r.attemptId, position: 1, response: 'b' }, 1000)).toEqual({
      ok: false,
      reason: 'not-found',
    });
    // A row the caller read for someone else is never trusted in place of the lookup.
    const row = await getOwnAttempt(db(), u, r.attemptId);
    expect(
      await saveExamResponse(db(), { userId: other, attemptId: r.attemptId, position: 1, response: 'b' }, 1000, row),
    ).toEqual({
      ok: false,
      reason: 'not-found',
    });
    expect(
      await saveExamResponse(db(), { userId: u, attemptId: r.attemptId, position: 1, response: 'b' }, 1000, row),
    ).toMatchObject({ ok: true });
    expect(
      await saveExamResponse(db(), { userId: u, attemptId: r.attemptId, position: 3, response: 'My written answer' }, 1000),
    ).toMatchObject({ ok: true });
    const items = await getAttemptItems(db(), r.attemptId);
    expect(items[0]).toMatchObject({ response: 'b', flagged: true });
    expect(items[2].response).toBe('My written answer');
  });

  it('submits once however many times it is asked, scoring the multiple-choice items', async () => {
    const u = await trainee();
    const r = await start(u, 0);
    if (!r.ok) throw new Error('no start');
    const items = await getAttemptItems(db(), r.attemptId);
    const first = items[0].snapshot;
    if (first.kind !== 'choice') throw new Error('expected choice');
    await saveExamResponse(db(), { userId: u, attemptId: r.attemptId, position: 1, response: first.answer }, 10);
    const results = await Promise.all([1, 2, 3, 4].map(() => submitExamAttempt(db(), r.attemptId, 'trainee', 20)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const a = await getOwnAttempt(db(), u, r.attemptId);
    expect(a).toMatchObject({
      status: 'submitted',
      objective_correct: 1,
      objective_total: 2,
      written_max: 4,
      submitted_by: 'trainee',
    });
    expect((await getAttemptItems(db(), r.attemptId)).map((i) => i.correct)).toEqual([1, 0, null]);
    // The compact record item analysis reads, written in the same transaction.
    expect((await readAttemptResponses(db(), [r.attemptId])).get(r.attemptId)).toEqual([
      [1, items[0].itemId, 1, first.answer],
      [2, items[1].itemId, 0, null],
      [3, items[2].itemId, items[2].id],
    ]);
    expect(await saveExamResponse(db(), { userId: u, attemptId: r.attemptId, position: 2, response: 'a' }, 30)).toEqual({
      ok: false,
      reason: 'closed',
    });
  });

  it('refuses answers after the deadline and finalises with what was saved, even if the trainee never returns', async () => {
    const u = await trainee();
    const r = await start(u, 0);
    if (!r.ok) throw new Error('no start');
    await saveExamResponse(db(), { userId: u, attemptId: r.attemptId, position: 1, response: 'a' }, 10 * 60_000);
    expect(
      await saveExamResponse(db(), { userId: u, attemptId: r.attemptId, position: 2, response: 'a' }, 10 * 60_000 + 1),
    ).toEqual({ ok: false, reason: 'closed' });
    expect((await getOwnAttempt(db(), u, r.attemptId))?.submitted_by).toBe('deadline');
    const v = await trainee();
    const s = await start(v, 0);
    if (!s.ok) throw new Error('no start');
    expect(await finaliseOverdueAttempts(db(), 5 * 60_000)).toBe(0);
    expect(await finaliseOverdueAttempts(db(), 11 * 60_000)).toBe(1);
    expect((await getOwnAttempt(db(), v, s.attemptId))?.status).toBe('submitted');
  });

  it('extends an attempt in progress', async () => {
    const u = await trainee();
    const r = await start(u, 0);
    if (!r.ok) throw new Error('no start');
    expect(await extendAttempt(db(), r.attemptId, 15)).toBe(true);
    expect((await getOwnAttempt(db(), u, r.attemptId))?.deadline_at).toBe(25 * 60_000);
    expect(
      await saveExamResponse(db(), { userId: u, attemptId: r.attemptId, position: 1, response: 'a' }, 20 * 60_000),
    ).toMatchObject({ ok: true });
  });
});
