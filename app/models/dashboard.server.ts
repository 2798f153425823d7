import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { buildDashboard, type DashboardInput } from '../domain/dashboard';
import { progressTrend } from '../domain/group-trend';

/**
 * Everything the cohort dashboard needs, in five queries whatever the cohort's size (no
 * query per trainee), then one pass in memory.
 */
export async function cohortDashboard(
  db: Kysely<Database>,
  cohortId: string,
  course: { slug: string; units: DashboardInput['units'] },
) {
  const memberIds = () =>
    db.selectFrom('cohort_members').select('cohort_members.user_id').where('cohort_members.cohort_id', '=', cohortId);
  const [members, progress, exams, quizActivity, time] = await Promise.all([
    db
      .selectFrom('cohort_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['u.id', 'u.name', 'u.email'])
      .where('m.cohort_id', '=', cohortId)
      .orderBy('u.name')
      .execute(),
    db
      .selectFrom('unit_progress')
      .select(['user_id', 'unit_slug', 'completed_at', 'best_percent', 'last_visited_at'])
      .where('course_slug', '=', course.slug)
      .where('user_id', 'in', memberIds())
      .execute(),
    db
      .selectFrom('exam_attempts')
      .select(['user_id', 'status', 'passed', 'final_percent', 'started_at', 'submitted_at'])
      .where('course_slug', '=', course.slug)
      .where('user_id', 'in', memberIds())
      .execute(),
    db
      .selectFrom('quiz_attempts')
      .select((eb) => ['user_id', eb.fn.max('submitted_at').as('last')])
      .where('course_slug', '=', course.slug)
      .where('user_id', 'in', memberIds())
      .groupBy('user_id')
      .execute(),
    db
      .selectFrom('unit_time_totals')
      .select(['user_id', 'unit_slug', 'seconds'])
      .where('course_slug', '=', course.slug)
      .where('user_id', 'in', memberIds())
      .execute(),
  ]);
  return buildDashboard({
    units: course.units,
    members,
    progress,
    exams,
    quizActivity: quizActivity.map((q) => ({ user_id: q.user_id, last: q.last === null ? null : Number(q.last) })),
    time: time.map((t) => ({ ...t, seconds: Number(t.seconds) })),
  });
}

/** Every exam attempt of the cohort's trainees, for the results export. */
export function cohortExamResults(db: Kysely<Database>, cohortId: string, courseSlug: string) {
  return db
    .selectFrom('exam_attempts as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .innerJoin('cohort_members as m', (j) => j.onRef('m.user_id', '=', 'a.user_id').on('m.cohort_id', '=', cohortId))
    .select([
      'u.name',
      'u.email',
      'a.id',
      'a.form_id',
      'a.status',
      'a.started_at',
      'a.submitted_at',
      'a.objective_correct',
      'a.objective_total',
      'a.written_points',
      'a.written_max',
      'a.final_percent',
      'a.passed',
      'a.grading_token',
      'a.locale',
    ])
    .where('a.course_slug', '=', courseSlug)
    .orderBy('u.name')
    .orderBy('a.started_at')
    .execute();
}

/** The group's unit completions by Pacific day, for the progress-over-time chart. */
export async function cohortProgressTrend(db: Kysely<Database>, cohortId: string, courseSlug: string) {
  const [rows, members] = await Promise.all([
    db
      .selectFrom('unit_progress as p')
      .innerJoin('cohort_members as m', 'm.user_id', 'p.user_id')
      .select('p.completed_at')
      .where('m.cohort_id', '=', cohortId)
      .where('p.course_slug', '=', courseSlug)
      .where('p.completed_at', 'is not', null)
      .execute(),
    db
      .selectFrom('cohort_members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('cohort_id', '=', cohortId)
      .executeTakeFirstOrThrow(),
  ]);
  return progressTrend(
    rows.map((r) => (r.completed_at === null ? null : Number(r.completed_at))),
    Number(members.n),
  );
}
