import { randomUUID } from 'node:crypto';
import type { CompiledQuery, Kysely } from 'kysely';
import { sqliteOf } from '../../db/connect';
import type { Database } from '../../db/schema';
import { type UnitTimeGate, unitTimeGate } from '../domain/progress';
import {
  type CreditDecision,
  type CreditedInterval,
  decideHeartbeat,
  decideRequest,
  EMPTY_CLOCK,
  type TimeClock,
  type TimeLimits,
} from '../domain/time-on-task';

// The time-on-task ledger (docs/decisions/017-time-on-task.md). What may be credited is decided
// in app/domain/time-on-task.ts; this file reads the trainee's clock, asks, and writes the answer
// with compare-and-set on the clock's version, so two requests at once (two tabs, two server
// processes, two instances on PostgreSQL) can never both credit the same stretch of time: the
// loser re-reads and decides again.

const ATTEMPTS = 5;

class LostRace extends Error {}

async function readClock(db: Kysely<Database>, userId: string): Promise<{ version: number | null; clock: TimeClock }> {
  const row = await db.selectFrom('unit_time_clocks').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!row) return { version: null, clock: EMPTY_CLOCK };
  return {
    version: row.version,
    clock: {
      creditedUntil: row.credited_until,
      page:
        row.page_course && row.page_unit && row.page_at !== null
          ? { course: row.page_course, unit: row.page_unit, at: row.page_at, js: row.page_js === 1 }
          : null,
    },
  };
}

/**
 * Writes a decision: the clock by compare-and-set on its version (a lost race throws LostRace and
 * writes nothing), then the interval and the unit's total, all in one transaction.
 */
async function apply(db: Kysely<Database>, userId: string, version: number | null, decision: CreditDecision) {
  const { clock, interval } = decision;
  const values = {
    credited_until: clock.creditedUntil,
    page_course: clock.page?.course ?? null,
    page_unit: clock.page?.unit ?? null,
    page_at: clock.page?.at ?? null,
    page_js: clock.page?.js ? 1 : 0,
  };
  const clockWrite =
    version === null
      ? db
          .insertInto('unit_time_clocks')
          .values({ user_id: userId, version: 1, ...values })
          .onConflict((oc) => oc.column('user_id').doNothing())
          .compile()
      : db
          .updateTable('unit_time_clocks')
          .set({ version: version + 1, ...values })
          .where('user_id', '=', userId)
          .where('version', '=', version)
          .compile();
  const ledgerWrites: CompiledQuery[] = interval
    ? [
        db
          .insertInto('unit_time_intervals')
          .values({
            id: randomUUID(),
            user_id: userId,
            course_slug: interval.course,
            unit_slug: interval.unit,
            started_at: interval.startedAt,
            ended_at: interval.endedAt,
            seconds: interval.seconds,
            source: interval.source,
          })
          .compile(),
        db
          .insertInto('unit_time_totals')
          .values({ user_id: userId, course_slug: interval.course, unit_slug: interval.unit, seconds: interval.seconds })
          .onConflict((oc) =>
            oc
              .columns(['user_id', 'course_slug', 'unit_slug'])
              .doUpdateSet((eb) => ({ seconds: eb('unit_time_totals.seconds', '+', eb.ref('excluded.seconds')) })),
          )
          .compile(),
      ]
    : [];

  const sqlite = sqliteOf(db);
  if (sqlite) {
    // NOTE: on SQLite the transaction runs synchronously (BEGIN IMMEDIATE, no await inside), as
    // db/group-commit.ts does: the write lock is never held across an await, which another
    // server process (or a second connection in this one) would otherwise wait on. Holding
    // Kysely's connection keeps its own queries and transactions out of the way meanwhile.
    await db.connection().execute(async () => {
      sqlite.raw
        .transaction(() => {
          const changed = sqlite.prepare(clockWrite.sql).run(...clockWrite.parameters).changes;
          if (changed !== 1) throw new LostRace();
          for (const q of ledgerWrites) sqlite.prepare(q.sql).run(...q.parameters);
        })
        .immediate();
    });
    return;
  }
  await db.transaction().execute(async (trx) => {
    // The clock first: on PostgreSQL a concurrent writer waits on its row, then sees the new version.
    const r = await trx.executeQuery(clockWrite);
    if (Number(r.numAffectedRows ?? 0) !== 1) throw new LostRace();
    for (const q of ledgerWrites) await trx.executeQuery(q);
  });
}

async function creditWith(
  db: Kysely<Database>,
  userId: string,
  decide: (clock: TimeClock) => CreditDecision,
): Promise<CreditedInterval | null> {
  for (let i = 0; i < ATTEMPTS; i++) {
    const { version, clock } = await readClock(db, userId);
    const decision = decide(clock);
    if (!decision.changed) return null;
    try {
      await apply(db, userId, version, decision);
      return decision.interval;
    } catch (e) {
      if (!(e instanceof LostRace)) throw e;
    }
  }
  // Five lost races in a row for one trainee: crediting nothing is the safe answer.
  return null;
}

