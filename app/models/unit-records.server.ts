import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

// A renamed unit keeps its trainees' records: progress, quiz attempts and draws, reflections and
// time on task move from the old slug to the new one (docs/decisions/031-studio-edits-everything.md).

/**
 * Moves every record of unit `from` in `course` to unit `to`, in one transaction. Idempotent:
 * running it again moves nothing. Where a trainee already has a row under `to` in a table keyed
 * by unit (progress, reflections, time totals), their old row stays where it is rather than
 * overwrite the newer one. Returns the number of rows moved.
 */
export async function moveUnitRecords(db: Kysely<Database>, course: string, from: string, to: string): Promise<number> {
  if (from === to) return 0;
  return db.transaction().execute(async (trx) => {
    let moved = 0;
    const count = (r: { numUpdatedRows: bigint }[]) => {
      moved += r.reduce((n, x) => n + Number(x.numUpdatedRows), 0);
    };
    count(
      await trx
        .updateTable('unit_progress')
        .set({ unit_slug: to })
        .where('course_slug', '=', course)
        .where('unit_slug', '=', from)
        .where('user_id', 'not in', (q) =>
          q.selectFrom('unit_progress').select('user_id').where('course_slug', '=', course).where('unit_slug', '=', to),
        )
        .execute(),
    );
    count(
      await trx
        .updateTable('unit_time_totals')
        .set({ unit_slug: to })
        .where('course_slug', '=', course)
        .where('unit_slug', '=', from)
        .where('user_id', 'not in', (q) =>
          q.selectFrom('unit_time_totals').select('user_id').where('course_slug', '=', course).where('unit_slug', '=', to),
        )
        .execute(),
    );
    // Reflections are keyed by (user, course, unit, reflection id): move each one not already there.
    const taken = await trx
      .selectFrom('reflections')
      .select(['user_id', 'reflection_id'])
      .where('course_slug', '=', course)
      .where('unit_slug', '=', to)
      .execute();
    const takenKeys = new Set(taken.map((r) => `${r.user_id}\0${r.reflection_id}`));
    const mine = await trx
      .selectFrom('reflections')
      .select(['user_id', 'reflection_id'])
      .where('course_slug', '=', course)
      .where('unit_slug', '=', from)
      .execute();
    for (const r of mine) {
      if (takenKeys.has(`${r.user_id}\0${r.reflection_id}`)) continue;
      count(
        await trx
          .updateTable('reflections')
          .set({ unit_slug: to })
          .where('user_id', '=', r.user_id)
          .where('course_slug', '=', course)
          .where('unit_slug', '=', from)
          .where('reflection_id', '=', r.reflection_id)
          .execute(),
      );
    }
    for (const table of ['quiz_attempts', 'quiz_draws', 'unit_time_intervals'] as const)
      count(
        await trx
          .updateTable(table)
          .set({ unit_slug: to })
          .where('course_slug', '=', course)
          .where('unit_slug', '=', from)
          .execute(),
      );
    count(
      await trx
        .updateTable('unit_time_clocks')
        .set({ page_unit: to })
        .where('page_course', '=', course)
        .where('page_unit', '=', from)
        .execute(),
    );
    return moved;
  });
}

/** Moves the records of every redirected slug (course.yaml `redirects:`) to the unit it leads to. */
export async function applyUnitRedirects(
  db: Kysely<Database>,
  course: string,
  redirects: Record<string, string>,
): Promise<number> {
  let moved = 0;
  for (const [from, to] of Object.entries(redirects)) moved += await moveUnitRecords(db, course, from, to);
  return moved;
}
