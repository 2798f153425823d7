import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema';
import type { ExamContent } from '../content/load.server';
import { inPracticePool } from '../domain/exam';
import { type PracticeSnapshot, practiceItemStats, practiceSnapshot } from '../domain/practice';
import { drawPracticeSet } from '../domain/practice-draw';
import { rng } from '../domain/random';
import { type Answer, groupReadiness, meanEstimates, readiness } from '../domain/readiness';
import { isDue, nextReview, pacificDay, type ReviewState } from '../domain/review-schedule';
import { type Viewer, visibleTrainees } from './cohort.server';

// Practice sets, their answers and the spaced-review schedule (docs/decisions/027). Practice
// answers live here only: exam item analysis (analysis.server.ts) reads exam attempts and never
// these tables.

export interface PracticeCourse {
  slug: string;
  exam: ExamContent;
}

const snapshotSchema = z.object({
  prompt: z.string(),
  options: z.array(z.object({ id: z.string(), text: z.string() })),
  answer: z.string(),
  rationale: z.string(),
});
const decodeSnapshot = (text: string): PracticeSnapshot => snapshotSchema.parse(JSON.parse(text));

type Db = Kysely<Database>;

async function reviewStates(db: Db, userId: string, courseSlug: string) {
  const rows = await db
    .selectFrom('practice_reviews')
    .selectAll()
    .where('user_id', '=', userId)
    .where('course_slug', '=', courseSlug)
    .execute();
  return new Map(
    rows.map((r) => [
      r.item_id,
      { step: r.step, dueDay: r.due_day, topStreak: r.top_streak, retired: r.retired_at !== null } satisfies ReviewState,
    ]),
  );
}

/** Ids of missed items due for review today (Pacific), most overdue first, that practice may still ask. */
export async function dueReviewIds(db: Db, userId: string, course: PracticeCourse, now = Date.now()): Promise<string[]> {
  const today = pacificDay(now);
  const pool = new Set(course.exam.items.filter(inPracticePool).map((i) => i.id));
  const states = await reviewStates(db, userId, course.slug);
  return [...states]
    .filter(([id, s]) => pool.has(id) && isDue(s, today))
    .sort(([a, x], [b, y]) => x.dueDay.localeCompare(y.dueDay) || a.localeCompare(b))
    .map(([id]) => id);
}

/** Every answer that counts for readiness: practice answers and scored exam choice items. */
export async function traineeAnswers(db: Db, userIds: string[], courseSlug: string): Promise<Map<string, Answer[]>> {
  const out = new Map<string, Answer[]>(userIds.map((id) => [id, []]));
  for (let i = 0; i < userIds.length; i += 200) {
    const ids = userIds.slice(i, i + 200);
    const practice = await db
      .selectFrom('practice_set_items as i')
      .innerJoin('practice_sets as s', 's.id', 'i.set_id')
      .select(['s.user_id', 'i.area', 'i.correct', 'i.answered_at'])
      .where('s.user_id', 'in', ids)
      .where('s.course_slug', '=', courseSlug)
      .where('i.correct', 'is not', null)
      .execute();
    const exam = await db
      .selectFrom('exam_attempt_items as i')
      .innerJoin('exam_attempts as a', 'a.id', 'i.attempt_id')
      .select(['a.user_id', 'i.area', 'i.correct', 'a.submitted_at'])
      .where('a.user_id', 'in', ids)
      .where('a.course_slug', '=', courseSlug)
      .where('a.status', '!=', 'in_progress')
      .where('i.kind', '=', 'choice')
      .where('i.correct', 'is not', null)
      .execute();
    for (const r of practice)
      out.get(r.user_id)?.push({ area: r.area, correct: r.correct === 1, at: Number(r.answered_at ?? 0) });
    for (const r of exam) out.get(r.user_id)?.push({ area: r.area, correct: r.correct === 1, at: Number(r.submitted_at ?? 0) });
  }
  return out;
}

/** A trainee's readiness per content area (exam.yaml's order). */
export async function traineeReadiness(db: Db, userId: string, course: PracticeCourse, now = Date.now()) {
  const areas = course.exam.definition.areas.map((a) => a.id);
  const answers = (await traineeAnswers(db, [userId], course.slug)).get(userId) ?? [];
  return readiness(areas, answers, now);
}

/** A group's readiness per area, over the members of a cohort the caller has already checked. */
export async function cohortReadiness(db: Db, cohortId: string, course: PracticeCourse, now = Date.now()) {
  const members = await db.selectFrom('cohort_members').select('user_id as id').where('cohort_id', '=', cohortId).execute();
  const areas = course.exam.definition.areas.map((a) => a.id);
  const answers = await traineeAnswers(
    db,
    members.map((m) => m.id),
    course.slug,
  );
  return { members: members.length, areas: groupReadiness(areas, [...answers.values()], now) };
}

/** A fresh id for the next set, carried by the start form (so a resent form makes one set). */
export const newPracticeSetId = () => randomUUID();

const withTitles = <T extends { area: string }>(rows: T[], exam: ExamContent) => {
  const titles = new Map(exam.definition.areas.map((a) => [a.id, a.title]));
  return rows.map((r) => ({ ...r, title: titles.get(r.area) ?? r.area }));
};