/** A heartbeat from a unit page with JavaScript. Returns what was credited (null for nothing). */
export function creditHeartbeat(
  db: Kysely<Database>,
  input: { userId: string; courseSlug: string; unitSlug: string; activeSeconds: number },
  limits?: TimeLimits,
  now = Date.now(),
) {
  return creditWith(db, input.userId, (clock) =>
    decideHeartbeat(clock, { course: input.courseSlug, unit: input.unitSlug, activeSeconds: input.activeSeconds, now }, limits),
  );
}

/** A request for a unit page: credits the capped gap since the previous one (without JavaScript). */
export function creditUnitRequest(
  db: Kysely<Database>,
  input: { userId: string; courseSlug: string; unitSlug: string },
  limits?: TimeLimits,
  now = Date.now(),
) {
  return creditWith(db, input.userId, (clock) =>
    decideRequest(clock, { course: input.courseSlug, unit: input.unitSlug, now }, limits),
  );
}

/** Seconds measured on one unit. */
export async function unitSecondsSpent(
  db: Kysely<Database>,
  userId: string,
  courseSlug: string,
  unitSlug: string,
): Promise<number> {
  const row = await db
    .selectFrom('unit_time_totals')
    .select('seconds')
    .where('user_id', '=', userId)
    .where('course_slug', '=', courseSlug)
    .where('unit_slug', '=', unitSlug)
    .executeTakeFirst();
  return row ? Number(row.seconds) : 0;
}

/** Seconds measured per unit of a course, for one trainee. */
export async function traineeUnitSeconds(db: Kysely<Database>, userId: string, courseSlug: string) {
  const rows = await db
    .selectFrom('unit_time_totals')
    .select(['unit_slug', 'seconds'])
    .where('user_id', '=', userId)
    .where('course_slug', '=', courseSlug)
    .execute();
  return new Map(rows.map((r) => [r.unit_slug, Number(r.seconds)]));
}

/** The credited intervals of a trainee, oldest first: the base for training-hours records. */
export function listTimeIntervals(db: Kysely<Database>, userId: string, courseSlug?: string) {
  let q = db
    .selectFrom('unit_time_intervals')
    .select(['course_slug', 'unit_slug', 'started_at', 'ended_at', 'seconds', 'source'])
    .where('user_id', '=', userId);
  if (courseSlug) q = q.where('course_slug', '=', courseSlug);
  return q.orderBy('started_at').execute();
}

/**
 * A unit whose quiz was passed before the course's minimum time was reached becomes complete once
 * the time is there. Called after time is credited and when the unit page loads; idempotent.
 * Returns true when it completed the unit now.
 */
export async function completeIfTimeMet(
  db: Kysely<Database>,
  input: { userId: string; courseSlug: string; unitSlug: string; met: boolean },
  now = Date.now(),
): Promise<boolean> {
  if (!input.met) return false;
  const passed = await db
    .selectFrom('quiz_attempts')
    .select('id')
    .where('user_id', '=', input.userId)
    .where('course_slug', '=', input.courseSlug)
    .where('unit_slug', '=', input.unitSlug)
    .where('passed', '=', 1)
    .limit(1)
    .executeTakeFirst();
  if (!passed) return false;
  const r = await db
    .updateTable('unit_progress')
    .set({ completed_at: now, completed_by: 'quiz' })
    .where('user_id', '=', input.userId)
    .where('course_slug', '=', input.courseSlug)
    .where('unit_slug', '=', input.unitSlug)
    .where('completed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Everything a unit page request does with time: credits the gap since the previous unit page
 * request (without JavaScript), completes a unit whose passed quiz was waiting for the course's
 * minimum time, and returns this unit's time against that minimum.
 */
export async function recordUnitRequest(
  db: Kysely<Database>,
  input: { userId: string; courseSlug: string; unitSlug: string; minimumUnitMinutes?: number },
  limits?: TimeLimits,
  now = Date.now(),
): Promise<UnitTimeGate> {
  const interval = await creditUnitRequest(db, input, limits, now);
  if (!input.minimumUnitMinutes) return unitTimeGate(0, 0);
  // The gap is credited to the page that was open before, often the previous unit: settle it too.
  if (interval && interval.course === input.courseSlug && interval.unit !== input.unitSlug) {
    await settleUnit(db, { ...input, unitSlug: interval.unit }, now);
  }
  return (await settleUnit(db, input, now)).gate;
}

/** A heartbeat: credits it, then settles the unit as a request does. */
export async function recordHeartbeat(
  db: Kysely<Database>,
  input: { userId: string; courseSlug: string; unitSlug: string; activeSeconds: number; minimumUnitMinutes?: number },
  limits?: TimeLimits,
  now = Date.now(),
) {
  const interval = await creditHeartbeat(db, input, limits, now);
  const { gate, completedNow } = await settleUnit(db, input, now);
  return { creditedSeconds: interval?.seconds ?? 0, spentSeconds: gate.spentSeconds, completedNow };
}

async function settleUnit(
  db: Kysely<Database>,
  input: { userId: string; courseSlug: string; unitSlug: string; minimumUnitMinutes?: number },
  now: number,
) {
  const gate = unitTimeGate(input.minimumUnitMinutes, await unitSecondsSpent(db, input.userId, input.courseSlug, input.unitSlug));
  const completedNow = gate.minimumSeconds > 0 && (await completeIfTimeMet(db, { ...input, met: gate.met }, now));
  return { gate, completedNow };
}
