import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** The user's own notes for a unit. Reflections are private: only ever read by their owner. */
export async function getOwnReflections(db: Kysely<Database>, userId: string, courseSlug: string, unitSlug: string) {
  const rows = await db
    .selectFrom('reflections')
    .select(['reflection_id', 'body', 'updated_at', 'locale'])
    .where('user_id', '=', userId)
    .where('course_slug', '=', courseSlug)
    .where('unit_slug', '=', unitSlug)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.reflection_id, { body: r.body, updatedAt: r.updated_at, locale: r.locale }]));
}

export async function saveReflection(
  db: Kysely<Database>,
  input: {
    userId: string;
    courseSlug: string;
    unitSlug: string;
    reflectionId: string;
    body: string;
    /** The edition (language) of the unit it was written in. */
    locale?: string;
  },
  now = Date.now(),
) {
  await db
    .insertInto('reflections')
    .values({
      user_id: input.userId,
      course_slug: input.courseSlug,
      unit_slug: input.unitSlug,
      reflection_id: input.reflectionId,
      body: input.body,
      updated_at: now,
      locale: input.locale ?? 'en',
    })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'course_slug', 'unit_slug', 'reflection_id'])
        .doUpdateSet({ body: input.body, updated_at: now, locale: input.locale ?? 'en' }),
    )
    .execute();
}