/** For trainer pages: a trainee's readiness with area titles (the caller checked scope with canViewTrainee). */
export async function traineeReadinessView(db: Db, userId: string, course: PracticeCourse) {
  return withTitles(await traineeReadiness(db, userId, course), course.exam);
}

/** For trainer pages: a group's readiness with area titles (the caller checked scope with findCohortFor). */
export async function cohortReadinessView(db: Db, cohortId: string, course: PracticeCourse) {
  const r = await cohortReadiness(db, cohortId, course);
  return { members: r.members, areas: withTitles(r.areas, course.exam) };
}

export type StartPracticeResult = { ok: true; setId: string } | { ok: false; reason: 'taken' | 'empty' };

/**
 * Draws and stores a practice set under the id the start form carried, so a form sent twice
 * makes one set. The draw: due reviews first, then by quota over the practice pool, weighted by
 * the blueprint of the largest form and the trainee's estimates. An id that belongs to someone
 * else is refused ('taken').
 */
export async function startPracticeSet(
  db: Db,
  input: { userId: string; course: PracticeCourse; size: number; setId: string; locale?: string },
  now = Date.now(),
): Promise<StartPracticeResult> {
  const existing = await db.selectFrom('practice_sets').select(['user_id']).where('id', '=', input.setId).executeTakeFirst();
  if (existing) return existing.user_id === input.userId ? { ok: true, setId: input.setId } : { ok: false, reason: 'taken' };
  const { exam } = input.course;
  const areas = exam.definition.areas.map((a) => a.id);
  const form = [...exam.definition.forms].sort(
    (a, b) => Object.values(b.blueprint).reduce((s, n) => s + n, 0) - Object.values(a.blueprint).reduce((s, n) => s + n, 0),
  )[0];
  const today = pacificDay(now);
  const [states, answers, seen] = await Promise.all([
    reviewStates(db, input.userId, input.course.slug),
    traineeAnswers(db, [input.userId], input.course.slug),
    db
      .selectFrom('practice_set_items as i')
      .innerJoin('practice_sets as s', 's.id', 'i.set_id')
      .select(['i.item_id', (eb) => eb.fn.max('i.answered_at').as('last')])
      .where('s.user_id', '=', input.userId)
      .where('s.course_slug', '=', input.course.slug)
      .where('i.answered_at', 'is not', null)
      .groupBy('i.item_id')
      .execute(),
  ]);
  const seed = randomBytes(12).toString('hex');
  const due = await dueReviewIds(db, input.userId, input.course, now);
  const drawn = drawPracticeSet({
    items: exam.items,
    blueprint: form?.blueprint ?? Object.fromEntries(areas.map((a) => [a, 1])),
    estimate: meanEstimates(areas, answers.get(input.userId) ?? [], now),
    due,
    waiting: new Set([...states].filter(([, s]) => !s.retired && !isDue(s, today)).map(([id]) => id)),
    lastSeen: new Map(seen.map((r) => [r.item_id, Number(r.last)])),
    size: input.size,
    seed,
  });
  if (!drawn.length) return { ok: false, reason: 'empty' };
  const byId = new Map(exam.items.map((i) => [i.id, i]));
  const random = rng(`${seed}-options`);
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('practice_sets')
        .values({
          id: input.setId,
          user_id: input.userId,
          course_slug: input.course.slug,
          size: drawn.length,
          seed,
          content_version: exam.version,
          created_at: now,
          completed_at: null,
          locale: input.locale ?? 'en',
        })
        .execute();
      await trx
        .insertInto('practice_set_items')
        .values(
          drawn.map((d, i) => {
            const item = byId.get(d.itemId);
            if (!item) throw new Error(`practice draw named an unknown item ${d.itemId}`);
            return {
              id: randomUUID(),
              set_id: input.setId,
              position: i + 1,
              item_id: d.itemId,
              area: d.area,
              reason: d.reason,
              snapshot: JSON.stringify(practiceSnapshot(item, random)),
              response: null,
              correct: null,
              answered_at: null,
            };
          }),
        )
        .execute();
    });
  } catch (e) {
    // The same form sent twice at once: the other request stored the set.
    const again = await db.selectFrom('practice_sets').select(['user_id']).where('id', '=', input.setId).executeTakeFirst();
    if (again) return again.user_id === input.userId ? { ok: true, setId: input.setId } : { ok: false, reason: 'taken' };
    throw e;
  }
  return { ok: true, setId: input.setId };
}

export interface PracticeSetItem {
  position: number;
  itemId: string;
  area: string;
  reason: 'review' | 'new';
  snapshot: PracticeSnapshot;
  response: string | null;
  correct: boolean | null;
}

