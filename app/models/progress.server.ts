import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { courseProgress, examUnlocked } from '../domain/progress';

export function getUnitProgress(db: Kysely<Database>, userId: string, courseSlug: string) {
  return db
    .selectFrom('unit_progress')
    .select(['unit_slug', 'completed_at', 'completed_by', 'best_percent', 'last_visited_at'])
    .where('user_id', '=', userId)
    .where('course_slug', '=', courseSlug)
    .execute();
}

/** One unit's progress row, or undefined before the trainee first opens it. */
export function getOneUnitProgress(db: Kysely<Database>, userId: string, courseSlug: string, unitSlug: string) {
  return db
    .selectFrom('unit_progress')
    .select(['completed_at', 'best_percent', 'last_visited_at'])
    .where('user_id', '=', userId)
    .where('course_slug', '=', courseSlug)
    .where('unit_slug', '=', unitSlug)
    .executeTakeFirst();
}

/** Notes that the trainee opened a unit (for "continue where you left off"). */
export async function recordVisit(db: Kysely<Database>, userId: string, courseSlug: string, unitSlug: string, now = Date.now()) {
  await db
    .insertInto('unit_progress')
    .values({
      user_id: userId,
      course_slug: courseSlug,
      unit_slug: unitSlug,
      completed_at: null,
      completed_by: null,
      best_percent: null,
      last_visited_at: now,
    })
    .onConflict((oc) => oc.columns(['user_id', 'course_slug', 'unit_slug']).doUpdateSet({ last_visited_at: now }))
    .execute();
}

/** Marks a unit without a quiz as done. Completion, once reached, is never taken back. */
export async function markUnitDone(db: Kysely<Database>, userId: string, courseSlug: string, unitSlug: string, now = Date.now()) {
  await db
    .insertInto('unit_progress')
    .values({
      user_id: userId,
      course_slug: courseSlug,
      unit_slug: unitSlug,
      completed_at: now,
      completed_by: 'manual',
      best_percent: null,
      last_visited_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['user_id', 'course_slug', 'unit_slug']).doUpdateSet((eb) => ({
        completed_at: eb.fn.coalesce('unit_progress.completed_at', eb.val(now)),
        completed_by: eb.fn.coalesce('unit_progress.completed_by', eb.val<'manual'>('manual')),
      })),
    )
    .execute();
}

/**
 * Whether the practice exam is open to this user: every unit of the course complete.
 * The exam guard calls this (requireExam in app/guards/exam-access.server.ts).
 */
export async function examAccess(
  db: Kysely<Database>,
  userId: string,
  course: { slug: string; units: { slug: string; title: string }[] },
) {
  const rows = await getUnitProgress(db, userId, course.slug);
  const progress = courseProgress(
    course.units.map((u) => u.slug),
    rows,
  );
  const remaining = new Set(progress.remaining);
  return { unlocked: examUnlocked(progress), remaining: course.units.filter((u) => remaining.has(u.slug)) };
}
