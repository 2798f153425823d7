import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/schema';
import { seedDemo } from '../../scripts/seed-demo';
import { engines, type TestDb } from '../setup/db';

/** What the demo program holds, by table, in a form two runs can compare. */
async function snapshot(db: Kysely<Database>) {
  const count = async (table: keyof Database) =>
    Number((await db.selectFrom(table).select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const attempts = await db
    .selectFrom('exam_attempts as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .select(['u.email', 'a.status', 'a.started_at', 'a.submitted_at'])
    .orderBy('u.email')
    .orderBy('a.started_at')
    .execute();
  const byStatus: Record<string, number> = {};
  for (const a of attempts) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
  return {
    cohorts: (await db.selectFrom('cohorts').select(['name', 'join_code']).orderBy('name').execute()).map((c) => ({ ...c })),
    trainees: (
      await db
        .selectFrom('users')
        .select(['email', 'name', 'time_multiplier'])
        .where('role', '=', 'trainee')
        .orderBy('email')
        .execute()
    ).map((u) => ({ ...u, time_multiplier: Number(u.time_multiplier) })),
    attempts: attempts.map((a) => ({ ...a, started_at: Number(a.started_at), submitted_at: Number(a.submitted_at) })),
    byStatus,
    unitsDone: await count('unit_progress'),
    quizAttempts: (await db.selectFrom('quiz_attempts').select(['passed']).execute()).map((q) => Number(q.passed)).sort(),
    reflections: await count('reflections'),
    practiceSets: await count('practice_sets'),
    practiceAnswers: Number(
      (
        await db
          .selectFrom('practice_set_items')
          .select(db.fn.countAll<number>().as('n'))
          .where('response', 'is not', null)
          .executeTakeFirstOrThrow()
      ).n,
    ),
    timeSeconds: Number(
      (await db.selectFrom('unit_time_totals').select(db.fn.sum<number>('seconds').as('s')).executeTakeFirstOrThrow()).s,
    ),
    sessions: await count('training_sessions'),
    attendance: await count('session_attendance'),
    certificates: await count('certificates'),
    completions: await count('course_completions'),
    announcements: await count('announcements'),
    notifications: await count('notifications'),
  };
}

describe.each(engines)('the demo seed on $name', ({ fresh }) => {
  const dbs: TestDb[] = [];
  afterEach(async () => {
    for (const t of dbs.splice(0)) await t.cleanup();
  });

  it('creates the program, the same twice, and a second run changes nothing', { timeout: 240_000 }, async () => {
    const a = await fresh();
    dbs.push(a);
    expect(await seedDemo(a.handle.db, { program: true })).toBe(true);
    const first = await snapshot(a.handle.db);
    // Demo cohort, the evening group and the archived past group.
    expect(first.cohorts.map((c) => c.join_code).sort()).toEqual(['DEMO2026', 'EVEN2026', 'PAST2026']);
    expect(first.trainees).toHaveLength(26);
    expect(first.trainees.filter((t) => t.time_multiplier === 1.5)).toHaveLength(1);
    expect(first.byStatus).toEqual({ submitted: 5, released: 15 });
    expect(first.sessions).toBe(14);
    expect(first.certificates).toBe(1);
    expect(first.completions).toBe(1);
    expect(first.announcements).toBe(1);
    expect(first.notifications).toBeGreaterThanOrEqual(25);
    expect(first.unitsDone).toBeGreaterThan(100);
    // Quiz attempts through the draw: every unit done was passed, some after a first try that missed.
    expect(first.quizAttempts.filter((p) => p === 1).length).toBeGreaterThan(100);
    expect(first.quizAttempts.filter((p) => p === 0).length).toBeGreaterThan(0);
    expect(first.reflections).toBeGreaterThan(10);
    expect(first.practiceSets).toBe(4);
    expect(first.practiceAnswers).toBe(40);
    expect(first.timeSeconds).toBeGreaterThan(60 * 60);

    expect(await seedDemo(a.handle.db, { program: true })).toBe(false);
    expect(await snapshot(a.handle.db)).toEqual(first);

    const b = await fresh();
    dbs.push(b);
    await seedDemo(b.handle.db, { program: true });
    expect(await snapshot(b.handle.db)).toEqual(first);
  });

  it('leaves the program out when asked (the e2e server does)', { timeout: 60_000 }, async () => {
    const t = await fresh();
    dbs.push(t);
    await seedDemo(t.handle.db, { program: false });
    const s = await snapshot(t.handle.db);
    expect(s.trainees).toHaveLength(1);
    expect(s.byStatus).toEqual({});
    expect(s.sessions).toBe(2);
  });
});
