import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildContent } from '../../app/content/content.server';
import type { ExamContent } from '../../app/content/load.server';
import { rng } from '../../app/domain/random';
import type { SessionUser } from '../../app/guards/auth.server';
import { addMember, createCohort } from '../../app/models/cohort.server';
import {
  attemptScore,
  getAttempt,
  getAttemptItems,
  saveExamResponse,
  startExamAttempt,
  submitExamAttempt,
} from '../../app/models/exam.server';
import {
  candidateLabel,
  findGradableAttempt,
  GRADING_TOKEN,
  gradingQueue,
  releaseAttempt,
  saveGrade,
} from '../../app/models/grading.server';
import { createUser } from '../../app/models/user.server';
import { migrateToLatest, migrator } from '../../db/connect';
import { engines, type TestDb } from '../setup/db';

let exam: ExamContent;

describe.each(engines)('grading on $name', ({ fresh }) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await fresh();
    exam ??= (await buildContent('tests/fixtures/content')).courses[0].exam!;
  });
  afterEach(async () => {
    await t.cleanup();
  });
  const db = () => t.handle.db;

  /** A trainer with a group, and a member of it who has submitted an attempt with a written answer. */
  async function submitted(trainerIsMember = false) {
    const trainerId = await createUser(db(), {
      email: `tr${Math.random()}@example.org`,
      name: 'Tess Trainer',
      passwordHash: 'x',
      role: 'trainer',
    });
    const trainer: SessionUser = { id: trainerId, email: 'tr@example.org', name: 'Tess Trainer', role: 'trainer' } as SessionUser;
    const cohort = await createCohort(db(), { name: 'G', startsOn: '2026-01-01', endsOn: '2026-12-31', trainerId });
    const userId = trainerIsMember
      ? trainerId
      : await createUser(db(), { email: `t${Math.random()}@example.org`, name: 'Pat Trainee', passwordHash: 'x' });
    await addMember(db(), cohort.id, userId);
    const r = await startExamAttempt(db(), { userId, courseSlug: 'mini', exam, form: exam.definition.forms[0] }, 1_000);
    if (!r.ok) throw new Error('no start');
    const items = await getAttemptItems(db(), r.attemptId);
    const written = items.find((i) => i.kind === 'written');
    if (!written) throw new Error('no written item');
    await saveExamResponse(
      db(),
      { userId, attemptId: r.attemptId, position: written.position, response: 'I would listen.' },
      2_000,
    );
    await submitExamAttempt(db(), r.attemptId, 'trainee', 3_000);
    return { trainer, userId, attemptId: r.attemptId, itemId: written.id };
  }
  const grade = (
    s: Awaited<ReturnType<typeof submitted>>,
    levels: [string, string][],
    opts: { finalise?: boolean; reason?: string; graderId?: string } = {},
  ) =>
    saveGrade(db(), {
      attemptId: s.attemptId,
      attemptItemId: s.itemId,
      graderId: opts.graderId ?? s.trainer.id,
      submission: { levels, comments: [] },
      overall: '',
      finalise: opts.finalise ?? true,
      reason: opts.reason ?? '',
    });
  const gradeRows = async () =>
    Number((await db().selectFrom('grades').select(db().fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('backfills a distinct grading token for attempts made before migration 0002, and rolls back', async () => {
    const s = await submitted();
    const other = await submitted();
    expect((await migrator(db()).migrateTo('0001_initial')).error).toBeUndefined();
    // Back at 0001 the attempts are as the old app left them: no token.
    const old = await db().selectFrom('exam_attempts').selectAll().where('id', '=', s.attemptId).executeTakeFirstOrThrow();
    expect('grading_token' in old).toBe(false);
    await migrateToLatest(db());
    const rows = await db().selectFrom('exam_attempts').select(['id', 'grading_token']).execute();
    expect(rows.map((r) => r.id).sort()).toEqual([s.attemptId, other.attemptId].sort());
    for (const r of rows) expect(r.grading_token).toMatch(GRADING_TOKEN);
    expect(new Set(rows.map((r) => r.grading_token)).size).toBe(2);
  });

  it('refuses a forged criterion or level and writes nothing (it used to score 1923%)', async () => {
    const s = await submitted();
    expect(
      await grade(s, [
        ['care', '4'],
        ['anything', '1000'],
      ]),
    ).toMatchObject({ ok: false, errors: { form: expect.any(String) } });
    expect(await grade(s, [['care', '1000']])).toEqual({ ok: false, errors: { care: 'trainer.grade.error.levelShown' } });
    expect(await grade(s, [['nonexistent', 'abc']], { finalise: false })).toMatchObject({ ok: false });
    expect(await gradeRows()).toBe(0);
    expect(await grade(s, [['care', '4']])).toEqual({ ok: true, points: 4, status: 'final' });
  });

  it('keeps a changed final grade complete', async () => {
    const s = await submitted();
    await grade(s, [['care', '2']]);
    expect(await grade(s, [], { finalise: false, reason: 'second look' })).toMatchObject({
      ok: false,
      errors: { care: expect.any(String) },
    });
  });

  it('lets no one grade or release their own attempt, and keeps it out of their queue', async () => {
    const s = await submitted(true);
    expect(await gradingQueue(db(), s.trainer)).toEqual([]);
    const token = (await getAttempt(db(), s.attemptId))?.grading_token ?? '';
    expect(await findGradableAttempt(db(), s.trainer, token)).toBeUndefined();
    expect(await grade(s, [['care', '4']])).toEqual({ ok: false, errors: { form: 'trainer.grade.error.ownExam' } });
    expect(await gradeRows()).toBe(0);
    const admin = await createUser(db(), { email: 'a@example.org', name: 'Ad', passwordHash: 'x', role: 'admin' });
    expect(await grade(s, [['care', '4']], { graderId: admin })).toMatchObject({ ok: true });
    expect(await releaseAttempt(db(), s.attemptId, s.userId)).toBe(false);
    expect(await releaseAttempt(db(), s.attemptId, admin)).toBe(true);
  });

  it('names an attempt in the queue by a random token unrelated to its id, with no times', async () => {
    const s = await submitted();
    const [row] = await gradingQueue(db(), s.trainer);
    const attempt = await getAttempt(db(), s.attemptId);
    expect(row.token).toBe(attempt?.grading_token);
    expect(row.token).toMatch(GRADING_TOKEN);
    expect(row.label).toBe(candidateLabel(row.token));
    const bare = s.attemptId.replace(/-/g, '').toUpperCase();
    expect(bare.includes(row.token.slice(0, 4))).toBe(false);
    expect(Object.keys(row).sort()).toEqual(['final', 'form_id', 'label', 'status', 'token', 'written']);
    expect(await findGradableAttempt(db(), s.trainer, row.token)).toBe(s.attemptId);
  });

  // Property: whatever sequence of grading requests arrives (valid, forged, duplicated,
  // out-of-range, regrades after release), the attempt's score stays within 0-100%.
  it.each(['alpha', 'beta', 'gamma'])(
    'keeps every score between 0 and 100 percent under random grading requests (seed %s)',
    async (seed) => {
      const s = await submitted();
      const random = rng(seed);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
      const ids = ['care', 'care', 'anything', '', 'CARE', '__proto__', 'level:care'];
      const values = ['0', '2', '4', '4', '1000', '-4', '4.0', 'abc', '', '1e9', 'Infinity', '3'];
      let accepted = 0;
      for (let step = 0; step < 40; step++) {
        if (random() < 0.15) await releaseAttempt(db(), s.attemptId, s.trainer.id);
        else {
          const levels = Array.from({ length: Math.floor(random() * 4) }, () => [pick(ids), pick(values)] as [string, string]);
          const r = await grade(s, levels, { finalise: random() < 0.6, reason: random() < 0.5 ? 'another look' : '' });
          if (r.ok) accepted++;
        }
        const a = await getAttempt(db(), s.attemptId);
        if (!a) throw new Error('attempt vanished');
        const { score } = await attemptScore(db(), a.id, a.pass_percent, ['area-one', 'area-two']);
        expect(score.percent).toBeGreaterThanOrEqual(0);
        expect(score.percent).toBeLessThanOrEqual(100);
        for (const area of score.areas) expect(area.percent).toBeLessThanOrEqual(100);
        if (a.final_percent !== null) {
          expect(a.final_percent).toBeGreaterThanOrEqual(0);
          expect(a.final_percent).toBeLessThanOrEqual(100);
        }
        const g = await db().selectFrom('grades').select(['points', 'max_points']).executeTakeFirst();
        if (g) expect(Number(g.points)).toBeLessThanOrEqual(Number(g.max_points));
      }
      expect(accepted).toBeGreaterThan(0);
    },
  );
});