/** A set with its items if it is this user's (else undefined: callers answer 404). Holds keys: never send it whole. */
export async function getOwnPracticeSet(db: Db, userId: string, setId: string) {
  const set = await db
    .selectFrom('practice_sets')
    .selectAll()
    .where('id', '=', setId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!set) return undefined;
  const rows = await db.selectFrom('practice_set_items').selectAll().where('set_id', '=', setId).orderBy('position').execute();
  const items: PracticeSetItem[] = rows.map((r) => ({
    position: r.position,
    itemId: r.item_id,
    area: r.area,
    reason: r.reason === 'review' ? 'review' : 'new',
    snapshot: decodeSnapshot(r.snapshot),
    response: r.response,
    correct: r.correct === null ? null : r.correct === 1,
  }));
  return { set, items };
}

/** The newest set of this course the trainee has not finished, if any. */
export function unfinishedPracticeSet(db: Db, userId: string, courseSlug: string) {
  return db
    .selectFrom('practice_sets')
    .select(['id', 'size', 'created_at'])
    .where('user_id', '=', userId)
    .where('course_slug', '=', courseSlug)
    .where('completed_at', 'is', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export type AnswerResult = { ok: true; recorded: boolean } | { ok: false; reason: 'not-found' | 'invalid-choice' };

/**
 * Records the answer to one question of the trainee's own set, once: a second submit (a double
 * click, a resent form, a second tab) changes nothing and is not an error. The first answer also
 * moves the item on the review ladder and, with the last question, completes the set, in the same
 * transaction.
 */
export async function answerPracticeItem(
  db: Db,
  input: { userId: string; setId: string; position: number; choice: string },
  now = Date.now(),
): Promise<AnswerResult> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('practice_set_items as i')
      .innerJoin('practice_sets as s', 's.id', 'i.set_id')
      .select(['i.id', 'i.item_id', 'i.snapshot', 'i.response', 's.course_slug'])
      .where('i.set_id', '=', input.setId)
      .where('i.position', '=', input.position)
      .where('s.user_id', '=', input.userId)
      .executeTakeFirst();
    if (!row) return { ok: false, reason: 'not-found' } as const;
    if (row.response !== null) return { ok: true, recorded: false } as const;
    const snapshot = decodeSnapshot(row.snapshot);
    if (!snapshot.options.some((o) => o.id === input.choice)) return { ok: false, reason: 'invalid-choice' } as const;
    const correct = snapshot.answer === input.choice;
    const updated = await trx
      .updateTable('practice_set_items')
      .set({ response: input.choice, correct: correct ? 1 : 0, answered_at: now })
      .where('id', '=', row.id)
      .where('response', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return { ok: true, recorded: false } as const;

    const key = { user_id: input.userId, course_slug: row.course_slug, item_id: row.item_id };
    const current = await trx
      .selectFrom('practice_reviews')
      .selectAll()
      .where('user_id', '=', key.user_id)
      .where('course_slug', '=', key.course_slug)
      .where('item_id', '=', key.item_id)
      .executeTakeFirst();
    const before: ReviewState | undefined = current
      ? { step: current.step, dueDay: current.due_day, topStreak: current.top_streak, retired: current.retired_at !== null }
      : undefined;
    const after = nextReview(before, correct, pacificDay(now));
    if (after && after !== before) {
      const values = {
        step: after.step,
        due_day: after.dueDay,
        top_streak: after.topStreak,
        retired_at: after.retired ? (current?.retired_at ?? now) : null,
        updated_at: now,
      };
      await trx
        .insertInto('practice_reviews')
        .values({ ...key, ...values })
        .onConflict((oc) => oc.columns(['user_id', 'course_slug', 'item_id']).doUpdateSet(values))
        .execute();
    }
    const open = await trx
      .selectFrom('practice_set_items')
      .select('id')
      .where('set_id', '=', input.setId)
      .where('response', 'is', null)
      .executeTakeFirst();
    if (!open)
      await trx
        .updateTable('practice_sets')
        .set({ completed_at: now })
        .where('id', '=', input.setId)
        .where('completed_at', 'is', null)
        .execute();
    return { ok: true, recorded: true } as const;
  });
}

/**
 * Practice statistics per item (answered, % right) over the trainees a viewer may see: a
 * trainer's own groups (admins: every group), through the cohort scope functions. Authors, who
 * see no trainee, get the figures over everyone: counts only, no names.
 */
export async function practiceStatistics(db: Db, viewer: Viewer, courseSlug: string) {
  let q = db
    .selectFrom('practice_set_items as i')
    .innerJoin('practice_sets as s', 's.id', 'i.set_id')
    .select((eb) => [
      'i.item_id',
      'i.area',
      eb.fn.count<number>('i.id').as('answered'),
      eb.fn.sum<number>('i.correct').as('right'),
    ])
    .where('s.course_slug', '=', courseSlug)
    .where('i.correct', 'is not', null)
    .groupBy(['i.item_id', 'i.area']);
  if (viewer.role !== 'author') {
    // The one trainer scope (app/models/cohort.server.ts); null for an admin, who sees everyone.
    const visible = visibleTrainees(db, viewer);
    if (visible) q = q.where('s.user_id', 'in', visible);
  }
  const totals = (await q.execute()).map((r) => ({
    itemId: r.item_id,
    area: r.area,
    answered: Number(r.answered),
    right: Number(r.right),
  }));
  return practiceItemStats(totals);
}
